/// Constants of the `.hvl` binary log format (specified byte by byte in docs/hvl-format.md).
public enum HVLFormat {
    /// The first 8 bytes of every `.hvl` file: 0x89 'H' 'V' 'L' CR LF 0x1A LF, so that text-mode
    /// transfers and `file`-style sniffing see at once that it is binary.
    public static let magic: [UInt8] = [0x89, 0x48, 0x56, 0x4C, 0x0D, 0x0A, 0x1A, 0x0A]
    public static let version: UInt16 = 1
    /// Bytes before a frame's payload: length, length check, payload CRC.
    static let frameHeaderSize = 12
    /// Frames larger than this are damage, not data.
    static let maxPayload = 64 << 20
    /// Header bytes before the source description: magic, version, flags, createdAt, clockOrigin, length.
    static let fixedHeaderSize = 32
    static let absentTime = UInt64.max

    /// The length check stored after a frame's length: CRC-32C of the 4 length bytes, so that a
    /// flipped bit in a length is told apart from a log cut short.
    static func lengthCheck(_ length: UInt32) -> UInt32 {
        withUnsafeBytes(of: length.littleEndian) { CRC32C.checksum($0) }
    }

    /// The payload length announced by the frame header at the start of `bytes` (at least
    /// `frameHeaderSize` bytes), or nil when its length check fails or it exceeds `maxPayload`.
    static func checkedPayloadLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let length = UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self))
        let check = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        return check == lengthCheck(length) && Int(length) <= maxPayload ? Int(length) : nil
    }

    /// Whether the stored CRC of the complete frame at the start of `bytes` matches its payload.
    static func payloadChecksumMatches(_ bytes: UnsafeRawBufferPointer, payloadLength: Int) -> Bool {
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        return stored == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[frameHeaderSize..<(frameHeaderSize + payloadLength)]))
    }

    static func encodeHeader(_ header: LogHeader) -> [UInt8] {
        var writer = ByteWriter(reservingCapacity: 64)
        magic.withUnsafeBytes { writer.append(bytes: $0) }
        writer.append(version)
        writer.append(UInt16(0))
        writer.append(header.createdAt)
        writer.append(header.clockOrigin ?? absentTime)
        writer.appendString(header.sourceDescription)
        let crc = writer.withUnsafeBytes { CRC32C.checksum($0) }
        writer.append(crc)
        return writer.bytes
    }

    /// Appends one frame holding `entry` to `writer`.
    static func appendFrame(_ entry: LogEntry, to writer: inout ByteWriter) {
        let start = writer.count
        writer.append(UInt64(0))
        writer.append(UInt32(0))
        HVLEntryCodec.encode(entry, into: &writer)
        let length = UInt32(writer.count - start - frameHeaderSize)
        let crc = writer.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + frameHeaderSize)...])) }
        writer.patch(length, at: start)
        writer.patch(lengthCheck(length), at: start + 4)
        writer.patch(crc, at: start + 8)
    }
}
