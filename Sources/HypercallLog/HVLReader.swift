/// Streams a `.hvl` log frame by frame.
///
/// A torn tail (a frame cut short by a crash) ends the log: every complete entry before it is
/// returned and `damage.ignoredTailBytes` says how much was left. A complete frame whose checks
/// fail is damage: an error naming its offset, or with `salvage` a skip to the next valid frame,
/// recorded in `damage.skipped`.
public final class HVLReader: LogReader {
    public let header: LogHeader
    public private(set) var damage = ReadDamageReport()
    private let input: InputFile
    private let salvage: Bool
    /// Shares repeated strings, small blocks and attribute lists between the entries `next()` returns.
    private let decodeCache = EntryDecodeCache()

    /// Opens `path` (`-` for standard input) and reads the header.
    public convenience init(path: String, salvage: Bool = false) throws {
        try self.init(input: InputFile(path: path), salvage: salvage)
    }

    init(input: InputFile, salvage: Bool) throws {
        self.input = input
        self.salvage = salvage
        header = try Self.readHeader(input)
    }

    /// The header, or an error that says why the file is not a readable `.hvl` log.
    private static func readHeader(_ input: InputFile) throws -> LogHeader {
        let fixed = HVLFormat.fixedHeaderSize
        func fail(_ message: String) -> LogReadError { LogReadError(path: input.path, offset: 0, message: message) }
        guard try input.fill(atLeast: fixed) >= fixed else {
            throw fail(input.available == 0 ? "empty file, not an hvlog log" : "file ends inside the \(fixed)-byte header")
        }
        let (total, header): (Int, LogHeader?) = try input.withAvailableBytes { bytes in
            guard bytes.prefix(8).elementsEqual(HVLFormat.magic) else { throw fail("not an .hvl log (magic bytes differ)") }
            var cursor = ByteCursor(bytes, offset: 8)
            let version = try cursor.readUInt16("version")
            guard version == HVLFormat.version else { throw fail("format version \(version) is not supported (this hvlog reads version \(HVLFormat.version))") }
            _ = try cursor.readUInt16("flags")
            let createdAt = try cursor.readUInt64("createdAt")
            let origin = try cursor.readUInt64("clockOrigin")
            let length = Int(try cursor.readUInt32("description length"))
            guard length <= HVLFormat.maxPayload else { throw fail("header description length \(length) is implausible: damaged header") }
            let total = fixed + length + 4
            guard bytes.count >= total else { return (total, nil) }
            let description = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[fixed..<fixed + length]), as: UTF8.self)
            let stored = bytes.loadUnaligned(fromByteOffset: fixed + length, as: UInt32.self)
            guard UInt32(littleEndian: stored) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<fixed + length])) else {
                throw fail("header checksum mismatch: damaged header")
            }
            return (total, LogHeader(createdAt: createdAt, clockOrigin: origin == HVLFormat.absentTime ? nil : origin, sourceDescription: description))
        }
        if let header {
            input.consume(total)
            return header
        }
        guard try input.fill(atLeast: total) >= total else { throw fail("file ends inside the header") }
        return try readHeader(input)
    }

    @inline(__always) public func next() throws -> LogEntry? {
        try nextDecoded { try HVLEntryCodec.decode($0, cache: decodeCache) }
    }

    @inline(__always) public func next(into record: inout HypercallRecord) throws -> EntryRead? {
        try nextDecoded { try HVLEntryCodec.decode($0, into: &record, cache: decodeCache) }
    }

    /// The next entry that `decode` makes of a frame's payload; a payload that passes its
    /// checksum but does not decode is damage (an error, or skipped with salvage).
    @inline(__always) func nextDecoded<T>(_ decode: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        while let payload = try nextPayload() {
            do {
                let entry = try decode(payload)
                input.consume(HVLFormat.frameHeaderSize + payload.count)  // the payload's bytes stay valid until the next fill
                return entry
            } catch {
                try damaged("frame passes its checksum but does not decode: \(error)")
            }
        }
        return nil
    }

    /// The payload of the next frame whose checks pass, still in the input buffer (not consumed);
    /// `nil` at the end of the log or at a torn tail.
    private func nextPayload() throws -> UnsafeRawBufferPointer? {
        while true {
            let available = try input.fill(atLeast: HVLFormat.frameHeaderSize)
            if available == 0 { return nil }
            if available < HVLFormat.frameHeaderSize { return endWithTornTail() }
            guard let length = HVLFormat.checkedPayloadLength(input.availableBytes) else {
                try damaged("frame length field is damaged")
                continue
            }
            let frameSize = HVLFormat.frameHeaderSize + length
            if try input.fill(atLeast: frameSize) < frameSize { return endWithTornTail() }
            let bytes = input.availableBytes
            guard HVLFormat.payloadChecksumMatches(bytes, payloadLength: length) else {
                try damaged("frame checksum mismatch (\(length)-byte payload)")
                continue
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[HVLFormat.frameHeaderSize..<frameSize])
            return payload
        }
    }

    private func endWithTornTail() -> UnsafeRawBufferPointer? {
        damage.ignoredTailBytes = input.available
        input.consume(input.available)
        return nil
    }

    /// Throws for damage at the current offset, or with salvage skips to the next valid frame.
    private func damaged(_ message: String) throws {
        let offset = input.consumedBytes
        guard salvage else { throw LogReadError(path: input.path, offset: offset, message: message + " (use --salvage to skip damaged frames)") }
        input.consume(1)
        var skipped = 1
        while try input.fill(atLeast: HVLFormat.frameHeaderSize) >= HVLFormat.frameHeaderSize {
            if try frameIsValidHere() { break }
            input.consume(1)
            skipped += 1
        }
        if input.available < HVLFormat.frameHeaderSize {
            skipped += input.available
            input.consume(input.available)
        }
        damage.skipped.append((offset: offset, length: skipped))
    }

    /// Whether a complete frame with valid checks starts at the current position.
    private func frameIsValidHere() throws -> Bool {
        guard let length = input.withAvailableBytes(HVLFormat.checkedPayloadLength) else { return false }
        let frameSize = HVLFormat.frameHeaderSize + length
        guard try input.fill(atLeast: frameSize) >= frameSize else { return false }
        return input.withAvailableBytes { HVLFormat.payloadChecksumMatches($0, payloadLength: length) }
    }
}
