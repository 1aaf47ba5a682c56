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

    /// Counts `count` bytes the caller stored directly into reserved room.
    @inline(__always) mutating func appendRaw(count added: Int) { count += added }

    @inline(__always) mutating func append<T: FixedWidthInteger>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        appendReserved(value)
    }

    @inline(__always) mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// The UTF-8 bytes of a string, without a length.
    @inline(__always) mutating func appendUTF8(_ string: String) {
        if let done: Void = string.utf8.withContiguousStorageIfAvailable({ append(bytes: UnsafeRawBufferPointer($0)) }) { return done }
        var copy = string
        copy.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A string as a 32-bit length and its UTF-8 bytes.
    mutating func appendString(_ string: String) {
        append(UInt32(string.utf8.count))
        appendUTF8(string)
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

    mutating func readBlob(_ field: StaticString) throws(Overrun) -> [UInt8] {
        let slice = try readSlice(field)
        return slice.isEmpty ? [] : Array(slice)
    }

    /// The bytes from the current offset to the end, without moving.
    var remainingBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[offset...]) }

    /// Moves to the end of the buffer.
    mutating func skipToEnd() { offset = buffer.count }
}
