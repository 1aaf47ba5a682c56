/// Calls per time bucket for one log, in constant memory: the bucket width starts at one
/// millisecond and doubles (merging neighbours) whenever the log outgrows `maxBuckets`.
struct TimelineAccumulator {
    static let maxBuckets = 1024
    private(set) var bucketNanoseconds: UInt64 = 1_000_000
    private(set) var counts: [Int] = []
    /// The log's first timestamp: time 0 of the timeline.
    private(set) var origin: UInt64?

    /// Sets the origin if none yet; returns the offset of `time` from it (0 if earlier).
    @inline(__always)
    mutating func offset(of time: UInt64) -> UInt64 {
        guard let origin else {
            self.origin = time
            return 0
        }
        return time >= origin ? time - origin : 0
    }

    @inline(__always)
    mutating func add(at time: UInt64) {
        let offset = offset(of: time)
        while offset / bucketNanoseconds >= UInt64(Self.maxBuckets) { widen() }
        let bucket = offset / bucketNanoseconds
        let index = Int(bucket)
        if index >= counts.count { counts.append(contentsOf: repeatElement(0, count: index + 1 - counts.count)) }
        counts[index] += 1
    }

    private mutating func widen() {
        bucketNanoseconds *= 2
        counts = stride(from: 0, to: counts.count, by: 2).map { counts[$0] + ($0 + 1 < counts.count ? counts[$0 + 1] : 0) }
    }
}
