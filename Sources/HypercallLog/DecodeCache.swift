/// Values decoded from short byte strings, remembered by content in a fixed number of slots.
///
/// A value is only ever stored for the exact bytes it was decoded from, so a hit returns what
/// decoding those bytes would. Memory is constant: `slots` entries of at most `maxLength` bytes
/// each; a collision replaces the older entry.
struct ContentCache<Value> {
    private let maxLength: Int
    private let mask: Int
    /// Per slot: the hash (0 when empty) and length of the bytes stored.
    private var slots: [(hash: UInt64, length: Int)]
    private var values: [Value?]
    /// Slot i's bytes at `keys[i * maxLength ..< i * maxLength + length]`.
    private var keys: [UInt8]

    /// - Parameters:
    ///   - slots: a power of two.
    ///   - maxLength: longer byte strings are not cached.
    init(slots count: Int, maxLength: Int) {
        precondition(count > 0 && count & (count - 1) == 0, "slots must be a power of two")
        self.maxLength = maxLength
        mask = count - 1
        slots = Array(repeating: (0, 0), count: count)
        values = [Value?](repeating: nil, count: count)
        keys = [UInt8](repeating: 0, count: count * maxLength)
    }

    /// The value for `bytes`: the one stored for exactly these bytes, or `decode(bytes)`, stored.
    @inline(__always)
    mutating func value<E: Error>(for bytes: UnsafeRawBufferPointer, decode: (UnsafeRawBufferPointer) throws(E) -> Value) throws(E) -> Value {
        guard bytes.count <= maxLength, let base = bytes.baseAddress, !bytes.isEmpty else { return try decode(bytes) }
        let hash = Self.hash(base, bytes.count)
        let slot = Int(truncatingIfNeeded: hash >> 32) & mask
        let start = slot * maxLength
        if slots[slot] == (hash, bytes.count),
           keys.withUnsafeBufferPointer({ Self.equal(UnsafeRawPointer($0.baseAddress! + start), base, bytes.count) }), let known = values[slot] {
            return known
        }
        let value = try decode(bytes)
        slots[slot] = (hash, bytes.count)
        keys.withUnsafeMutableBufferPointer { ($0.baseAddress! + start).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        values[slot] = value
        return value
    }

    /// A multiplicative hash of the bytes, eight at a time (the last, partial group read as the
    /// last eight, or four, bytes); never 0, the hash of an empty slot.
    @inline(__always) private static func hash(_ base: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        @inline(__always) func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x100_0000_01B3
            hash ^= hash >> 29
        }
        if count >= 8 {
            var index = 0
            while count - index > 8 {
                mix(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            mix(base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        } else if count >= 4 {
            mix(UInt64(base.loadUnaligned(as: UInt32.self)) << 32 | UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
        } else {
            var tail: UInt64 = 0
            for index in 0..<count { tail = tail << 8 | UInt64(base.load(fromByteOffset: index, as: UInt8.self)) }
            mix(tail)
        }
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash == 0 ? 1 : hash
    }

    /// Byte equality by words, like `hash` (the byte strings here are short: no call to memcmp).
    @inline(__always) private static func equal(_ stored: UnsafeRawPointer, _ other: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            var index = 0
            while count - index > 8 {
                if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self) != other.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
                index += 8
            }
            return stored.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == other.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return stored.loadUnaligned(as: UInt32.self) == other.loadUnaligned(as: UInt32.self)
                && stored.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == other.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for index in 0..<count where stored.load(fromByteOffset: index, as: UInt8.self) != other.load(fromByteOffset: index, as: UInt8.self) { return false }
        return true
    }
}

/// What a `.hvl` reader remembers while it decodes owned entries: logs repeat a few sources,
/// phases, attribute lists and small blocks millions of times, and a hit shares the value (a
/// retain) instead of validating UTF-8 and allocating again.
final class EntryDecodeCache {
    /// Sources, phases, attribute keys and values, marker texts.
    @exclusivity(unchecked) private var strings = ContentCache<String>(slots: 256, maxLength: 48)
    /// The longest block shared: two registers (a fast call's input).
    static let maxCachedBlob = 16
    /// Input and output blocks up to `maxCachedBlob` bytes.
    @exclusivity(unchecked) private var blobs = ContentCache<[UInt8]>(slots: 256, maxLength: maxCachedBlob)
    /// Whole attribute lists, by the bytes of the payload's attribute part.
    @exclusivity(unchecked) private var attributeLists = ContentCache<[RecordAttribute]>(slots: 256, maxLength: 96)

    /// The source and the phase decoded last: they repeat record after record, and comparing two
    /// words is cheaper than looking them up.
    @exclusivity(unchecked) private var recentSource = RecentString()
    @exclusivity(unchecked) private var recentPhase = RecentString()

    @inline(__always) func string(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.isEmpty { return "" }
        return strings.value(for: bytes) { String(decoding: $0, as: UTF8.self) }
    }

    @inline(__always) func source(_ bytes: UnsafeRawBufferPointer) -> String { recent(&recentSource, bytes) }
    @inline(__always) func phase(_ bytes: UnsafeRawBufferPointer) -> String { recent(&recentPhase, bytes) }

    /// The string `memo` holds when `bytes` are its bytes; otherwise the shared one, remembered.
    @inline(__always) private func recent(_ memo: inout RecentString, _ bytes: UnsafeRawBufferPointer) -> String {
        if memo.key.matches(bytes) { return memo.value }
        let decoded = string(bytes)
        memo.remember(decoded, for: bytes)
        return decoded
    }

    @inline(__always) func blob(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        if bytes.isEmpty { return [] }
        return blobs.value(for: bytes) { Array($0) }
    }

    /// The attribute list that `part` (the rest of a payload) decodes to; `decode` must decode
    /// all of `part` or throw (a list is only remembered for bytes that decoded completely).
    @inline(__always)
    func attributes(_ part: UnsafeRawBufferPointer, decode: (UnsafeRawBufferPointer) throws -> [RecordAttribute]) throws -> [RecordAttribute] {
        try attributeLists.value(for: part, decode: decode)
    }
}

/// The string decoded last for one field, remembered by its bytes when they are short.
private struct RecentString {
    private(set) var key = ShortBytes(UnsafeRawBufferPointer(start: nil, count: 0))!
    private(set) var value = ""

    /// Remembers `value` as decoded from `bytes`; longer byte strings leave the pair as it was.
    @inline(__always) mutating func remember(_ value: String, for bytes: UnsafeRawBufferPointer) {
        if let short = ShortBytes(bytes) { (key, self.value) = (short, value) }
    }
}
