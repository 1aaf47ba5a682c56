import Testing
import HypercallABI
@testable import HypercallLog
import HypercallLogSQLite

@Suite("SQLite export")
struct SQLiteRoundTripTests {
    @Test("JSONL → hvl → SQLite → hvl gives identical entries and header")
    func roundTrip() throws {
        let directory = temporaryDirectory()
        let entries = SampleEntries.make(count: 5000)
        let jsonl = try JSONLWriter(path: directory + "/a.jsonl", header: SampleEntries.header)
        for entry in entries { try jsonl.append(entry) }
        try jsonl.close()

        let hvl = try HVLWriter(path: directory + "/b.hvl", header: SampleEntries.header)
        let fromJSONL = try JSONLReader(path: directory + "/a.jsonl")
        while let entry = try fromJSONL.next() { try hvl.append(entry) }
        try hvl.close()

        let exporter = try SQLiteLogExporter(path: directory + "/c.sqlite", header: SampleEntries.header)
        let counts = try exporter.export(from: try HVLReader(path: directory + "/b.hvl"))
        #expect(counts.calls + counts.markers == entries.count)

        let back = try SQLiteLogReader(path: directory + "/c.sqlite")
        #expect(back.header == SampleEntries.header)
        #expect(try readAll(back) == entries)
    }

    @Test("export refuses an existing database and a reader refuses a non-export")
    func refusals() throws {
        let directory = temporaryDirectory()
        let path = directory + "/x.sqlite"
        _ = try SQLiteLogExporter(path: path, header: SampleEntries.header)
        #expect(throws: SQLiteLogError.self) { _ = try SQLiteLogExporter(path: path, header: SampleEntries.header) }
        writeBytes(Array("not a database at all, just text".utf8), to: directory + "/y.sqlite")
        #expect(throws: (any Error).self) { _ = try SQLiteLogReader(path: directory + "/y.sqlite") }
    }

    @Test("a read error part-way keeps the entries exported before it")
    func partialExportKept() throws {
        let directory = temporaryDirectory()
        let entries = SampleEntries.make(count: 30)
        let writer = try HVLWriter(path: directory + "/a.hvl", header: SampleEntries.header, batchBytes: 0, flushInterval: nil)
        var boundaries = [fileSize(directory + "/a.hvl")]
        for entry in entries { try writer.append(entry); boundaries.append(fileSize(directory + "/a.hvl")) }
        try writer.close()
        var bytes = try fileBytes(directory + "/a.hvl")
        bytes[boundaries[20] + 13] ^= 1
        writeBytes(bytes, to: directory + "/a.hvl")
        let exporter = try SQLiteLogExporter(path: directory + "/a.sqlite", header: SampleEntries.header)
        #expect(throws: LogReadError.self) { try exporter.export(from: try HVLReader(path: directory + "/a.hvl")) }
        #expect(try readAll(try SQLiteLogReader(path: directory + "/a.sqlite")) == Array(entries[0..<20]))
    }
}
