/// Counts occurrences of 128-bit keys in an open-addressing hash table (linear probing).
///
/// The aggregation hot path packs what it counts (a transition, an n-gram, a code × column cell)
/// into one integer key, so that counting costs a multiply, a shift and usually one probe, with
/// no allocation per record. Memory grows with the number of distinct keys only.
struct CountTable {
    private var keys: [UInt128]
    private var counts: [Int]
    private var used: [Bool]
    private var mask: Int
    /// Number of distinct keys.
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        used = Array(repeating: false, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(for key: UInt128) -> Int {
        let folded = UInt64(truncatingIfNeeded: key) ^ (UInt64(truncatingIfNeeded: key >> 64) &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `amount` to the count of `key`; true when the key is new.
    @inline(__always) @discardableResult
    mutating func add(_ key: UInt128, _ amount: Int = 1) -> Bool {
        var index = slot(for: key)
        while used[index] {
            if keys[index] == key {
                counts[index] += amount
                return false
            }
            index = (index + 1) & mask
        }
        used[index] = true
        keys[index] = key
        counts[index] = amount
        count += 1
        if count * 2 > keys.count { grow() }
        return true
    }

    /// The count of `key` (0 when never added).
    func count(of key: UInt128) -> Int {
        var index = slot(for: key)
        while used[index] {
            if keys[index] == key { return counts[index] }
            index = (index + 1) & mask
        }
        return 0
    }

    /// Every key with its count, in no particular order.
    var entries: [(key: UInt128, count: Int)] {
        keys.indices.compactMap { used[$0] ? (keys[$0], counts[$0]) : nil }
    }

    private mutating func grow() {
        let old = entries
        self = CountTable(capacity: keys.count)
        for (key, amount) in old { add(key, amount) }
    }
}
