import HypercallABI

/// Writes a JSON Lines log: a header object, then one object per entry (schema in docs/log-formats.md).
public final class JSONLWriter: LogWriter {
    private let output: BatchedOutput

    /// Creates `path` (`-` for standard output) and writes the header line.
    public init(path: String, header: LogHeader, batchBytes: Int = 1 << 20, flushInterval: Duration? = .milliseconds(200)) throws {
        let file = try OutputFile(path: path)
        var line = ByteWriter()
        JSONLEncoding.appendHeader(header, to: &line)
        try line.bytes.withUnsafeBytes { bytes in try file.write(bytes) }
        output = BatchedOutput(output: file, batchBytes: batchBytes, flushInterval: flushInterval)
    }

    public func append(_ entry: LogEntry) throws {
        try output.append { JSONLEncoding.append(entry, to: &$0) }
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

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

extension ByteWriter {
    @inline(__always) mutating func ascii(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func ascii(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func decimal(_ value: UInt64) {
        if value < 10 { bytes.append(UInt8(truncatingIfNeeded: value) + 0x30); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch: enough for 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var position = scratch.count
            var rest = value
            while rest > 0 {
                position -= 1
                scratch[position] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[position...]))
        }
    }

    /// `"0x…"` with at least `digits` hex digits.
    mutating func hexString(_ value: UInt64, digits: Int) {
        bytes.append(0x22)
        bytes.append(0x30)
        bytes.append(0x78)
        let needed = max(digits, (64 - value.leadingZeroBitCount + 3) / 4)
        for shift in stride(from: (needed - 1) * 4, through: 0, by: -4) {
            bytes.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
        }
        bytes.append(0x22)
    }

    /// Bytes as a quoted string of lower-case hex digit pairs.
    mutating func hexBytes(_ data: [UInt8]) {
        bytes.append(0x22)
        for byte in data {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0xF)])
        }
        bytes.append(0x22)
    }

    /// A JSON string with the escapes RFC 8259 requires.
    mutating func jsonString(_ text: String) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                ascii("\\u00")
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
