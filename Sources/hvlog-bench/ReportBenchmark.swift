import Foundation
import HypercallAnalysis
import HypercallLog

/// Aggregates `count` records from `.hvl` into the full report (usage matrix, statistics,
/// sequences, parameters, timeline) and compares with the pipelines a person would otherwise
/// use on the same calls in JSON Lines: `jq … | sort | uniq -c`, and `grep -o | sort | uniq -c`.
enum ReportBenchmark {
    static func run(count: Int, directory: String, runs: Int) throws {
        let hvl = "\(directory)/bench-report.hvl", jsonl = "\(directory)/bench-report.jsonl"
        // HVLOG_BENCH_KEEP=1 leaves the generated logs in place, e.g. to profile `hvlog report` on them.
        defer {
            if ProcessInfo.processInfo.environment["HVLOG_BENCH_KEEP"] != "1" {
                unlink(hvl)
                unlink(jsonl)
            }
        }
        print("report aggregation benchmark: \(count) records (the log-io mix: 8 codes, 4 VPs, 2 phases, attributes on 70%), one core, files in \(directory), median of \(runs) runs")
        let header = LogHeader(createdAt: 0, sourceDescription: "hvlog-bench report")
        for (path, format) in [(hvl, LogFormat.hvl), (jsonl, LogFormat.jsonl)] {
            let writer = try format.createWriter(path: path, header: header, flushInterval: nil)
            for index in 0..<count { try writer.append(LogIOBenchmark.record(index)) }
            try writer.close()
        }
        print("generated: .hvl \(fileSize(hvl) / 1_000_000) MB, JSON Lines \(fileSize(jsonl) / 1_000_000) MB")

        var report: UsageReport?
        func aggregate(_ path: String, decode: Bool = true) throws {
            var options = AnalysisOptions()
            options.decodeParameters = decode
            var analyzer = LogAnalyzer(options: options)
            try analyzer.addLog(try LogFormat.openReader(path: path), path: path)
            report = analyzer.report()
        }
        func median(_ label: String, runs: Int, _ body: () throws -> Void) rethrows -> Double {
            var seconds: [Double] = []
            for _ in 0..<runs { seconds.append(try measure(body)) }
            seconds.sort()
            let middle = seconds[seconds.count / 2]
            print(String(format: "%-44@ %12.0f records/s  (runs %.2f–%.2f s)", label, Double(count) / middle, seconds.first!, seconds.last!))
            return middle
        }
        var views = 0
        _ = try median("reading .hvl views only (no aggregation)", runs: runs) {
            let reader = try HVLReader(path: hvl)
            while try reader.nextView() != nil { views += 1 }
        }
        let hvlSeconds = try median("hvlog report --no-decode, .hvl (views)", runs: runs) { try aggregate(hvl, decode: false) }
        if ProcessInfo.processInfo.environment["HVLOG_BENCH_DECODE"] != "0" {
            _ = try median("hvlog report (decoding 30% distinct inputs), .hvl", runs: runs) { try aggregate(hvl) }
        }
        let calls = report?.totalCalls ?? 0
        let jsonlSeconds = try median("hvlog report --no-decode, JSON Lines", runs: runs) { try aggregate(jsonl, decode: false) }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("report: \(calls) calls, \(report?.codes.count ?? 0) codes, \(report?.transitions.count ?? 0) transitions, \(report?.parameters.count ?? 0) parameter fields; peak RSS \(usage.ru_maxrss / 1024) MB")

        guard ProcessInfo.processInfo.environment["HVLOG_BENCH_BASELINES"] != "0" else { return }
        // Baselines: the per-code(-and-phase) counts only, a small part of the report, on the first
        // (up to) million records: jq takes minutes for ten million. Rates are per record either way.
        let sample = min(count, 1_000_000)
        let head = "head -n \(sample + 1) \(jsonl)"
        let baselines = [
            ("jq | sort | uniq -c (code × phase)", "\(head) | jq -r 'select(.type==\"call\") | \"\\(.code) \\(.phase)\"' | LC_ALL=C sort | LC_ALL=C uniq -c"),
            ("grep -o | sort | uniq -c (code only)", "\(head) | LC_ALL=C grep -o '\"code\":\"0x[0-9a-fA-F]*\"' | LC_ALL=C sort | LC_ALL=C uniq -c"),
        ]
        let hvlRate = Double(count) / hvlSeconds, jsonlRate = Double(count) / jsonlSeconds
        for (label, command) in baselines {
            var output = ""
            let seconds = try measure { output = try runOutput("/bin/sh", ["-c", command]) }
            let total = output.split(separator: "\n").compactMap { $0.split(separator: " ").first.flatMap { Int($0) } }.reduce(0, +)
            if ProcessInfo.processInfo.environment["HVLOG_BENCH_VERBOSE"] != nil { print(output) }
            let rate = Double(sample) / seconds
            print(String(format: "%-44@ %12.0f records/s  (%d records in %.2f s; counted %d calls)  hvlog: .hvl %.1fx faster, JSON Lines %.1fx",
                         label, rate, sample, seconds, total, hvlRate / rate, jsonlRate / rate))
        }
    }

}
