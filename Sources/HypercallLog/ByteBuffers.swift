/// Little-endian appends into a growable byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func append(_ value: UInt8) { bytes.append(value) }
    @inline(__always) mutating func append(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    @inline(__always) mutating func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    @inline(__always) mutating func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

    /// A string as a 32-bit length and its UTF-8 bytes.
    mutating func appendString(_ string: String) {
        var copy = string
        copy.withUTF8 { utf8 in
            append(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Bytes as a 32-bit length and the bytes.
    mutating func appendBlob(_ blob: [UInt8]) {
        append(UInt32(blob.count))
        bytes.append(contentsOf: blob)
    }

    /// Overwrites 4 bytes at `offset` (for lengths and checksums known only afterwards).
    mutating func patch(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { source in
            for index in 0..<4 { bytes[offset + index] = source[index] }
        }
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

    @inline(__always) mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: StaticString) throws(Overrun) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw Overrun(offset: offset, needed: size, field: field) }
        let value = T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += size
        return value
    }

    /// A 32-bit length and that many bytes.
    mutating func readSlice(_ field: StaticString) throws(Overrun) -> UnsafeRawBufferPointer {
        let count = Int(try read(UInt32.self, field))
        guard remaining >= count else { throw Overrun(offset: offset, needed: count, field: field) }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + count])
    }

    mutating func readString(_ field: StaticString) throws(Overrun) -> String {
        String(decoding: try readSlice(field), as: UTF8.self)
    }

    mutating func readBlob(_ field: StaticString) throws(Overrun) -> [UInt8] {
        Array(try readSlice(field))
    }
}
