import Foundation
import Testing

/// A small hand-written JSON Lines log in the documented format.
let handWrittenLog = """
    {"type":"header","format":"hvlog","version":1,"createdAt":1763830000000000000,"source":"hand-written"}
    {"type":"marker","seq":0,"time":0,"kind":"phase","source":"test","text":"boot"}
    {"type":"call","seq":1,"entry":1000,"exit":1500,"source":"kvm","partition":191,"role":"guest","vp":0,"phase":"boot","hiv":"0x0000000000000002","convention":"memory","inputGpa":"0x1000","outputGpa":"0x0","hrv":"0x0000000000000000","attrs":{"flush.flags":"0x3"}}
    {"type":"call","seq":2,"entry":2000,"exit":2600,"source":"kvm","partition":191,"role":"guest","vp":1,"phase":"boot","hiv":"0x0001000300000003","convention":"memory","hrv":"0x0000000300000000"}
    {"type":"marker","seq":3,"time":2700,"kind":"phase","source":"test","text":"idle"}
    {"type":"call","seq":4,"entry":3000,"source":"kvm","partition":192,"role":"guest","vp":1,"phase":"idle","hiv":"0x000000000001000b","convention":"fast","input":"00112233445566778899aabbccddeeff"}
    {"type":"call","seq":5,"entry":4000,"exit":4100,"source":"kvm","partition":191,"role":"guest","vp":0,"phase":"idle","hiv":"0x0000000000000002","hrv":"0x0000000000000006"}

    """

@Suite("hvlog convert, cat, export sqlite")
struct LogCommandTests {
    @Test("convert JSONL → hvl → JSONL keeps every entry; stdin and stdout work")
    func convertRoundTrip() throws {
        let directory = try scratchDirectory()
        let jsonl = directory.appendingPathComponent("a.jsonl")
        try handWrittenLog.write(to: jsonl, atomically: true, encoding: .utf8)
        let hvl = directory.appendingPathComponent("a.hvl").path
        let toHVL = try Hvlog.run(["convert", jsonl.path, hvl])
        #expect(toHVL.status == 0, "\(toHVL.stderr)")
        #expect(toHVL.stderr.contains("6 entries"))
        let viaPipes = try Hvlog.run(["convert", "-", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: hvl)))
        #expect(viaPipes.status == 0)
        let original = try Hvlog.run(["cat", jsonl.path, "--json"]).stdout
        #expect(viaPipes.stdout == original)
        #expect(viaPipes.stdout.split(separator: "\n").count == 7)
        #expect(viaPipes.stdout.contains("\"name\":\"HvCallSendSyntheticClusterIpi\""))
    }

    @Test("cat prints decoded names; filters select calls by code, partition, phase and status")
    func catFilters() throws {
        let directory = try scratchDirectory()
        let jsonl = directory.appendingPathComponent("a.jsonl")
        try handWrittenLog.write(to: jsonl, atomically: true, encoding: .utf8)
        let all = try Hvlog.run(["cat", jsonl.path])
        #expect(all.stdout.split(separator: "\n").count == 6)
        #expect(all.stdout.contains("0x0003 HvCallFlushVirtualAddressList reps 1..<3"))
        #expect(all.stdout.contains("--- phase: idle ---"))
        func seqs(_ arguments: [String]) throws -> [String] {
            let run = try Hvlog.run(["cat", jsonl.path] + arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return run.stdout.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }
        }
        #expect(try seqs(["--code", "FlushVirtualAddressSpace"]) == ["1", "5"])
        #expect(try seqs(["--code", "0x2", "--phase", "idle"]) == ["5"])
        #expect(try seqs(["--partition", "192"]) == ["4"])
        #expect(try seqs(["--status", "incomplete"]) == ["4"])
        #expect(try seqs(["--status", "access_denied"]) == ["5"])
        #expect(try seqs(["--status", "success", "--code", "HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST"]) == ["2"])
        let bad = try Hvlog.run(["cat", jsonl.path, "--code", "NoSuchCall"])
        #expect(bad.status != 0 && bad.stderr.contains("NoSuchCall"))
    }

    @Test("export sqlite builds tables and views that sqlite3 can query")
    func exportSQLite() throws {
        let directory = try scratchDirectory()
        let jsonl = directory.appendingPathComponent("a.jsonl")
        try handWrittenLog.write(to: jsonl, atomically: true, encoding: .utf8)
        let database = directory.appendingPathComponent("a.sqlite").path
        let run = try Hvlog.run(["export", "sqlite", jsonl.path, database])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("4 calls, 2 markers"))
        let again = try Hvlog.run(["export", "sqlite", jsonl.path, database])
        #expect(again.status != 0 && again.stderr.contains("new file"))
        let back = try Hvlog.run(["cat", database, "--json"])
        #expect(back.stdout == (try Hvlog.run(["cat", jsonl.path, "--json"])).stdout)
    }

    @Test("a damaged line is an error naming file and line; salvage skips it and says so")
    func damagedJSONL() throws {
        let directory = try scratchDirectory()
        let jsonl = directory.appendingPathComponent("bad.jsonl")
        var lines = handWrittenLog.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = String(lines[3].dropLast(5))
        try lines.joined(separator: "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.hvl").path
        let run = try Hvlog.run(["convert", jsonl.path, output])
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad.jsonl:4"), "\(run.stderr)")
        // What was read before the bad line is kept.
        #expect(try Hvlog.run(["cat", output]).stdout.split(separator: "\n").count == 2)
        let salvaged = try Hvlog.run(["convert", "--salvage", jsonl.path, directory.appendingPathComponent("s.hvl").path])
        #expect(salvaged.status == 0)
        #expect(salvaged.stderr.contains("salvage skipped"))
        #expect(salvaged.stderr.contains("5 entries"))
    }

    @Test("a damaged .hvl frame is an error naming its byte offset")
    func damagedHVL() throws {
        let directory = try scratchDirectory()
        let jsonl = directory.appendingPathComponent("a.jsonl")
        try handWrittenLog.write(to: jsonl, atomically: true, encoding: .utf8)
        let hvl = directory.appendingPathComponent("a.hvl")
        try Hvlog.run(["convert", jsonl.path, hvl.path])
        var bytes = [UInt8](try Data(contentsOf: hvl))
        bytes[bytes.count - 20] ^= 0x04
        try Data(bytes).write(to: hvl)
        let run = try Hvlog.run(["cat", hvl.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("at byte offset"), "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 5, "entries before the damaged last one are printed")
        // A cut log is not an error: the complete entries are read and the tail is reported.
        try Data(bytes.prefix(bytes.count - 30)).write(to: hvl)
        let cut = try Hvlog.run(["cat", hvl.path])
        #expect(cut.status == 0)
        #expect(cut.stderr.contains("incomplete last entry"))
    }

    @Test("a writer killed with SIGKILL loses at most the batch it had not flushed")
    func sigkillWriter() throws {
        let directory = try scratchDirectory()
        let output = directory.appendingPathComponent("live.hvl").path
        let process = Process()
        process.executableURL = Hvlog.executable
        process.arguments = ["convert", "-", output]
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        let header = handWrittenLog.split(separator: "\n")[0] + "\n"
        input.fileHandleForWriting.write(Data(header.utf8))
        func call(_ seq: Int) -> String {
            "{\"type\":\"call\",\"seq\":\(seq),\"source\":\"test\",\"role\":\"guest\",\"hiv\":\"0x0000000000000002\",\"hrv\":\"0x0\"}\n"
        }
        // First batch, then a pause longer than the 200 ms flush interval: all of it must reach the file.
        input.fileHandleForWriting.write(Data((1...1000).map(call).joined().utf8))
        Thread.sleep(forTimeInterval: 1.0)
        // A second batch, killed at once: it may be lost in part, never the first one.
        input.fileHandleForWriting.write(Data((1001...1500).map(call).joined().utf8))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let read = try Hvlog.run(["cat", output])
        #expect(read.status == 0, "\(read.stderr)")
        let sequences = read.stdout.split(separator: "\n").compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(sequences.count >= 1000)
        #expect(sequences == Array(1...sequences.count), "a prefix, in order, nothing torn")
    }
}
