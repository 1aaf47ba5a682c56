/// Counts transitions and n-grams (n = 2…5) between consecutive calls of the same VP within one
/// phase. A VP's stream is identified by its log, partition and VP index (or, when the capture
/// does not know the VP, the thread that ran it); a phase change starts its stream afresh.
struct SequenceTracker {
    /// Identifies one VP's stream of calls.
    struct StreamKey: Hashable {
        var log: Int
        var role: UInt8
        var partition: UInt64?
        var vp: UInt64
    }

    private struct Stream {
        /// The last (up to) four call codes, newest in the low 16 bits.
        var history: UInt64 = 0
        var length = 0
        var phase = -1
    }

    static let longest = 5
    private var streamIndex: [StreamKey: Int] = [:]
    private var streams: [Stream] = []
    private var lastKey: StreamKey?
    private var lastStream = 0
    /// Key: phase << 32 | from << 16 | to.
    private(set) var transitions = CountTable()
    /// Key: n << 80 | codes (oldest in the highest 16 bits).
    private(set) var ngrams = CountTable()

    @inline(__always)
    mutating func observe(code: UInt16, phase: Int, stream key: StreamKey) {
        let index: Int
        if key == lastKey {
            index = lastStream
        } else {
            if let known = streamIndex[key] {
                index = known
            } else {
                index = streams.count
                streams.append(Stream())
                streamIndex[key] = index
            }
            lastKey = key
            lastStream = index
        }
        var stream = streams[index]
        if stream.phase != phase {
            stream = Stream(history: 0, length: 0, phase: phase)
        }
        if stream.length > 0 {
            let previous = UInt128(stream.history & 0xFFFF)
            transitions.add(UInt128(phase) << 32 | previous << 16 | UInt128(code))
            for n in 2...min(Self.longest, stream.length + 1) {
                let earlier = UInt128(stream.history & (UInt64.max >> (64 - 16 * UInt64(n - 1))))
                ngrams.add(UInt128(n) << 80 | earlier << 16 | UInt128(code))
            }
        }
        stream.history = stream.history << 16 | UInt64(code)
        stream.length = min(stream.length + 1, Self.longest - 1)
        streams[index] = stream
    }

    /// Splits an n-gram key into its codes, oldest first.
    static func codes(ofNGram key: UInt128) -> [UInt16] {
        let n = Int(key >> 80)
        return (0..<n).map { position in UInt16(truncatingIfNeeded: key >> (16 * UInt128(n - 1 - position))) }
    }
}
