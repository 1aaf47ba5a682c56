import HypercallABI

/// Builds the report's tables from a `UsageReport`.
public enum ReportTables {
    /// The cell of a presence matrix where a code was used (LaTeX writes `\checkmark`).
    public static let presenceMark = "✓"

    /// Identifiers of every table, in report order (`--table` takes one).
    public static let identifiers = ["usage", "phases", "codes", "reps", "durations", "transitions", "ngrams", "exclusive", "parameters", "logs"]

    /// Every table, in report order.
    public static func all(_ report: UsageReport, counts: Bool, top: Int = 10) -> [ReportTable] {
        identifiers.compactMap { table($0, of: report, counts: counts, top: top) }
    }

    /// One table by identifier; nil for an unknown identifier.
    public static func table(_ id: String, of report: UsageReport, counts: Bool, top: Int = 10) -> ReportTable? {
        switch id {
        case "usage": usage(report, counts: counts)
        case "phases": phases(report)
        case "codes": codes(report)
        case "reps": reps(report)
        case "durations": durations(report)
        case "transitions": transitions(report, top: top)
        case "ngrams": ngrams(report)
        case "exclusive": exclusive(report)
        case "parameters": parameters(report)
        case "logs": logs(report)
        default: nil
        }
    }

    /// Codes × (partition, phase): presence marks, or call counts.
    public static func usage(_ report: UsageReport, counts: Bool) -> ReportTable {
        var groups: [ReportTable.HeaderGroup] = [.init(title: "", span: 2)]
        for column in report.columns {
            if let last = groups.last, last.title == column.partition, groups.count > 1 {
                groups[groups.count - 1].span += 1
            } else {
                groups.append(.init(title: column.partition, span: 1))
            }
        }
        let rows = report.codes.filter { $0.perColumn.contains { $0 > 0 } }.map { code in
            [code.hex, code.name] + code.perColumn.map { calls in
                counts ? (calls > 0 ? calls.grouped : "") : (calls > 0 ? presenceMark : "")
            }
        }
        return ReportTable(
            id: "usage", title: counts ? "Hypercall usage (calls) per partition and phase" : "Hypercalls used per partition and phase",
            headers: ["Code", "Name"] + report.columns.map { "\($0.partition)/\($0.phase)" },
            alignments: [.left, .left] + report.columns.map { _ in counts ? .right : .center },
            rows: rows, headerGroups: groups, groupedHeaders: ["Code", "Name"] + report.columns.map(\.phase), monospaceColumns: [0, 1])
    }

    static func phases(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "phases", title: "Phases", headers: ["Phase", "Calls", "Seconds", "Calls/s"], alignments: [.left, .right, .right, .right],
            rows: report.phases.map { phase in
                [phase.name, phase.calls.grouped, phase.seconds.map { fixed($0, 3) } ?? "–",
                 phase.seconds.flatMap { $0 > 0 ? fixed(Double(phase.calls) / $0, 1) : nil } ?? "–"]
            })
    }

    static func codes(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "codes", title: "Per-code statistics",
            headers: ["Code", "Name", "Calls", "Share"] + report.phases.map { "\($0.name) /s" } + ["First seen", "Last seen"],
            alignments: [.left, .left, .right, .right] + report.phases.map { _ in .right } + [.right, .right],
            rows: report.codes.map { code in
                [code.hex, code.name, code.calls.grouped, percent(code.share)]
                    + code.ratePerPhase.map { rate in rate.map { fixed($0, 1) } ?? "–" }
                    + [sighting(code.firstSeen, report), sighting(code.lastSeen, report)]
            },
            monospaceColumns: [0, 1])
    }

    static func reps(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "reps", title: "Reps, statuses and calling conventions",
            headers: ["Code", "Name", "Rep calls", "Reps requested", "Reps completed", "Max rep", "Continuations", "Incomplete", "Statuses", "Conventions"],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .left, .left],
            rows: report.codes.map { code in
                [code.hex, code.name, code.repCalls.grouped, code.repsRequested.grouped, code.repsCompleted.grouped, code.repMax.grouped,
                 code.continuations.grouped, code.incomplete.grouped,
                 code.statuses.map { "\($0.name) \($0.count.grouped)" }.joined(separator: ", "),
                 conventions(code.conventions)]
            },
            monospaceColumns: [0, 1])
    }

    static func durations(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "durations", title: "Handler durations (µs, entry to exit)",
            headers: ["Code", "Name", "Timed calls", "p50", "p90", "p99", "max"],
            alignments: [.left, .left, .right, .right, .right, .right, .right],
            rows: report.codes.compactMap { code in
                guard let durations = code.durations else { return nil }
                return [code.hex, code.name, durations.count.grouped] + [durations.p50, durations.p90, durations.p99, durations.max].map { microseconds($0) }
            },
            monospaceColumns: [0, 1])
    }

    static func transitions(_ report: UsageReport, top: Int) -> ReportTable {
        ReportTable(
            id: "transitions", title: "Most frequent transitions between consecutive calls of one VP",
            headers: ["Phase", "From", "To", "Count"], alignments: [.left, .left, .left, .right],
            rows: report.transitions.prefix(top).map { [$0.phase, label($0.from), label($0.to), $0.count.grouped] },
            monospaceColumns: [1, 2])
    }

    static func ngrams(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "ngrams", title: "Most frequent call sequences (n-grams) of one VP within a phase",
            headers: ["n", "Sequence", "Count"], alignments: [.right, .left, .right],
            rows: report.ngrams.map { ["\($0.codes.count)", $0.codes.map(label).joined(separator: " → "), $0.count.grouped] },
            monospaceColumns: [1])
    }

    static func exclusive(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "exclusive", title: "Calls that occur in one phase only", headers: ["Code", "Name", "Phase", "Calls"],
            alignments: [.left, .left, .left, .right],
            rows: report.phaseExclusive.map { [HypercallCode($0.code).hex, HypercallCode($0.code).name, $0.phase, $0.calls.grouped] },
            monospaceColumns: [0, 1])
    }

    static func parameters(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "parameters", title: "Parameter values",
            headers: ["Code", "Name", "Field", "Calls", "Distinct", "Range", "Most frequent values"],
            alignments: [.left, .left, .left, .right, .right, .left, .left],
            rows: report.parameters.map { parameter in
                let range = parameter.minimum.map { minimum in minimum == parameter.maximum ? minimum : "\(minimum)…\(parameter.maximum!)" } ?? ""
                return [HypercallCode(parameter.code).hex, HypercallCode(parameter.code).name, parameter.field, parameter.calls.grouped,
                        parameter.distinct.grouped + (parameter.distinctCapped ? "+" : ""), range,
                        parameter.values.map { "\($0.value) ×\($0.count.grouped)" }.joined(separator: ", ")]
            },
            monospaceColumns: [0, 1, 2])
    }

    static func logs(_ report: UsageReport) -> ReportTable {
        ReportTable(
            id: "logs", title: "Logs", headers: ["#", "Log", "Source", "Calls", "Markers", "Seconds"],
            alignments: [.right, .left, .left, .right, .right, .right],
            rows: report.logs.enumerated().map { index, log in
                ["\(index + 1)", log.path, log.sourceDescription, log.calls.grouped, log.markers.grouped, log.seconds.map { fixed($0, 3) } ?? "–"]
            })
    }

    /// `0x000B SendSyntheticClusterIpi`-style short label: the name without its `HvCall` prefix.
    public static func label(_ code: UInt16) -> String {
        let code = HypercallCode(code)
        let name = code.name
        return name.hasPrefix("HvCall") ? String(name.dropFirst(6)) : name
    }

    static func conventions(_ counts: UsageReport.ConventionCounts) -> String {
        [("memory", counts.memory), ("fast", counts.fast), ("xmm-fast", counts.xmmFast), ("unknown", counts.unknown)]
            .filter { $0.1 > 0 }.map { "\($0.0) \($0.1.grouped)" }.joined(separator: ", ")
    }

    static func sighting(_ sighting: UsageReport.Sighting?, _ report: UsageReport) -> String {
        guard let sighting else { return "–" }
        let time = fixed(sighting.seconds, 3) + " s"
        return report.logs.count > 1 ? "#\(sighting.log + 1) \(time)" : time
    }

    static func microseconds(_ nanoseconds: UInt64) -> String { fixed(Double(nanoseconds) / 1000, 3) }

    static func percent(_ share: Double) -> String { fixed(share * 100, 2) + "%" }

    /// `value` with exactly `digits` decimals (no Foundation formatting on the way).
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = scaled / scale
        let integer = UInt64(whole.rounded(.down))
        let fraction = UInt64(scaled - Double(integer) * scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(integer)
        if digits > 0 {
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }
}

extension Int {
    /// 1234567 → "1,234,567".
    public var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (self < 0 ? "-" : "") + result
    }
}
