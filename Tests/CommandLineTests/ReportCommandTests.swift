import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("hvlog report and diff")
struct ReportCommandTests {
    static func handWritten() throws -> URL {
        let path = try scratchDirectory().appendingPathComponent("hand.jsonl")
        try handWrittenLog.write(to: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("LaTeX usage matrix is a booktabs table with the hand-worked cells")
    func latexUsageMatrix() throws {
        let run = try Hvlog.run(["report", try Self.handWritten().path, "--format", "latex"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("\\begin{tabular}{llcc}"))
        #expect(lines.contains(" &  & \\multicolumn{2}{c}{guest} \\\\"))
        #expect(lines.contains("\\cmidrule(lr){3-4}"))
        #expect(lines.contains("Code & Name & boot & idle \\\\"))
        // 0x2 in boot (seq 1) and idle (seq 5); 0x3 in boot only; 0xB in idle only.
        #expect(lines.contains("\\texttt{0x0002} & \\texttt{HvCallFlushVirtualAddressSpace} & \\checkmark & \\checkmark \\\\"))
        #expect(lines.contains("\\texttt{0x0003} & \\texttt{HvCallFlushVirtualAddressList} & \\checkmark &  \\\\"))
        #expect(lines.contains("\\texttt{0x000B} & \\texttt{HvCallSendSyntheticClusterIpi} &  & \\checkmark \\\\"))
        #expect(lines.contains("\\bottomrule"))
    }

    @Test("CSV counts by partition; the format follows -o's extension")
    func csvByPartition() throws {
        let output = try scratchDirectory().appendingPathComponent("usage.csv")
        let run = try Hvlog.run(["report", try Self.handWritten().path, "--by", "partition", "--counts", "-o", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == """
            Code,Name,guest 191/boot,guest 191/idle,guest 192/idle
            0x0002,HvCallFlushVirtualAddressSpace,1,1,
            0x0003,HvCallFlushVirtualAddressList,1,,
            0x000B,HvCallSendSyntheticClusterIpi,,,1

            """)
    }

    @Test("Markdown report holds every section; statuses and reps are right")
    func markdownSections() throws {
        let run = try Hvlog.run(["report", try Self.handWritten().path])
        #expect(run.status == 0, "\(run.stderr)")
        for title in ["Hypercalls used per partition and phase", "Phases", "Per-code statistics", "Reps, statuses and calling conventions",
                      "Handler durations", "transitions", "n-grams", "one phase only", "Parameter values", "Logs"] {
            #expect(run.stdout.contains(title), "missing section \(title)")
        }
        // 0x2: one success (seq 1), one HV_STATUS_ACCESS_DENIED (seq 5, 0x0006); ties list the lower value first.
        #expect(run.stdout.contains("| 0x0002 | HvCallFlushVirtualAddressSpace | 0 | 0 | 0 | 0 | 0 | 0 | HV_STATUS_SUCCESS 1, HV_STATUS_ACCESS_DENIED 1 | memory 1, unknown 1 |"))
        // 0x3: HIV 0x0001000300000003 = rep count 3 resumed at rep start index 1 (a continuation); 3 completed.
        #expect(run.stdout.contains("| 0x0003 | HvCallFlushVirtualAddressList | 1 | 3 | 3 | 3 | 1 | 0 | HV_STATUS_SUCCESS 1 | memory 1 |"))
        // 0xB never returned.
        #expect(run.stdout.contains("| 0x000B | HvCallSendSyntheticClusterIpi | 0 | 0 | 0 | 0 | 0 | 1 |  | fast 1 |"))
        #expect(run.stdout.contains("| 0x0002 | HvCallFlushVirtualAddressSpace | flush.flags | 1 | 1 | 0x3 | 0x3 ×1 |"))
    }

    @Test("The shared sample's report equals counts made independently from the raw trace text")
    func sharedSampleAgainstRawTrace() throws {
        let trace = try #require(sampleTrace(), "shared sample trace not found")
        let directory = try scratchDirectory()
        let log = directory.appendingPathComponent("sample.hvl").path
        let imported = try Hvlog.run(["import", "kvm", trace, "-o", log, "--phase", "boot",
                                      "--phase-marker", "L2MARK PHASE (workload|idle)-begin|L2MARK PHASE (poweroff)"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try Hvlog.run(["report", log, "--format", "json", "--counts"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])

        // Independent count: walk the raw text, follow the L2MARK phase lines, count hypercall lines
        // per (phase, code) and transitions per (phase, thread).
        var expectedCells: [String: Int] = [:]
        var expectedTransitions: [String: Int] = [:]
        var phase = "boot"
        var lastCode: [String: String] = [:]
        for line in try String(contentsOfFile: trace, encoding: .utf8).split(whereSeparator: \.isNewline) {
            if line.contains("tracing_mark_write:") {
                for (marker, name) in [("L2MARK PHASE workload-begin", "workload"), ("L2MARK PHASE idle-begin", "idle"), ("L2MARK PHASE poweroff", "poweroff")]
                where line.contains(marker) {
                    phase = name
                    lastCode = [:]
                }
                continue
            }
            guard let range = line.range(of: "kvm_hv_hypercall: code 0x") else { continue }
            let code = String(line[range.upperBound...].prefix { $0.isHexDigit })
            let task = line.split(separator: "[")[0].trimmingCharacters(in: .whitespaces)
            let thread = String(task.split(separator: "-").last!)
            let value = Int(code, radix: 16)!
            expectedCells["\(phase) \(value)", default: 0] += 1
            if let previous = lastCode[thread] { expectedTransitions["\(phase) \(previous)>\(value)", default: 0] += 1 }
            lastCode[thread] = String(value)
        }

        let columns = try #require(report["columns"] as? [[String: Any]]).map { $0["phase"] as! String }
        #expect(columns == ["boot", "workload", "idle", "poweroff"])
        var cells: [String: Int] = [:]
        for code in try #require(report["codes"] as? [[String: Any]]) {
            for (index, count) in (code["perColumn"] as! [Int]).enumerated() where count > 0 {
                cells["\(columns[index]) \(code["code"] as! Int)"] = count
            }
        }
        #expect(cells == expectedCells)
        #expect(cells.values.reduce(0, +) == (report["totalCalls"] as! Int))
        var transitions: [String: Int] = [:]
        for transition in try #require(report["transitions"] as? [[String: Any]]) {
            transitions["\(transition["phase"] as! String) \(transition["from"] as! Int)>\(transition["to"] as! Int)"] = transition["count"] as? Int
        }
        #expect(transitions == expectedTransitions)
    }

    @Test("HTML is one self-contained file whose four kinds of SVG chart are well-formed XML")
    func htmlCharts() throws {
        let directory = try scratchDirectory()
        let output = directory.appendingPathComponent("report.html")
        // The hand-written log plus a second idle call of VP 0, so that there is a transition to draw.
        let log = directory.appendingPathComponent("log.jsonl")
        let extra = #"{"type":"call","seq":6,"entry":5000,"exit":5100,"source":"kvm","partition":191,"role":"guest","vp":0,"phase":"idle","hiv":"0x0000000000000002","hrv":"0x0000000000000000"}"#
        try (handWrittenLog + extra + "\n").write(to: log, atomically: true, encoding: .utf8)
        let run = try Hvlog.run(["report", log.path, "-o", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<script"))
        var svgs: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        let titles = svgs.map { svg in String(svg[svg.range(of: "<title>")!.upperBound..<svg.range(of: "</title>")!.lowerBound]) }
        #expect(titles.contains { $0.hasPrefix("Usage heat map") })
        #expect(titles.contains { $0.hasPrefix("Calls per second") })
        #expect(titles.contains { $0.hasPrefix("Most called") })
        #expect(titles.contains { $0.hasPrefix("Transitions") })
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "")")
        }
    }

    @Test("diff: codes only on one side, ratios, statuses; JSON too")
    func diff() throws {
        let directory = try scratchDirectory()
        let a = try Self.handWritten().path
        let b = directory.appendingPathComponent("b.jsonl")
        // B: only the idle part of the hand-written log, plus a call of a code A never made.
        let lines = handWrittenLog.split(separator: "\n").map(String.init)
        let extra = #"{"type":"call","seq":9,"entry":5000,"exit":5100,"source":"kvm","partition":191,"role":"guest","vp":0,"phase":"idle","hiv":"0x0000000000000008","hrv":"0x0000000000000000"}"#
        try ([lines[0], lines[4], lines[5], lines[6], extra].joined(separator: "\n") + "\n").write(to: b, atomically: true, encoding: .utf8)
        let run = try Hvlog.run(["diff", a, b.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("### Only in A\n\n| Code | Name | Calls |\n| --- | --- | ---: |\n| 0x0003 | HvCallFlushVirtualAddressList | 1 |"))
        #expect(run.stdout.contains("### Only in B\n\n| Code | Name | Calls |\n| --- | --- | ---: |\n| 0x0008 | HvCallNotifyLongSpinWait | 1 |"))
        #expect(run.stdout.contains("| 0x0002 | HvCallFlushVirtualAddressSpace | 2 | 1 | 0.500 |"))
        #expect(run.stdout.contains("| FlushVirtualAddressSpace | HV_STATUS_SUCCESS | 1 | 0 |"))
        let json = try Hvlog.run(["diff", a, b.path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["onlyInB"] as? [[String: Any]])?.map { $0["code"] as! Int } == [8])
        // --top is checked by the options both commands share.
        for command in ["report", "diff"] {
            let zero = try Hvlog.run([command, a] + (command == "diff" ? [b.path] : []) + ["--top", "0"])
            #expect(zero.status == 64, "\(command): \(zero.stderr)")
            #expect(zero.stderr.contains("--top must be at least 1"), "\(command): \(zero.stderr)")
        }
    }

    @Test("Bad input: a missing log and a damaged frame are named, exit non-zero")
    func badInput() throws {
        let missing = try Hvlog.run(["report", "/nonexistent/x.hvl"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/x.hvl"))
        let directory = try scratchDirectory()
        let hvl = directory.appendingPathComponent("a.hvl").path
        #expect(try Hvlog.run(["convert", try Self.handWritten().path, hvl]).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: hvl))
        bytes[bytes.count - 20] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: hvl))
        let damaged = try Hvlog.run(["report", hvl])
        #expect(damaged.status != 0)
        #expect(damaged.stderr.contains(hvl) && damaged.stderr.contains("offset"))
        let salvaged = try Hvlog.run(["report", hvl, "--salvage"])
        #expect(salvaged.status == 0)
        #expect(salvaged.stderr.contains("salvage skipped"))
        let badTable = try Hvlog.run(["report", hvl, "--format", "csv", "--table", "nope"])
        #expect(badTable.status != 0)
        #expect(badTable.stderr.contains("--table 'nope'"))
    }
}

/// The shared sample's real KVM trace (the copy in Tests/Fixtures/shared; see its README).
func sampleTrace() -> String? {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = repository.appendingPathComponent("Tests/Fixtures/shared/samples/kvm-linux-guest-2vcpu/linux-guest-2vcpu.trace").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}
