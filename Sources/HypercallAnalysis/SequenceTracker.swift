import HypercallLog

/// Counts transitions and n-grams (n = 2…5) between consecutive calls of the same VP within one
/// phase. A VP's stream is identified by its log, partition and VP index (or, when the capture
/// does not know the VP, the thread that ran it); a phase change starts its stream afresh.
/// Finding a stream costs no hashing in the common case (same partition, small VP index).
struct SequenceTracker {
    /// Identifies the partition a stream belongs to: log, role and partition id packed in two
    /// words, so that the hot path compares it with the previous call's in two instructions.
    struct PartitionKey: Hashable {
        private var logRoleAndPresence: UInt64
        private var partition: UInt64

        init(log: Int, role: PartitionRole, partition: UInt64?) {
            logRoleAndPresence = UInt64(log) << 9 | UInt64(role.rawValue) << 1 | (partition == nil ? 0 : 1)
            self.partition = partition ?? 0
        }
    }

    private struct Stream {
        /// The last (up to) four call codes, newest in the low 16 bits.
        var history: UInt64 = 0
        var length = 0
        var phase = -1
    }

    /// A partition's streams: by VP index when small (a direct array), else by hash.
    private struct PartitionStreams {
        var byIndex: [Int32] = []
        var byLargeID: [UInt64: Int] = [:]
    }

    static let longest = 5
    private static let directLimit: UInt64 = 1 << 16
    private var partitionIndex: [PartitionKey: Int] = [:]
    private var partitions: [PartitionStreams] = []
    private var lastPartition: PartitionKey?
    private var lastPartitionIndex = 0
    private var streams: [Stream] = []
    /// Each call counts once, as the longest run of up to five calls of its stream (same phase)
    /// that ends with it. Every shorter n-gram ending at that call is a suffix of this run, so
    /// transitions and n-grams are summed from these counts when the report is made: one table
    /// update per call instead of five. Key: phase << 83 | n << 80 | codes (oldest highest).
    private(set) var runs = CountTable()
    /// The stream of VP (or thread) `id` in `partition`, created when new.
    @inline(__always)
    private mutating func streamIndex(_ partition: PartitionKey, _ id: UInt64) -> Int {
        if partition != lastPartition {
            if let known = partitionIndex[partition] {
                lastPartitionIndex = known
            } else {
                lastPartitionIndex = partitions.count
                partitions.append(PartitionStreams())
                partitionIndex[partition] = lastPartitionIndex
            }
            lastPartition = partition
        }
        let owner = lastPartitionIndex
        if id < Self.directLimit {
            let slot = Int(id)
            if slot < partitions[owner].byIndex.count, partitions[owner].byIndex[slot] > 0 { return Int(partitions[owner].byIndex[slot]) - 1 }
            if slot >= partitions[owner].byIndex.count {
                partitions[owner].byIndex.append(contentsOf: repeatElement(0, count: slot + 1 - partitions[owner].byIndex.count))
            }
            streams.append(Stream())
            partitions[owner].byIndex[slot] = Int32(streams.count)
            return streams.count - 1
        }
        if let known = partitions[owner].byLargeID[id] { return known }
        streams.append(Stream())
        partitions[owner].byLargeID[id] = streams.count - 1
        return streams.count - 1
    }

    @inline(__always)
    mutating func observe(code: UInt16, phase: Int, partition: PartitionKey, stream id: UInt64) {
        let index = streamIndex(partition, id)
        var stream = streams[index]
        if stream.phase != phase {
            stream = Stream(history: 0, length: 0, phase: phase)
        }
        if stream.length > 0 {
            let n = stream.length + 1
            let earlier = UInt128(stream.history & (UInt64.max >> (64 - 16 * UInt64(n - 1))))
            runs.add(UInt128(phase) << 83 | UInt128(n) << 80 | earlier << 16 | UInt128(code))
        }
        stream.history = stream.history << 16 | UInt64(code)
        stream.length = min(stream.length + 1, Self.longest - 1)
        streams[index] = stream
    }

    /// Transitions per phase, key phase << 32 | from << 16 | to, with their counts.
    func transitions() -> [(key: UInt128, count: Int)] {
        var table = CountTable()
        for (key, count) in runs.entries {
            table.add((key >> 83) << 32 | (key & 0xFFFF_FFFF), count)
        }
        return table.entries
    }

    /// N-grams over all phases for n = 2…5, key n << 80 | codes, with their counts.
    func ngrams() -> [(key: UInt128, count: Int)] {
        var table = CountTable()
        for (key, count) in runs.entries {
            let longest = Int((key >> 80) & 7)
            for n in 2...longest {
                let codes = key & ((1 << (16 * UInt128(n))) - 1)
                table.add(UInt128(n) << 80 | codes, count)
            }
        }
        return table.entries
    }

    /// Splits an n-gram key into its codes, oldest first.
    static func codes(ofNGram key: UInt128) -> [UInt16] {
        let n = Int((key >> 80) & 7)
        return (0..<n).map { position in UInt16(truncatingIfNeeded: key >> (16 * UInt128(n - 1 - position))) }
    }
}
