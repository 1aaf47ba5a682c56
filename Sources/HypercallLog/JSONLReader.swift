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
    private let lines: LineReader
    private let salvage: Bool
    /// Shares repeated strings between the records the fast path reads.
    private let decodeCache = EntryDecodeCache()

    public convenience init(path: String, salvage: Bool = false) throws {
        try self.init(input: InputFile(path: path), salvage: salvage)
    }

    init(input: InputFile, salvage: Bool) throws {
        lines = LineReader(input: input)
        let path = input.path
        self.salvage = salvage
        header = LogHeader(createdAt: 0, sourceDescription: "")
        guard let first = try lines.next() else {
            throw LogReadError(path: path, line: 1, message: "empty file, not an hvlog JSON Lines log")
        }
        do {
            header = try Self.parseHeader(first)
        } catch let error as JSONScanner.SyntaxError {
            throw LogReadError(path: path, line: 1, message: "column \(error.column): \(error.message)")
        }
    }

    public func next() throws -> LogEntry? {
        while let line = try lines.next() {
            let offset = lines.lineOffset, terminated = lines.lineWasTerminated
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if let record = JSONLFastPath.parseCall(line, cache: decodeCache) { return .call(record) }
            do {
                return try Self.parseEntry(line)
            } catch {
                let message = (error as? JSONScanner.SyntaxError).map { "column \($0.column): \($0.message)" } ?? "\(error)"
                if !terminated {
                    damage.ignoredTailBytes = line.count
                    return nil
                }
                guard salvage else {
                    throw LogReadError(path: lines.path, line: lines.lineNumber, message: message + " (use --salvage to skip bad lines)")
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
        try scanner.beginObject()
        while let key = try scanner.nextKey() {
            switch JSONLKey(key) {
            case .type?:
                let value = try scanner.readRawString()
                kind = keyEquals(value, "call") ? .call : keyEquals(value, "marker") ? .marker : .unknown
                guard kind != .unknown else { throw scanner.error("unknown entry type") }
            case .seq?:
                let value = try scanner.readUnsigned()
                record.sequence = value
                marker.sequence = value
                seen.sequence = true
            case .entry?: record.entryTime = try scanner.readUnsigned()
            case .exit?: record.exitTime = try scanner.readUnsigned()
            case .time?: marker.time = try scanner.readUnsigned()
            case .source?:
                let value = try scanner.readString()
                record.source = value
                marker.source = value
            case .partition?: record.partitionID = try scanner.readUnsigned()
            case .role?:
                let value = try scanner.readRawString()
                guard let role = PartitionRole.allCases.first(where: { keyEquals(value, $0.jsonName) }) else {
                    throw scanner.error("unknown role \"\(String(decoding: value, as: UTF8.self))\"")
                }
                record.partitionRole = role
            case .vp?:
                guard let value = UInt32(exactly: try scanner.readUnsigned()) else { throw scanner.error("vp does not fit 32 bits") }
                record.vpIndex = value
            case .vtl?:
                guard let value = UInt8(exactly: try scanner.readUnsigned()) else { throw scanner.error("vtl does not fit 8 bits") }
                record.vtl = value
            case .phase?: record.phase = try scanner.readString()
            case .rip?: record.callerIP = try scanner.readHexString()
            case .hiv?:
                record.inputValue = HypercallInputValue(rawValue: try scanner.readHexString())
                seen.hiv = true
            case .convention?:
                let value = try scanner.readRawString()
                guard let convention = RecordedConvention.allCases.first(where: { keyEquals(value, $0.jsonName) }) else {
                    throw scanner.error("unknown convention \"\(String(decoding: value, as: UTF8.self))\"")
                }
                record.convention = convention
            case .inputGpa?: record.inputGPA = try scanner.readHexString()
            case .outputGpa?: record.outputGPA = try scanner.readHexString()
            case .input?: record.input = try scanner.readHexBytes()
            case .output?: record.output = try scanner.readHexBytes()
            case .hrv?: record.resultValue = HypercallResultValue(rawValue: try scanner.readHexString())
            case .repGroup?: record.repGroup = try scanner.readUnsigned()
            case .kind?:
                let value = try scanner.readString()
                guard let markerKind = LogMarker.Kind(name: value) else { throw scanner.error("unknown marker kind \"\(value)\"") }
                marker.kind = markerKind
                seen.kind = true
            case .text?:
                marker.text = try scanner.readString()
                seen.text = true
            case .attrs?:
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
        guard scanner.atEnd() else { throw scanner.error("text after the object") }
        guard seen.sequence else { throw scanner.error("missing \"seq\"") }
        switch kind {
        case .call:
            guard seen.hiv else { throw scanner.error("call without \"hiv\"") }
            return .call(record)
        case .marker:
            guard seen.kind && seen.text else { throw scanner.error("marker without \"kind\" and \"text\"") }
            return .marker(marker)
        case .unknown:
            throw scanner.error("missing \"type\"")
        }
    }
}

/// The member names of the JSON Lines schema, recognised from raw bytes without building strings.
enum JSONLKey {
    case type, seq, entry, exit, time, source, partition, role, vp, vtl, phase, rip, hiv, convention
    case inputGpa, outputGpa, input, output, hrv, repGroup, kind, text, attrs

    /// Recognises a key by its length and first byte, then one comparison.
    @inline(__always) init?(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return nil }
        let candidate: JSONLKey?
        switch (bytes.count, first) {
        case (2, UInt8(ascii: "v")): candidate = .vp
        case (3, UInt8(ascii: "s")): candidate = .seq
        case (3, UInt8(ascii: "v")): candidate = .vtl
        case (3, UInt8(ascii: "r")): candidate = .rip
        case (3, UInt8(ascii: "h")): candidate = bytes[1] == UInt8(ascii: "i") ? .hiv : .hrv
        case (4, UInt8(ascii: "t")): candidate = bytes[1] == UInt8(ascii: "y") ? .type : bytes[1] == UInt8(ascii: "i") ? .time : .text
        case (4, UInt8(ascii: "e")): candidate = .exit
        case (4, UInt8(ascii: "r")): candidate = .role
        case (4, UInt8(ascii: "k")): candidate = .kind
        case (5, UInt8(ascii: "e")): candidate = .entry
        case (5, UInt8(ascii: "p")): candidate = .phase
        case (5, UInt8(ascii: "i")): candidate = .input
        case (5, UInt8(ascii: "a")): candidate = .attrs
        case (6, UInt8(ascii: "s")): candidate = .source
        case (6, UInt8(ascii: "o")): candidate = .output
        case (8, UInt8(ascii: "i")): candidate = .inputGpa
        case (8, UInt8(ascii: "r")): candidate = .repGroup
        case (9, UInt8(ascii: "p")): candidate = .partition
        case (9, UInt8(ascii: "o")): candidate = .outputGpa
        case (10, UInt8(ascii: "c")): candidate = .convention
        default: candidate = nil
        }
        guard let candidate, keyEquals(bytes, candidate.name) else { return nil }
        self = candidate
    }

    /// The name as a static string (no String is built to compare with).
    private var name: StaticString {
        switch self {
        case .type: "type"
        case .seq: "seq"
        case .entry: "entry"
        case .exit: "exit"
        case .time: "time"
        case .source: "source"
        case .partition: "partition"
        case .role: "role"
        case .vp: "vp"
        case .vtl: "vtl"
        case .phase: "phase"
        case .rip: "rip"
        case .hiv: "hiv"
        case .convention: "convention"
        case .inputGpa: "inputGpa"
        case .outputGpa: "outputGpa"
        case .input: "input"
        case .output: "output"
        case .hrv: "hrv"
        case .repGroup: "repGroup"
        case .kind: "kind"
        case .text: "text"
        case .attrs: "attrs"
        }
    }
}

extension PartitionRole {
    /// The name as a static string, for comparing raw bytes.
    var jsonName: StaticString {
        switch self {
        case .unknown: "unknown"
        case .root: "root"
        case .guest: "guest"
        }
    }
}

extension RecordedConvention {
    var jsonName: StaticString {
        switch self {
        case .unknown: "unknown"
        case .memory: "memory"
        case .fast: "fast"
        case .xmmFast: "xmm"
        }
    }
}
