#if canImport(Glibc)
import Glibc
#endif
import HypercallABI

/// Streams a JSON Lines log line by line.
///
/// Decoded names (`name`, `status`, `repsCompleted`, `code`) are for people and are ignored on input;
/// the raw values (`hiv`, `hrv`) are the truth. Unknown members are skipped. A last line without its
/// newline that does not parse is a torn tail; any other bad line is an error naming its line
/// number, or with `salvage` is skipped and reported.
public final class JSONLReader: LogReader {
    public private(set) var header: LogHeader
    public private(set) var damage = ReadDamageReport()
    private let input: InputFile
    private let salvage: Bool
    private var lineNumber = 0

    public convenience init(path: String, salvage: Bool = false) throws {
        try self.init(input: InputFile(path: path), salvage: salvage)
    }

    init(input: InputFile, salvage: Bool) throws {
        self.input = input
        let path = input.path
        self.salvage = salvage
        header = LogHeader(createdAt: 0, sourceDescription: "")
        guard let first = try nextLine() else {
            throw LogReadError(path: path, line: 1, message: "empty file, not an hvlog JSON Lines log")
        }
        do {
            header = try first.line.withUnsafeBytes { try Self.parseHeader($0) }
        } catch let error as JSONScanner.SyntaxError {
            throw LogReadError(path: path, line: 1, message: "column \(error.column): \(error.message)")
        }
    }

    /// The next line's bytes (without the newline) and whether it ended with one.
    private func nextLine() throws -> (line: [UInt8], offset: Int, terminated: Bool)? {
        var searched = 0
        while true {
            let newline: Int? = input.withAvailableBytes { bytes in
                guard bytes.count > searched else { return nil }
                guard let found = memchr(bytes.baseAddress! + searched, 0x0A, bytes.count - searched) else { return nil }
                return bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
            }
            if let newline {
                lineNumber += 1
                let offset = input.consumedBytes
                let line = input.withAvailableBytes { Array($0[0..<newline]) }
                input.consume(newline + 1)
                return (line, offset, true)
            }
            searched = input.available
            if input.reachedEnd {
                guard input.available > 0 else { return nil }
                lineNumber += 1
                let offset = input.consumedBytes
                let line = input.withAvailableBytes { Array($0) }
                input.consume(input.available)
                return (line, offset, false)
            }
            try input.fill(atLeast: input.available + 1)
        }
    }

    public func next() throws -> LogEntry? {
        while let (line, offset, terminated) = try nextLine() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                return try line.withUnsafeBytes { try Self.parseEntry($0) }
            } catch {
                let message = (error as? JSONScanner.SyntaxError).map { "column \($0.column): \($0.message)" } ?? "\(error)"
                if !terminated {
                    damage.ignoredTailBytes = line.count
                    return nil
                }
                guard salvage else {
                    throw LogReadError(path: input.path, line: lineNumber, message: message + " (use --salvage to skip bad lines)")
                }
                damage.skipped.append((offset: offset, length: line.count + 1))
            }
        }
        return nil
    }

    static func parseHeader(_ bytes: UnsafeRawBufferPointer) throws -> LogHeader {
        var scanner = JSONScanner(bytes)
        var header = LogHeader(createdAt: 0, sourceDescription: "")
        var isHeader = false
        try scanner.forEachMember { scanner, key in
            if keyEquals(key, "type") {
                isHeader = keyEquals(try scanner.readRawString(), "header")
            } else if keyEquals(key, "format") {
                guard keyEquals(try scanner.readRawString(), "hvlog") else { throw JSONScanner.SyntaxError(column: 1, message: "not an hvlog log (format is not \"hvlog\")") }
            } else if keyEquals(key, "version") {
                let version = try scanner.readUnsigned()
                guard version == 1 else { throw JSONScanner.SyntaxError(column: 1, message: "JSON Lines log version \(version) is not supported") }
            } else if keyEquals(key, "createdAt") {
                header.createdAt = try scanner.readUnsigned()
            } else if keyEquals(key, "clockOrigin") {
                header.clockOrigin = try scanner.readUnsigned()
            } else if keyEquals(key, "source") {
                header.sourceDescription = try scanner.readString()
            } else {
                try scanner.skipValue()
            }
        }
        guard isHeader else { throw JSONScanner.SyntaxError(column: 1, message: "first line is not an hvlog header ({\"type\":\"header\",…})") }
        return header
    }

    static func parseEntry(_ bytes: UnsafeRawBufferPointer) throws -> LogEntry {
        var scanner = JSONScanner(bytes)
        var record = HypercallRecord(sequence: 0, source: "", inputValue: HypercallInputValue(rawValue: 0))
        var marker = LogMarker(sequence: 0, kind: .annotation, source: "", text: "")
        enum Kind { case unknown, call, marker }
        var kind = Kind.unknown
        var seen = (sequence: false, hiv: false, text: false, kind: false)
        func fail(_ message: String) -> JSONScanner.SyntaxError { JSONScanner.SyntaxError(column: scanner.index + 1, message: message) }
        try scanner.forEachMember { scanner, key in
            switch key.count {
            case _ where keyEquals(key, "type"):
                let value = try scanner.readRawString()
                kind = keyEquals(value, "call") ? .call : keyEquals(value, "marker") ? .marker : .unknown
                guard kind != .unknown else { throw fail("unknown entry type") }
            case _ where keyEquals(key, "seq"):
                let value = try scanner.readUnsigned()
                record.sequence = value
                marker.sequence = value
                seen.sequence = true
            case _ where keyEquals(key, "entry"): record.entryTime = try scanner.readUnsigned()
            case _ where keyEquals(key, "exit"): record.exitTime = try scanner.readUnsigned()
            case _ where keyEquals(key, "time"): marker.time = try scanner.readUnsigned()
            case _ where keyEquals(key, "source"):
                let value = try scanner.readString()
                record.source = value
                marker.source = value
            case _ where keyEquals(key, "partition"): record.partitionID = try scanner.readUnsigned()
            case _ where keyEquals(key, "role"):
                let value = try scanner.readString()
                guard let role = PartitionRole(name: value) else { throw fail("unknown role \"\(value)\"") }
                record.partitionRole = role
            case _ where keyEquals(key, "vp"):
                guard let value = UInt32(exactly: try scanner.readUnsigned()) else { throw fail("vp does not fit 32 bits") }
                record.vpIndex = value
            case _ where keyEquals(key, "vtl"):
                guard let value = UInt8(exactly: try scanner.readUnsigned()) else { throw fail("vtl does not fit 8 bits") }
                record.vtl = value
            case _ where keyEquals(key, "phase"): record.phase = try scanner.readString()
            case _ where keyEquals(key, "rip"): record.callerIP = try scanner.readHexString()
            case _ where keyEquals(key, "hiv"):
                record.inputValue = HypercallInputValue(rawValue: try scanner.readHexString())
                seen.hiv = true
            case _ where keyEquals(key, "convention"):
                let value = try scanner.readString()
                guard let convention = RecordedConvention(name: value) else { throw fail("unknown convention \"\(value)\"") }
                record.convention = convention
            case _ where keyEquals(key, "inputGpa"): record.inputGPA = try scanner.readHexString()
            case _ where keyEquals(key, "outputGpa"): record.outputGPA = try scanner.readHexString()
            case _ where keyEquals(key, "input"): record.input = try scanner.readHexBytes()
            case _ where keyEquals(key, "output"): record.output = try scanner.readHexBytes()
            case _ where keyEquals(key, "hrv"): record.resultValue = HypercallResultValue(rawValue: try scanner.readHexString())
            case _ where keyEquals(key, "repGroup"): record.repGroup = try scanner.readUnsigned()
            case _ where keyEquals(key, "kind"):
                let value = try scanner.readString()
                guard let markerKind = LogMarker.Kind(name: value) else { throw fail("unknown marker kind \"\(value)\"") }
                marker.kind = markerKind
                seen.kind = true
            case _ where keyEquals(key, "text"):
                marker.text = try scanner.readString()
                seen.text = true
            case _ where keyEquals(key, "attrs"):
                var attributes: [RecordAttribute] = []
                try scanner.forEachMember { scanner, key in
                    let name = String(decoding: key, as: UTF8.self)
                    attributes.append(RecordAttribute(name, try scanner.readString()))
                }
                record.attributes = attributes
                marker.attributes = attributes
            default:
                try scanner.skipValue()
            }
        }
        guard scanner.atEnd() else { throw fail("text after the object") }
        guard seen.sequence else { throw fail("missing \"seq\"") }
        switch kind {
        case .call:
            guard seen.hiv else { throw fail("call without \"hiv\"") }
            return .call(record)
        case .marker:
            guard seen.kind && seen.text else { throw fail("marker without \"kind\" and \"text\"") }
            return .marker(marker)
        case .unknown:
            throw fail("missing \"type\"")
        }
    }
}
