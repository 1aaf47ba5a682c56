import Foundation
import GDBCapture
import HypercallLog

/// The added latency of logging one hypercall through a GDB stub: the hosted fixture's handler
/// spins about 1 µs (a typical real hypercall) and times each call itself; run once alone, once
/// under gdbserver with hvlog's logger on software (Z0) and once on hardware (Z1) breakpoints.
enum GDBLatencyBenchmark {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The paper's WinDbg logger: each hypercall 100,000–200,000 times slower (Beierlieb et al. 2024).
    static let paperSlowdown = (low: 100_000.0, high: 200_000.0)

    static func run(calls: Int, directory: String) throws {
        let work = URL(fileURLWithPath: directory).appendingPathComponent("hvlog-gdb-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let dispatcher = work.appendingPathComponent("dispatcher")
        try tool("/usr/bin/gcc", ["-O0", "-g", "-no-pie", "-pthread", "-o", dispatcher.path, repository.appendingPathComponent("Tests/Fixtures/gdb/dispatcher.c").path])
        let profile = try TargetProfile(path: repository.appendingPathComponent("profiles/gdbserver-dispatcher.json").path)
        let entry = try ELFSymbols(path: dispatcher.path).address(of: "hv_handle_hypercall")
        let spin = 1000
        print("GDB capture latency: \(calls) fast hypercalls (0x005D) whose handler spins \(spin) ns, one thread, gdbserver on loopback TCP or on a socket pair")

        let alone = work.appendingPathComponent("alone.txt")
        try tool(dispatcher.path, ["--bench", alone.path, String(calls), String(spin)])
        let base = try durations(alone)
        var table = [["", "median", "p99", "added median", "added p99", "slowdown (1 µs call)", "vs paper"]]
        table.append(["no logger", format(base.median), format(base.p99), "", "", "1x", ""])
        // gdbserver on loopback TCP, and on its standard input and output (`|gdbserver - PROGRAM`, a socket pair).
        for (kind, piped) in [(BreakpointKind.software, false), (.hardware, false), (.software, true), (.hardware, true)] {
            let label = "\(kind)\(piped ? ", |gdbserver" : ", TCP")"
            let timings = work.appendingPathComponent("\(kind)-\(piped).txt")
            let arguments = ["--bench", timings.path, String(calls), String(spin)]
            var server: Process?
            let connection: RSPConnection
            if piped {
                let log = work.appendingPathComponent("gdbserver-stdio.txt").path
                connection = try RSPConnection(target: "|exec '\(dispatcher.path)' --exec /usr/bin/gdbserver - '\(dispatcher.path)' \(arguments.joined(separator: " ")) 2>>'\(log)'")
            } else {
                let (process, port) = try gdbserver(dispatcher: dispatcher, arguments: arguments, work: work)
                server = process
                connection = try RSPConnection(target: "127.0.0.1:\(port)")
            }
            let client = GDBRemoteClient(connection: connection)
            try client.handshake()
            let writer = try LogFormat.hvl.createWriter(path: work.appendingPathComponent("\(kind)-\(piped).hvl").path, header: LogHeader(createdAt: 0, sourceDescription: "bench"))
            let logger = GDBLogger(client: client, profile: profile, settings: GDBLogger.Settings(entryAddress: entry, breakpoints: kind), writer: writer)
            let cpuBefore = processCPUNanoseconds()
            let statistics = try logger.run(shouldStop: { false })
            let cpuAfter = processCPUNanoseconds()
            let (loggerUser, loggerSystem) = ((cpuAfter.user - cpuBefore.user) / Double(calls), (cpuAfter.system - cpuBefore.system) / Double(calls))
            try writer.close()
            connection.close() // gdbserver --once leaves when its client does
            server?.waitUntilExit()
            let logged = try durations(timings)
            guard statistics.completeCalls == calls else { throw BenchError("\(label): logged \(statistics.completeCalls) of \(calls) calls") }
            let addedMedian = max(logged.median - base.median, 0), addedP99 = max(logged.p99 - base.p99, 0)
            let slowdown = (1000 + addedMedian) / 1000
            table.append(["\(label)", format(logged.median), format(logged.p99), format(addedMedian), format(addedP99),
                          String(format: "%.0fx", slowdown), String(format: "%.0f–%.0fx cheaper", paperSlowdown.low / slowdown, paperSlowdown.high / slowdown)])
            let perCall = Double(statistics.packetsSent) / Double(calls)
            let stepOver = statistics.stubPassesOverBreakpoints.map { $0 ? "the stub passes over its breakpoints: no step-over" : "step-over at every stop" } ?? "step-over unknown"
            print("  \(label): \(String(format: "%.1f", perCall)) packets sent per call (one write per batch), \(String(format: "%.1f", Double(statistics.stops + statistics.steps) / Double(calls))) stops per call (\(statistics.steps) of them single steps), \(stepOver); hvlog's own CPU time per call \(format(loggerUser)) user + \(format(loggerSystem)) system")
        }
        table.append(["paper (WinDbg)", "", "", "", "", "100,000–200,000x", "1x"])
        let widths = (0..<table[0].count).map { column in table.map { $0[column].count }.max()! }
        for row in table {
            print("  " + row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        print("  target: slowdown ≤ 200x, i.e. at least 500 times cheaper than the paper's logger")
    }

    /// User and system CPU time of this process, nanoseconds (the logger; gdbserver and the target are processes of their own).
    static func processCPUNanoseconds() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (Double(usage.ru_utime.tv_sec) * 1e9 + Double(usage.ru_utime.tv_usec) * 1e3,
                Double(usage.ru_stime.tv_sec) * 1e9 + Double(usage.ru_stime.tv_usec) * 1e3)
    }

    static func format(_ nanoseconds: Double) -> String {
        nanoseconds >= 1000 ? String(format: "%.1f µs", nanoseconds / 1000) : String(format: "%.0f ns", nanoseconds)
    }

    static func durations(_ url: URL) throws -> (median: Double, p99: Double) {
        let values = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }.sorted()
        guard !values.isEmpty else { throw BenchError("\(url.path) holds no timings") }
        return (values[values.count / 2], values[min(values.count - 1, values.count * 99 / 100)])
    }

    static func gdbserver(dispatcher: URL, arguments: [String], work: URL) throws -> (Process, String) {
        let output = work.appendingPathComponent("gdbserver-\(UUID().uuidString).txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \"$@\" >'\(output.path)' 2>&1", dispatcher.path, "--exec", "/usr/bin/gdbserver", "--once", "127.0.0.1:0", dispatcher.path] + arguments
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOf: output, encoding: .utf8), let range = text.range(of: "Listening on port ") {
                let port = text[range.upperBound...].prefix { $0.isNumber }
                if !port.isEmpty && text[range.upperBound...].contains("\n") { return (process, String(port)) }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.terminate()
        throw BenchError("gdbserver did not start (is it installed? ./scripts/install-deps.sh)")
    }

    static func tool(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("\(path) failed with status \(process.terminationStatus)") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
