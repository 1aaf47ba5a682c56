import Foundation
import GRDB
import HypercallABI
import HypercallLog

/// Reads an exported database back as a log, entries in sequence order, a page at a time.
public final class SQLiteLogReader: LogReader {
    public let header: LogHeader
    public let damage = ReadDamageReport()
    private let queue: DatabaseQueue
    private let path: String
    private var page: [LogEntry] = []
    private var pageIndex = 0
    private var lastSequence: Int64?
    private var finished = false
    private let pageSize = 4096

    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
        header = try queue.read { db in
            guard try db.tableExists("log_header"), let row = try Row.fetchOne(db, sql: "SELECT * FROM log_header") else {
                throw SQLiteLogError(path: path, message: "not an hvlog export (no log_header table)")
            }
            let version: Int = row["format_version"]
            guard version == SQLiteSchema.version else { throw SQLiteLogError(path: path, message: "export format version \(version) is not supported") }
            let origin: Int64? = row["clock_origin_ns"]
            return LogHeader(createdAt: UInt64(bitPattern: row["created_at_ns"]), clockOrigin: origin.map { UInt64(bitPattern: $0) },
                             sourceDescription: row["source_description"])
        }
    }

    public func next() throws -> LogEntry? {
        if pageIndex == page.count {
            guard !finished else { return nil }
            try loadPage()
            if page.isEmpty { finished = true; return nil }
        }
        defer { pageIndex += 1 }
        return page[pageIndex]
    }

    private func loadPage() throws {
        let after = lastSequence
        let size = pageSize
        page = try queue.read { db in
            let bound = after.map { "WHERE seq > \($0)" } ?? ""
            let calls = try Row.fetchAll(db, sql: "SELECT * FROM calls \(bound) ORDER BY seq LIMIT \(size)")
            let markers = try Row.fetchAll(db, sql: "SELECT * FROM markers \(bound) ORDER BY seq LIMIT \(size)")
            var entries = try calls.map { LogEntry.call(try Self.record(from: $0, path: path)) }
                + markers.map { LogEntry.marker(try Self.marker(from: $0, path: path)) }
            entries.sort { Int64(bitPattern: $0.sequence) < Int64(bitPattern: $1.sequence) }
            // Only entries below both pages' ends are certainly complete and in order.
            let limit = [calls.count == size ? calls.last.map { $0["seq"] as Int64 } : nil,
                         markers.count == size ? markers.last.map { $0["seq"] as Int64 } : nil].compactMap { $0 }.min()
            if let limit { entries.removeAll { Int64(bitPattern: $0.sequence) > limit } }
            return try entries.map { try Self.attachAttributes(to: $0, db: db) }
        }
        pageIndex = 0
        if let last = page.last { lastSequence = Int64(bitPattern: last.sequence) }
    }

    private static func attachAttributes(to entry: LogEntry, db: Database) throws -> LogEntry {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM attributes WHERE seq = ? ORDER BY position",
                                    arguments: [Int64(bitPattern: entry.sequence)])
        guard !rows.isEmpty else { return entry }
        let attributes = rows.map { RecordAttribute($0["key"], $0["value"]) }
        switch entry {
        case .call(var record):
            record.attributes = attributes
            return .call(record)
        case .marker(var marker):
            marker.attributes = attributes
            return .marker(marker)
        }
    }

    static func record(from row: Row, path: String) throws -> HypercallRecord {
        func unsigned(_ column: String) -> UInt64? { (row[column] as Int64?).map { UInt64(bitPattern: $0) } }
        let role: String = row["role"]
        let convention: String = row["convention"]
        guard let partitionRole = PartitionRole(name: role), let recorded = RecordedConvention(name: convention) else {
            throw SQLiteLogError(path: path, message: "call \(row["seq"] as Int64): unknown role '\(role)' or convention '\(convention)'")
        }
        let vp: Int64? = row["vp"]
        let vtl: Int64? = row["vtl"]
        return HypercallRecord(
            sequence: unsigned("seq")!, entryTime: unsigned("entry_ns"), exitTime: unsigned("exit_ns"), source: row["source"],
            partitionID: unsigned("partition_id"), partitionRole: partitionRole, vpIndex: vp.map { UInt32(truncatingIfNeeded: $0) },
            vtl: vtl.map { UInt8(truncatingIfNeeded: $0) }, phase: row["phase"], callerIP: unsigned("caller_ip"),
            inputValue: HypercallInputValue(rawValue: unsigned("hiv")!), convention: recorded, inputGPA: unsigned("input_gpa"),
            outputGPA: unsigned("output_gpa"), input: [UInt8](row["input"] as Data? ?? .init()), output: [UInt8](row["output"] as Data? ?? .init()),
            resultValue: unsigned("hrv").map(HypercallResultValue.init(rawValue:)), repGroup: unsigned("rep_group"))
    }

    static func marker(from row: Row, path: String) throws -> LogMarker {
        let kind: String = row["kind"]
        guard let markerKind = LogMarker.Kind(name: kind) else {
            throw SQLiteLogError(path: path, message: "marker \(row["seq"] as Int64): unknown kind '\(kind)'")
        }
        let time: Int64? = row["time_ns"]
        return LogMarker(sequence: UInt64(bitPattern: row["seq"]), time: time.map { UInt64(bitPattern: $0) }, kind: markerKind,
                         source: row["source"], text: row["text"])
    }
}
