import HypercallABI

/// One-line readable forms of log entries, with decoded names, for `hvlog cat` and reports.
public enum RecordText {
    /// Nanoseconds as seconds with nine decimals: `12.000345678`.
    public static func seconds(_ nanoseconds: UInt64) -> String {
        let fraction = String(nanoseconds % 1_000_000_000)
        return "\(nanoseconds / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }

    /// Durations in the unit that reads best: `850ns`, `12.4µs`, `3.2ms`, `1.05s`.
    public static func duration(_ nanoseconds: UInt64) -> String {
        switch nanoseconds {
        case ..<1_000: "\(nanoseconds)ns"
        case ..<1_000_000: oneDecimal(nanoseconds, 1_000) + "µs"
        case ..<1_000_000_000: oneDecimal(nanoseconds, 1_000_000) + "ms"
        default: oneDecimal(nanoseconds, 1_000_000_000) + "s"
        }
    }

    private static func oneDecimal(_ value: UInt64, _ unit: UInt64) -> String {
        let tenths = (value * 10 + unit / 2) / unit
        return "\(tenths / 10).\(tenths % 10)"
    }

    public static func line(_ entry: LogEntry) -> String {
        switch entry {
        case .call(let record): line(record)
        case .marker(let marker): line(marker)
        }
    }

    public static func line(_ marker: LogMarker) -> String {
        let time = marker.time.map(seconds) ?? "-"
        let attributes = marker.attributes.isEmpty ? "" : "  {" + marker.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
        return "\(pad(String(marker.sequence), 8)) \(pad(time, 18)) --- \(marker.kind.name): \(marker.text) ---\(attributes)"
    }

    public static func line(_ record: HypercallRecord) -> String {
        var parts: [String] = []
        var who = record.partitionRole.name
        if let partition = record.partitionID { who += "/\(partition)" }
        if let vp = record.vpIndex { who += " vp\(vp)" }
        if let vtl = record.vtl { who += " vtl\(vtl)" }
        parts.append(who)
        if !record.phase.isEmpty { parts.append("[\(record.phase)]") }
        let input = record.inputValue
        var call = "\(input.callCode.hex) \(input.callCode.name)"
        if input.repCount > 0 { call += " reps \(input.repStartIndex)..<\(input.repCount)" }
        if input.variableHeaderSize > 0 { call += " varhdr \(input.variableHeaderBytes)B" }
        if input.isNested { call += " nested" }
        parts.append(call)
        var convention = record.convention == .unknown ? (input.isFast ? "fast" : "") : record.convention.name
        if let gpa = record.inputGPA { convention += " in@\(hex(gpa))" }
        if let gpa = record.outputGPA { convention += " out@\(hex(gpa))" }
        if !record.input.isEmpty { convention += " in[\(record.input.count)]" }
        if !record.output.isEmpty { convention += " out[\(record.output.count)]" }
        if !convention.isEmpty { parts.append(convention.trimmingLeadingSpace()) }
        if let result = record.resultValue {
            var outcome = "→ \(result.status.name)"
            if input.repCount > 0 { outcome += " reps \(result.repsCompleted)" }
            parts.append(outcome)
        } else {
            parts.append("→ (no result)")
        }
        if let nanoseconds = record.duration { parts.append(duration(nanoseconds)) }
        if let summary = decodedSummary(record) { parts.append("«\(summary)»") }
        if !record.attributes.isEmpty { parts.append("{" + record.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}") }
        let time = record.entryTime.map(seconds) ?? "-"
        return "\(pad(String(record.sequence), 8)) \(pad(time, 18)) " + parts.joined(separator: "  ")
    }

    /// The decoded parameters in one line (`flush address space 0x1A2B000 on VPs {0,5,130}, …`), with the
    /// number of errors found, or `nil` when the record carries no input bytes.
    public static func decodedSummary(_ record: HypercallRecord) -> String? {
        guard !record.input.isEmpty else { return nil }
        let decoded = ParameterDecoder.decode(
            inputValue: record.inputValue, input: record.input, output: record.output, result: record.resultValue,
            convention: record.convention.callingConvention, inputGPA: record.inputGPA, outputGPA: record.outputGPA)
        let errors = decoded.findings.filter { $0.severity == .error }.count
        return decoded.summary + (errors == 0 ? "" : " [\(errors) error\(errors == 1 ? "" : "s")]")
    }

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}

extension String {
    func trimmingLeadingSpace() -> String { String(drop { $0 == " " }) }
}
