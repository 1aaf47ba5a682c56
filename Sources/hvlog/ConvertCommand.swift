import HypercallAnalysis
import ArgumentParser
import HypercallLog

extension LogFormat: ExpressibleByArgument {}

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a log between .hvl, JSON Lines and SQLite.",
        discussion: """
            Formats follow the extensions (.hvl; .jsonl, .ndjson, .json; .sqlite, .db). `-` reads standard \
            input (format detected from its first byte) or writes standard output (format from --to, \
            JSON Lines by default). Entries already converted are kept when the input turns out damaged.
            """
    )

    @Argument(help: "The log to read, or - for standard input.")
    var input: String

    @Argument(help: "The log to write, or - for standard output.")
    var output: String

    @Option(name: .long, help: "Output format when it cannot be told from OUTPUT: hvl or jsonl.")
    var to: LogFormat?

    @Flag(name: .long, help: "Skip damaged frames or lines instead of stopping, and report what was skipped.")
    var salvage = false

    func run() throws {
        let reader = try LogAccess.openReader(input, salvage: salvage)
        if LogAccess.isSQLite(output) {
            try exportToSQLite(from: reader, path: input, database: output)
            return
        }
        guard let format = to ?? LogFormat(path: output) ?? (output == "-" ? .jsonl : nil) else {
            throw ValidationError("cannot tell the format of '\(output)' from its extension: use .hvl, .jsonl or .sqlite, or --to")
        }
        let writer = try format.createWriter(path: output, header: reader.header)
        let count = try copyEntries(from: reader, to: writer, label: "converted")
        LogAccess.reportDamage(reader, path: input)
        if output != "-" { printError("\(output): \(count.grouped) entries") }
    }
}

/// Copies every entry; on a read error the entries copied so far are flushed and kept, then the error is rethrown.
@discardableResult
func copyEntries(from reader: any LogReader, to writer: any LogWriter, label: String, filter: (LogEntry) -> Bool = { _ in true }) throws -> Int {
    let progress = ProgressLine(label)
    var count = 0
    do {
        while let entry = try reader.next() {
            guard filter(entry) else { continue }
            try writer.append(entry)
            count += 1
            if count & 0xFFFF == 0 { progress.update(count, detail: "entries") }
        }
    } catch {
        progress.finish()
        try writer.close()
        throw error
    }
    progress.finish()
    try writer.close()
    return count
}
