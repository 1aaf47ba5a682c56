import ArgumentParser
import Foundation
import HypercallAnalysis
import HypercallLog

/// Output formats of `hvlog report` and `hvlog diff`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json, latex, html

    /// The format a file name asks for (`.md`, `.csv`, `.json`, `.tex`, `.html`).
    init?(path: String) {
        let lowered = path.lowercased()
        let byExtension: [(String, ReportFormat)] = [(".md", .md), (".markdown", .md), (".csv", .csv), (".json", .json),
                                                     (".tex", .latex), (".html", .html), (".htm", .html)]
        guard let match = byExtension.first(where: { lowered.hasSuffix($0.0) }) else { return nil }
        self = match.1
    }
}

extension ColumnGrouping: ExpressibleByArgument {}

/// Options shared by `report` and `diff`: how to read and group the logs.
struct AnalysisArguments: ParsableArguments {
    @Option(name: .long, help: "Columns by partition 'role' (root/guest) or by 'partition' id.")
    var by: ColumnGrouping = .role

    @Option(name: .long, help: "Phases to show as matrix columns, in this order (comma-separated); default: order of first appearance.")
    var phases: String?

    @Option(name: .long, help: "How many transitions, n-grams per n and parameter values to show.")
    var top = 10

    @Flag(name: .long, inversion: .prefixedNo, help: "Decode input and output bytes into parameter fields for the parameter summary.")
    var decode = true

    @Flag(name: .long, help: "Skip damaged frames or lines instead of stopping.")
    var salvage = false

    /// Checked here, so that `report` and `diff` both refuse `--top 0`.
    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
    }

    var options: AnalysisOptions {
        var options = AnalysisOptions()
        options.grouping = by
        options.phaseOrder = phases.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        options.top = top
        options.decodeParameters = decode
        return options
    }

    /// Reads every log once, in order, into one report.
    func analyze(_ paths: [String], label: String = "analysed") throws -> UsageReport {
        try analyzeLogs(paths, options: options, salvage: salvage, label: label)
    }
}

/// Reads logs once, in order, into one report, with a progress line on a terminal and damage
/// (torn tails, salvaged regions) reported on standard error.
func analyzeLogs(_ paths: [String], options: AnalysisOptions, salvage: Bool = false, label: String = "analysed") throws -> UsageReport {
    var analyzer = LogAnalyzer(options: options)
    let progress = ProgressLine(label)
    defer { progress.finish() }
    for path in paths {
        let reader = try LogAccess.openReader(path, salvage: salvage)
        try analyzer.addLog(reader, path: path) { progress.update($0, detail: "entries of \(path)") }
        LogAccess.reportDamage(reader, path: path)
    }
    return analyzer.report()
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Learn from logs: usage matrix, per-code statistics, sequences, parameters, charts.",
        discussion: """
            Several logs combine (e.g. one capture per partition or per phase). Markdown, JSON and HTML hold \
            every table; CSV and LaTeX hold one (--table, default the usage matrix). \
            Tables: \(ReportTables.identifiers.joined(separator: ", ")). \
            Example: hvlog report boot.hvl idle.hvl --phases boot,idle --format latex -o usage.tex
            """
    )

    @Argument(help: "Logs (.hvl, JSON Lines, SQLite export).")
    var logs: [String]

    @Option(name: .long, help: "md, csv, json, latex or html (default: from -o's extension, else md).")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Show call counts in the usage matrix instead of presence marks.")
    var counts = false

    @Option(name: .long, help: "The table for CSV and LaTeX output.")
    var table = "usage"

    @OptionGroup var analysis: AnalysisArguments

    func validate() throws {
        guard !logs.isEmpty else { throw ValidationError("name at least one log") }
        guard ReportTables.identifiers.contains(table) else {
            throw ValidationError("--table '\(table)' is not one of \(ReportTables.identifiers.joined(separator: ", "))")
        }
    }

    func run() throws {
        let report = try analysis.analyze(logs)
        let chosen = format ?? output.flatMap(ReportFormat.init(path:)) ?? .md
        let text: String
        switch chosen {
        case .json: text = try JSONOutput.encode(report) + "\n"
        case .html: text = HTMLReport.render(report, counts: counts, top: analysis.top)
        case .csv: text = TableRenderer.csv(ReportTables.table(table, of: report, counts: counts, top: analysis.top)!)
        case .latex: text = TableRenderer.latex(ReportTables.table(table, of: report, counts: counts, top: analysis.top)!)
        case .md:
            text = "# hvlog report\n\n\(report.totalCalls.grouped) calls in \(report.logs.count) log(s), \(report.codes.count) call codes.\n\n"
                + ReportTables.all(report, counts: counts, top: analysis.top).map(TableRenderer.markdown).joined(separator: "\n")
        }
        try writeReport(text, to: output)
    }
}

/// Writes a report to a file, or to standard output when `path` is nil or `-`.
func writeReport(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        var output = StandardOutput()
        output.write(text.hasSuffix("\n") ? String(text.dropLast()) : text)
        output.flush()
        return
    }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two captures: codes only on one side, count and rate changes, status changes.",
        discussion: "Example: hvlog diff before.hvl after.hvl --format json"
    )

    @Argument(help: "Side A: a log, or several joined with commas.")
    var a: String

    @Argument(help: "Side B: a log, or several joined with commas.")
    var b: String

    @Option(name: .long, help: "md or json (default md).")
    var format: ReportFormat = .md

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var analysis: AnalysisArguments

    func validate() throws {
        guard format == .md || format == .json else { throw ValidationError("diff writes md or json") }
    }

    func run() throws {
        let sideA = try analysis.analyze(a.split(separator: ",").map(String.init), label: "A")
        let sideB = try analysis.analyze(b.split(separator: ",").map(String.init), label: "B")
        let diff = UsageDiff(sideA, sideB)
        if format == .json {
            try writeReport(try JSONOutput.encode(diff) + "\n", to: output)
            return
        }
        func seconds(_ value: Double?) -> String { value.map { ReportTables.fixed($0, 3) + " s" } ?? "no timestamps" }
        let header = """
            # hvlog diff

            A: \(diff.logsA.joined(separator: ", ")): \(diff.callsA.grouped) calls, \(seconds(diff.secondsA))
            B: \(diff.logsB.joined(separator: ", ")): \(diff.callsB.grouped) calls, \(seconds(diff.secondsB))


            """
        try writeReport(header + diff.tables.map(TableRenderer.markdown).joined(separator: "\n"), to: output)
    }
}
