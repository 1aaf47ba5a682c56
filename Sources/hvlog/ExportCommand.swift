import HypercallAnalysis
import ArgumentParser
import HypercallLog
import HypercallLogSQLite

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a log into another tool's format.",
        subcommands: [ExportSQLiteCommand.self]
    )
}

struct ExportSQLiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqlite",
        abstract: "Export a log into a new SQLite database.",
        discussion: """
            Tables calls, markers, attributes and log_header, indexed by code, partition and phase; views \
            code_usage (calls per code, role, partition and phase), status_counts, phase_summary and \
            handler_durations. Example: sqlite3 out.sqlite 'SELECT * FROM code_usage'
            """
    )

    @Argument(help: "The log to export (.hvl, JSON Lines, or - for standard input).")
    var log: String

    @Argument(help: "The database to create; it must not exist yet.")
    var database: String

    @Flag(name: .long, help: "Skip damaged frames or lines instead of stopping.")
    var salvage = false

    func run() throws {
        try exportToSQLite(from: LogAccess.openReader(log, salvage: salvage), path: log, database: database)
    }
}

/// Exports every entry of `reader` into a new database, with progress and a summary on standard error.
func exportToSQLite(from reader: any LogReader, path: String, database: String) throws {
    let exporter = try SQLiteLogExporter(path: database, header: reader.header)
    let progress = ProgressLine("exported")
    defer { progress.finish() }
    let counts = try exporter.export(from: reader) { progress.update($0) }
    progress.finish()
    LogAccess.reportDamage(reader, path: path)
    printError("\(database): \(counts.calls.grouped) calls, \(counts.markers.grouped) markers")
}
