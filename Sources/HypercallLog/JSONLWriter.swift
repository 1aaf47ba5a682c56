import HypercallABI

/// Writes a JSON Lines log: a header object, then one object per entry (schema in docs/log-formats.md).
public final class JSONLWriter: LogWriter {
    private let output: BatchedOutput

    /// Creates `path` (`-` for standard output) and writes the header line.
    public init(path: String, header: LogHeader, batchBytes: Int = 1 << 20, flushInterval: Duration? = .milliseconds(200)) throws {
        let file = try OutputFile(path: path)
        var line = ByteWriter()
        JSONLEncoding.appendHeader(header, to: &line)
        try line.withUnsafeBytes { bytes in try file.write(bytes) }
        output = BatchedOutput(output: file, batchBytes: batchBytes, flushInterval: flushInterval)
    }

    public func append(_ entry: LogEntry) throws {
        try output.lock()
        defer { output.unlock() }
        JSONLEncoding.append(entry, to: &output.buffer)
        try output.appended()
    }

    public func flush() throws { try output.flush() }
    public func close() throws { try output.close() }
}

/// The byte-level JSON Lines encoder.
enum JSONLEncoding {
    static func appendHeader(_ header: LogHeader, to out: inout ByteWriter) {
        out.ascii("{\"type\":\"header\",\"format\":\"hvlog\",\"version\":1,\"createdAt\":")
        out.decimal(header.createdAt)
        if let origin = header.clockOrigin {
            out.ascii(",\"clockOrigin\":")
            out.decimal(origin)
        }
        out.ascii(",\"source\":")
        out.jsonString(header.sourceDescription)
        out.ascii("}\n")
    }

    static func append(_ entry: LogEntry, to out: inout ByteWriter) {
        switch entry {
        case .call(let record): append(record, to: &out)
        case .marker(let marker): append(marker, to: &out)
        }
    }

    static func append(_ record: HypercallRecord, to out: inout ByteWriter) {
        out.ascii("{\"type\":\"call\",\"seq\":")
        out.decimal(record.sequence)
        if let value = record.entryTime { out.ascii(",\"entry\":"); out.decimal(value) }
        if let value = record.exitTime { out.ascii(",\"exit\":"); out.decimal(value) }
        out.ascii(",\"source\":")
        out.jsonString(record.source)
        if let value = record.partitionID { out.ascii(",\"partition\":"); out.decimal(value) }
        out.ascii(",\"role\":\"")
        out.ascii(record.partitionRole.name)
        out.ascii("\"")
        if let value = record.vpIndex { out.ascii(",\"vp\":"); out.decimal(UInt64(value)) }
        if let value = record.vtl { out.ascii(",\"vtl\":"); out.decimal(UInt64(value)) }
        if !record.phase.isEmpty { out.ascii(",\"phase\":"); out.jsonString(record.phase) }
        if let value = record.callerIP { out.ascii(",\"rip\":"); out.hexString(value, digits: 16) }
        out.ascii(",\"hiv\":")
        out.hexString(record.inputValue.rawValue, digits: 16)
        out.ascii(",\"code\":")
        out.hexString(UInt64(record.callCode.rawValue), digits: 4)
        out.ascii(",\"name\":")
        out.jsonString(record.callCode.name)
        out.ascii(",\"convention\":\"")
        out.ascii(record.convention.name)
        out.ascii("\"")
        if let value = record.inputGPA { out.ascii(",\"inputGpa\":"); out.hexString(value, digits: 1) }
        if let value = record.outputGPA { out.ascii(",\"outputGpa\":"); out.hexString(value, digits: 1) }
        if !record.input.isEmpty { out.ascii(",\"input\":"); out.hexBytes(record.input) }
        if !record.output.isEmpty { out.ascii(",\"output\":"); out.hexBytes(record.output) }
        if let result = record.resultValue {
            out.ascii(",\"hrv\":")
            out.hexString(result.rawValue, digits: 16)
            out.ascii(",\"status\":")
            out.jsonString(result.status.name)
            out.ascii(",\"repsCompleted\":")
            out.decimal(UInt64(result.repsCompleted))
        }
        if let value = record.repGroup { out.ascii(",\"repGroup\":"); out.decimal(value) }
        appendAttributes(record.attributes, to: &out)
        out.ascii("}\n")
    }

    static func append(_ marker: LogMarker, to out: inout ByteWriter) {
        out.ascii("{\"type\":\"marker\",\"seq\":")
        out.decimal(marker.sequence)
        if let time = marker.time { out.ascii(",\"time\":"); out.decimal(time) }
        out.ascii(",\"kind\":\"")
        out.ascii(marker.kind.name)
        out.ascii("\",\"source\":")
        out.jsonString(marker.source)
        out.ascii(",\"text\":")
        out.jsonString(marker.text)
        appendAttributes(marker.attributes, to: &out)
        out.ascii("}\n")
    }

    private static func appendAttributes(_ attributes: [RecordAttribute], to out: inout ByteWriter) {
        guard !attributes.isEmpty else { return }
        out.ascii(",\"attrs\":{")
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out.ascii(",") }
            out.jsonString(attribute.key)
            out.ascii(":")
            out.jsonString(attribute.value)
        }
        out.ascii("}")
    }
}

private let hexDigits: StaticString = "0123456789abcdef"

extension ByteWriter {
    @inline(__always) mutating func ascii(_ text: StaticString) {
        append(bytes: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always) mutating func ascii(_ text: String) { appendUTF8(text) }

    @inline(__always) private mutating func byte(_ value: UInt8) { appendReserved(value) }

    mutating func decimal(_ value: UInt64) {
        reserve(20)
        if value < 10 { byte(UInt8(truncatingIfNeeded: value) + 0x30); return }
        var digits = 0
        var probe = value
        while probe > 0 { digits += 1; probe /= 10 }
        var rest = value
        for position in stride(from: digits - 1, through: 0, by: -1) {
            base.storeBytes(of: UInt8(truncatingIfNeeded: rest % 10) + 0x30, toByteOffset: count + position, as: UInt8.self)
            rest /= 10
        }
        appendRaw(count: digits)
    }

    /// `"0x…"` with at least `digits` hex digits.
    mutating func hexString(_ value: UInt64, digits: Int) {
        let needed = max(digits, (64 - value.leadingZeroBitCount + 3) / 4)
        reserve(needed + 4)
        byte(0x22); byte(0x30); byte(0x78)
        for shift in stride(from: (needed - 1) * 4, through: 0, by: -4) {
            byte(hexDigits.utf8Start[Int((value >> UInt64(shift)) & 0xF)])
        }
        byte(0x22)
    }

    /// Bytes as a quoted string of lower-case hex digit pairs.
    mutating func hexBytes(_ data: [UInt8]) {
        reserve(data.count * 2 + 2)
        byte(0x22)
        for value in data {
            byte(hexDigits.utf8Start[Int(value >> 4)])
            byte(hexDigits.utf8Start[Int(value & 0xF)])
        }
        byte(0x22)
    }

    /// A JSON string with the escapes RFC 8259 requires; strings needing none are copied whole.
    mutating func jsonString(_ text: String) {
        var copy = text
        copy.withUTF8 { utf8 in
            reserve(utf8.count + 2)
            byte(0x22)
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                append(bytes: UnsafeRawBufferPointer(utf8))
            } else {
                for value in utf8 { escape(value) }
            }
            reserve(1)
            byte(0x22)
        }
    }

    private mutating func escape(_ value: UInt8) {
        reserve(6)
        switch value {
        case 0x22: byte(0x5C); byte(0x22)
        case 0x5C: byte(0x5C); byte(0x5C)
        case 0x0A: byte(0x5C); byte(0x6E)
        case 0x0D: byte(0x5C); byte(0x72)
        case 0x09: byte(0x5C); byte(0x74)
        case 0..<0x20:
            byte(0x5C); byte(0x75); byte(0x30); byte(0x30)
            byte(hexDigits.utf8Start[Int(value >> 4)])
            byte(hexDigits.utf8Start[Int(value & 0xF)])
        default: byte(value)
        }
    }
}
