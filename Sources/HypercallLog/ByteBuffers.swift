#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Little-endian appends into a growable buffer that the writer owns (no per-append checks beyond capacity).
struct ByteWriter: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private var capacity: Int

    init(reservingCapacity capacity: Int = 256) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: base, count: count)) }
    var isEmpty: Bool { count == 0 }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    mutating func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes.
    @inline(__always) mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never) private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends an integer little-endian; the caller has reserved the room.
    @inline(__always) mutating func appendReserved<T: FixedWidthInteger>(_ value: T) {
        base.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Reserves `upperBound` bytes at the end and returns stores into them; `commit` counts what
    /// they stored. The offset lives in the returned value, a local of the caller, so that a run
    /// of stores through the raw pointer does not reload and store the writer's count each time.
    @inline(__always) mutating func beginStores(upTo upperBound: Int) -> ReservedStores {
        reserve(upperBound)
        return ReservedStores(base: base + count, limit: upperBound)
    }

    @inline(__always) mutating func commit(_ stores: ReservedStores) {
        precondition(stores.offset <= stores.limit, "stored past the reserved room")
        count += stores.offset
    }

    /// Counts `count` bytes the caller stored directly into reserved room.
    @inline(__always) mutating func appendRaw(count added: Int) { count += added }

    @inline(__always) mutating func append<T: FixedWidthInteger>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        appendReserved(value)
    }

    @inline(__always) mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let length = bytes.count
        reserve(length + 16)  // room for the small-copy path's whole words
        let target = base + count
        if length <= 16 {
            // Two overlapping loads and stores cover 1–16 bytes without a call to memcpy.
            if length >= 8 {
                target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                (target + length - 8).storeBytes(of: source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self), as: UInt64.self)
            } else if length >= 4 {
                target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
                (target + length - 4).storeBytes(of: source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self), as: UInt32.self)
            } else {
                target.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
                (target + length / 2).storeBytes(of: source.load(fromByteOffset: length / 2, as: UInt8.self), as: UInt8.self)
                (target + length - 1).storeBytes(of: source.load(fromByteOffset: length - 1, as: UInt8.self), as: UInt8.self)
            }
        } else {
            target.copyMemory(from: source, byteCount: length)
        }
        count += length
    }

    /// The UTF-8 bytes of a string, without a length.
    @inline(__always) mutating func appendUTF8(_ string: String) {
        if let done: Void = string.utf8.withContiguousStorageIfAvailable({ append(bytes: UnsafeRawBufferPointer($0)) }) { return done }
        var copy = string
        copy.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A string as a 32-bit length and its UTF-8 bytes.
    @inline(__always) mutating func appendString(_ string: String) {
        if let done: Void = string.utf8.withContiguousStorageIfAvailable({
            append(UInt32($0.count))
            append(bytes: UnsafeRawBufferPointer($0))
        }) { return done }
        var copy = string
        copy.withUTF8 {
            append(UInt32($0.count))
            append(bytes: UnsafeRawBufferPointer($0))
        }
    }

    /// Bytes as a 32-bit length and the bytes.
    mutating func appendBlob(_ blob: [UInt8]) {
        append(UInt32(blob.count))
        blob.withUnsafeBytes { append(bytes: $0) }
    }

    /// Overwrites 4 bytes at `offset` (for lengths and checksums known only afterwards).
    mutating func patch(_ value: UInt32, at offset: Int) {
        precondition(offset + 4 <= count)
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
}

/// Little-endian stores into room a `ByteWriter` reserved (`beginStores`).
struct ReservedStores {
    let base: UnsafeMutableRawPointer
    let limit: Int
    private(set) var offset = 0

    init(base: UnsafeMutableRawPointer, limit: Int) {
        self.base = base
        self.limit = limit
    }

    @inline(__always) mutating func store<T: FixedWidthInteger>(_ value: T) {
        base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
    }
}

/// Bounds-checked little-endian reads from a byte buffer; running past the end throws.
struct ByteCursor {
    struct Overrun: Error {
        let offset: Int
        let needed: Int
        let field: StaticString
    }

    let buffer: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    var remaining: Int { buffer.count - offset }

    @inline(__always) private mutating func take(_ size: Int, _ field: StaticString) throws(Overrun) -> Int {
        guard buffer.count - offset >= size else { throw Overrun(offset: offset, needed: size, field: field) }
        defer { offset += size }
        return offset
    }

    @inline(__always) mutating func readUInt8(_ field: StaticString) throws(Overrun) -> UInt8 {
        buffer.load(fromByteOffset: try take(1, field), as: UInt8.self)
    }

    @inline(__always) mutating func readUInt16(_ field: StaticString) throws(Overrun) -> UInt16 {
        UInt16(littleEndian: buffer.loadUnaligned(fromByteOffset: try take(2, field), as: UInt16.self))
    }

    @inline(__always) mutating func readUInt32(_ field: StaticString) throws(Overrun) -> UInt32 {
        UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: try take(4, field), as: UInt32.self))
    }

    @inline(__always) mutating func readUInt64(_ field: StaticString) throws(Overrun) -> UInt64 {
        UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: try take(8, field), as: UInt64.self))
    }

    /// A little-endian integer the caller made sure is there (checked `remaining` first).
    @inline(__always) mutating func readUnchecked<T: FixedWidthInteger>(_: T.Type = T.self) -> T {
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: buffer.baseAddress!.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// A 32-bit length and that many bytes.
    @inline(__always) mutating func readSlice(_ field: StaticString) throws(Overrun) -> UnsafeRawBufferPointer {
        let count = Int(try readUInt32(field))
        let start = try take(count, field)
        return UnsafeRawBufferPointer(rebasing: buffer[start..<start + count])
    }

    mutating func readString(_ field: StaticString) throws(Overrun) -> String {
        let slice = try readSlice(field)
        return slice.isEmpty ? "" : String(decoding: slice, as: UTF8.self)
    }

    /// The bytes from the current offset to the end, without moving.
    var remainingBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[offset...]) }

    /// Moves to the end of the buffer.
    mutating func skipToEnd() { offset = buffer.count }
}

extension Array {
    /// Whether both arrays are empty or use the same storage. Arrays copy on write, so a list
    /// still in the storage it was given holds exactly the elements it was given.
    @inline(__always) func isSameStorage(as other: [Element]) -> Bool {
        count == other.count && (isEmpty || withUnsafeBufferPointer { mine in other.withUnsafeBufferPointer { mine.baseAddress == $0.baseAddress } })
    }
}

extension UnsafeRawBufferPointer {
    /// Byte equality with `other` by `memcmp`.
    @inline(__always) func bytesEqual(_ other: UnsafeRawBufferPointer) -> Bool {
        count == other.count && (count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0)
    }
}
