import Foundation
import GRDB
import HypercallLog

/// Writes a log into a new SQLite database: tables `calls`, `markers`, `attributes`, `log_header`
/// and the views `code_usage`, `status_counts`, `phase_summary`, `handler_durations`.
public final class SQLiteLogExporter {
    private let queue: DatabaseQueue
    private let path: String

    /// Creates the database at `path`; an existing file is an error rather than silently merged.
    public init(path: String, header: LogHeader) throws {
        self.path = path
        var configuration = Configuration()
        configuration.journalMode = .wal
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            guard existing == 0 else { throw SQLiteLogError(path: path, message: "database already has tables; export into a new file") }
            for statement in SQLiteSchema.statements { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO log_header VALUES (?, ?, ?, ?)", arguments: [
                SQLiteSchema.version, Int64(bitPattern: header.createdAt), header.clockOrigin.map { Int64(bitPattern: $0) },
                header.sourceDescription,
            ])
        }
    }

    /// Copies every entry of `reader` in one transaction; returns the number of calls and markers.
    /// When reading fails part-way, the entries read so far are committed before the error is rethrown.
    @discardableResult
    public func export(from reader: any LogReader, progress: ((Int) -> Void)? = nil) throws -> (calls: Int, markers: Int) {
        var readFailure: (any Error)?
        let counts = try queue.write { db in
            let insertCall = try db.makeStatement(sql: """
                INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertMarker = try db.makeStatement(sql: "INSERT INTO markers VALUES (?, ?, ?, ?, ?)")
            let insertAttribute = try db.makeStatement(sql: "INSERT INTO attributes VALUES (?, ?, ?, ?)")
            var counts = (calls: 0, markers: 0)
            while true {
                let next: LogEntry?
                do { next = try reader.next() } catch {
                    readFailure = error
                    break
                }
                guard let entry = next else { break }
                switch entry {
                case .call(let record):
                    try insertCall.execute(arguments: Self.arguments(for: record))
                    try insertAttributes(record.attributes, sequence: record.sequence, with: insertAttribute)
                    counts.calls += 1
                case .marker(let marker):
                    try insertMarker.execute(arguments: [
                        Int64(bitPattern: marker.sequence), marker.time.map { Int64(bitPattern: $0) }, marker.kind.name, marker.source, marker.text,
                    ])
                    try insertAttributes(marker.attributes, sequence: marker.sequence, with: insertAttribute)
                    counts.markers += 1
                }
                if (counts.calls + counts.markers) % 65536 == 0 { progress?(counts.calls + counts.markers) }
            }
            return counts
        }
        if let readFailure { throw readFailure }
        return counts
    }

    private func insertAttributes(_ attributes: [RecordAttribute], sequence: UInt64, with statement: Statement) throws {
        for (position, attribute) in attributes.enumerated() {
            try statement.execute(arguments: [Int64(bitPattern: sequence), position, attribute.key, attribute.value])
        }
    }

    static func arguments(for record: HypercallRecord) -> StatementArguments {
        func signed(_ value: UInt64?) -> Int64? { value.map { Int64(bitPattern: $0) } }
        let input = record.inputValue
        let values: [(any DatabaseValueConvertible)?] = [
            signed(record.sequence), signed(record.entryTime), signed(record.exitTime), record.source,
            signed(record.partitionID), record.partitionRole.name, record.vpIndex.map { Int64($0) }, record.vtl.map { Int64($0) },
            record.phase, signed(record.callerIP), signed(input.rawValue), Int64(input.callCode.rawValue), input.callCode.name,
            input.isFast, input.repCount, input.repStartIndex, record.convention.name, signed(record.inputGPA),
            signed(record.outputGPA), Data(record.input), Data(record.output), signed(record.resultValue?.rawValue),
            record.resultValue.map { Int64($0.status.rawValue) }, record.resultValue?.status.name,
            record.resultValue.map { Int64($0.repsCompleted) }, signed(record.repGroup),
        ]
        return StatementArguments(values)
    }
}

/// A database that is not an hvlog export, or that cannot be written.
public struct SQLiteLogError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}
