/// A log-linear histogram of handler durations in nanoseconds, for percentiles in constant memory.
///
/// Values below 128 ns are counted exactly; above, each power of two is split into 64 buckets, so
/// a percentile is the lower bound of its bucket: at most 1/64 (1.6%) below the true value, never
/// above it. The maximum is kept exactly.
struct DurationHistogram: Sendable {
    private static let exactLimit: UInt64 = 128
    private static let subBucketBits = 6
    private var buckets: [UInt64] = []
    private(set) var count: UInt64 = 0
    private(set) var maximum: UInt64 = 0

    @inline(__always)
    private static func bucket(of value: UInt64) -> Int {
        guard value >= exactLimit else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount  // ≥ 7
        let shift = exponent - subBucketBits
        let sub = Int((value >> UInt64(shift)) & 63)
        return Int(exactLimit) + (exponent - 7) * 64 + sub
    }

    /// The smallest value that falls into bucket `index`.
    private static func lowerBound(of index: Int) -> UInt64 {
        guard index >= Int(exactLimit) else { return UInt64(index) }
        let exponent = (index - Int(exactLimit)) / 64 + 7
        let sub = UInt64((index - Int(exactLimit)) % 64)
        return (64 + sub) << UInt64(exponent - subBucketBits)
    }

    @inline(__always)
    mutating func add(_ value: UInt64) {
        let index = Self.bucket(of: value)
        if index >= buckets.count { buckets.append(contentsOf: repeatElement(0, count: index + 1 - buckets.count)) }
        buckets[index] += 1
        count += 1
        if value > maximum { maximum = value }
    }

    /// The nearest-rank percentile `percent` (0 < percent ≤ 100), or nil when empty.
    func percentile(_ percent: Double) -> UInt64? {
        guard count > 0 else { return nil }
        let rank = max(1, UInt64((percent / 100 * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (index, bucketCount) in buckets.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return min(Self.lowerBound(of: index), maximum) }
        }
        return maximum
    }

    mutating func merge(_ other: DurationHistogram) {
        if other.buckets.count > buckets.count { buckets.append(contentsOf: repeatElement(0, count: other.buckets.count - buckets.count)) }
        for (index, value) in other.buckets.enumerated() { buckets[index] += value }
        count += other.count
        maximum = max(maximum, other.maximum)
    }
}
