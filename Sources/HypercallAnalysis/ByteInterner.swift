/// Gives each distinct byte string (a phase name, an attribute key or value) a small integer id,
/// without making a `String` per lookup: the bytes are hashed and compared in place.
struct ByteInterner {
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    private var table: [Int32]
    private var mask: Int

    init() {
        table = Array(repeating: -1, count: 64)
        mask = 63
    }

    /// Number of distinct strings.
    var count: Int { starts.count - 1 }

    /// The id of `bytes`, adding them if new.
    @inline(__always)
    mutating func id(of bytes: UnsafeRawBufferPointer) -> Int {
        var index = Self.hash(bytes) & mask
        while table[index] >= 0 {
            let candidate = Int(table[index])
            if equals(candidate, bytes) { return candidate }
            index = (index + 1) & mask
        }
        let id = count
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        table[index] = Int32(id)
        if count * 2 > table.count { rehash() }
        return id
    }

    /// The id of `bytes` if they were added before.
    func existingID(of bytes: UnsafeRawBufferPointer) -> Int? {
        var index = Self.hash(bytes) & mask
        while table[index] >= 0 {
            if equals(Int(table[index]), bytes) { return Int(table[index]) }
            index = (index + 1) & mask
        }
        return nil
    }

    /// The id of `string`, adding it if new.
    mutating func id(of string: String) -> Int {
        var copy = string
        return copy.withUTF8 { id(of: UnsafeRawBufferPointer($0)) }
    }

    /// The string with id `id`.
    func string(_ id: Int) -> String {
        String(decoding: storage[starts[id]..<starts[id + 1]], as: UTF8.self)
    }

    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id], end = starts[id + 1]
        guard end - start == bytes.count else { return false }
        return storage.withUnsafeBytes { stored in
            bytes.isEmpty || memcmp(stored.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// FNV-1a over the bytes, then mixed so that the low bits spread.
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 32)
    }

    private mutating func rehash() {
        let size = table.count * 2
        table = Array(repeating: -1, count: size)
        mask = size - 1
        storage.withUnsafeBytes { stored in
            for id in 0..<count {
                let bytes = UnsafeRawBufferPointer(rebasing: stored[starts[id]..<starts[id + 1]])
                var index = Self.hash(bytes) & mask
                while table[index] >= 0 { index = (index + 1) & mask }
                table[index] = Int32(id)
            }
        }
    }
}

/// Whether `bytes` hold exactly `other`.
@inline(__always)
func bytesEqual(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]) -> Bool {
    bytes.count == other.count && other.withUnsafeBytes { bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
