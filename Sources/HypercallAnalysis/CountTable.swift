/// Counts occurrences of 128-bit keys in an open-addressing hash table (linear probing).
///
/// The aggregation hot path packs what it counts (a transition, an n-gram, a parameter value)
/// into one integer key, so that counting costs a multiply, a shift and usually one probe, with
/// no allocation per record. Memory grows with the number of distinct keys only.
struct CountTable {
    /// A slot is empty while its count is 0 (every stored key has a count of at least 1).
    private struct Slot {
        var key: UInt128
        var count: Int
    }

    private var slots: [Slot]
    private var mask: Int
    /// Number of distinct keys.
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, count: 0), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(for key: UInt128) -> Int {
        let folded = UInt64(truncatingIfNeeded: key) ^ (UInt64(truncatingIfNeeded: key >> 64) &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `amount` (at least 1) to the count of `key`; true when the key is new.
    @inline(__always) @discardableResult
    mutating func add(_ key: UInt128, _ amount: Int = 1) -> Bool {
        var index = slot(for: key)
        let isNew: Bool = slots.withUnsafeMutableBufferPointer { slots in
            while slots[index].count > 0 {
                if slots[index].key == key {
                    slots[index].count += amount
                    return false
                }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: key, count: amount)
            return true
        }
        if isNew {
            count += 1
            if count * 2 > slots.count { grow() }
        }
        return isNew
    }

    /// The count of `key` (0 when never added).
    func count(of key: UInt128) -> Int {
        var index = slot(for: key)
        while slots[index].count > 0 {
            if slots[index].key == key { return slots[index].count }
            index = (index + 1) & mask
        }
        return 0
    }

    /// Every key with its count, in no particular order.
    var entries: [(key: UInt128, count: Int)] {
        slots.compactMap { $0.count > 0 ? ($0.key, $0.count) : nil }
    }

    private mutating func grow() {
        let old = entries
        self = CountTable(capacity: slots.count)
        for (key, amount) in old { add(key, amount) }
    }
}
