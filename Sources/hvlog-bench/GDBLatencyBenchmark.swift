import Foundation
import GDBCapture
import HypercallLog

/// The added latency of logging one hypercall through a GDB stub: the hosted fixture's handler
/// spins about 1 µs (a typical real hypercall) and times each call itself; run alone, then under
/// gdbserver with hvlog's logger in each of `configurations` (software `Z0` or hardware `Z1`
/// breakpoints, TCP or a socket pair, narrowed or full register set), and, in the same run, the
/// floors under any breakpoint logger: a client of the same stub that reads nothing, and a ptrace
/// tracer with the same hardware breakpoints and no stub. `only` picks configurations by name.
enum GDBLatencyBenchmark {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The paper's WinDbg logger: each hypercall 100,000–200,000 times slower (Beierlieb et al. 2024).
    static let paperSlowdown = (low: 100_000.0, high: 200_000.0)

    /// Who handles the breakpoint stops.
    enum Client {
        /// hvlog's logger.
        case hvlog
        /// hvlog's RSP client resuming at every stop without reading (`GDBLatencyFloors.nullClient`).
        case null
        /// No stub: a ptrace tracer that only continues (`GDBLatencyFloors.ptraceFloor`).
        case ptrace
    }

    /// One measured set-up: who handles the stops, breakpoint kind, transport (loopback TCP or a
    /// socket pair to `gdbserver -`), and whether the stub's register set is narrowed (the natural
    /// alternative: the full set, as GDB's own client leaves it).
    struct Configuration {
        var client = Client.hvlog
        var kind = BreakpointKind.hardware
        var piped = false
        var narrowed = true
        /// `software-tcp`, `hardware-pipe-full`, `null-tcp`, `ptrace`, …
        var name: String {
            switch client {
            case .hvlog: "\(kind)-\(piped ? "pipe" : "tcp")\(narrowed ? "" : "-full")"
            case .null: "null-\(piped ? "pipe" : "tcp")"
            case .ptrace: "ptrace"
            }
        }
        var transport: String { piped ? "|gdbserver" : "TCP" }
        var label: String {
            switch client {
            case .hvlog: "\(kind == .software ? "Z0 software" : "Z1 hardware"), \(transport)\(narrowed ? "" : ", full registers")"
            case .null: "null client (Z1), \(transport)"
            case .ptrace: "ptrace floor (DR0/DR1, no stub)"
            }
        }
    }

    static let configurations = [Configuration(kind: .software), Configuration(), Configuration(kind: .software, piped: true), Configuration(piped: true),
                                 Configuration(narrowed: false), Configuration(piped: true, narrowed: false),
                                 Configuration(client: .null), Configuration(client: .null, piped: true), Configuration(client: .ptrace)]

    /// What one configuration's run did, per logged call.
    struct Counts {
        var stops = 0, steps = 0, packets = 0, writes = 0
        var stepOver: String?
        /// The legs of the critical path (clients of a stub only).
        var legs: TrafficTimeline.Legs?
    }

    /// `only`: the names of the configurations to run (all when empty).
    static func run(calls: Int, directory: String, only: [String] = []) throws {
        let unknown = only.filter { wanted in !configurations.contains { $0.name == wanted } }
        guard unknown.isEmpty else { throw BenchError("unknown configuration \(unknown.joined(separator: ", ")); choose from \(configurations.map(\.name).joined(separator: ", "))") }
        let work = URL(fileURLWithPath: directory).appendingPathComponent("hvlog-gdb-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let dispatcher = work.appendingPathComponent("dispatcher")
        try tool("/usr/bin/gcc", ["-O0", "-g", "-no-pie", "-pthread", "-o", dispatcher.path, repository.appendingPathComponent("Tests/Fixtures/gdb/dispatcher.c").path])
        let tracer = try GDBLatencyFloors.buildTracer(repository: repository, work: work)
        let profile = try TargetProfile(path: repository.appendingPathComponent("profiles/gdbserver-dispatcher.json").path)
        let entry = try ELFSymbols(path: dispatcher.path).address(of: "hv_handle_hypercall")
        let spin = 1000
        print("GDB capture latency: \(calls) fast hypercalls (0x005D) whose handler spins \(spin) ns, one thread, gdbserver on loopback TCP or on a socket pair")

        let alone = work.appendingPathComponent("alone.txt")
        try tool(dispatcher.path, ["--bench", alone.path, String(calls), String(spin)])
        let base = try durations(alone)
        var table = [["", "median", "p99", "added median", "added p99", "slowdown (1 µs call)", "vs paper (100,000–200,000x)"]]
        table.append(["no logger", format(base.median), format(base.p99), "", "", "1x", ""])
        var breakdown: [String] = []
        var added: [String: Double] = [:]
        // gdbserver on loopback TCP, and on its standard input and output (`|gdbserver - PROGRAM`, a socket pair).
        for configuration in configurations where only.isEmpty || only.contains(configuration.name) {
            let label = configuration.label
            let stubBefore = cpuNanoseconds(RUSAGE_CHILDREN)
            let timings = work.appendingPathComponent("\(configuration.name).txt")
            let arguments = ["--bench", timings.path, String(calls), String(spin)]
            let (cpuBefore, wallBefore) = (cpuNanoseconds(RUSAGE_SELF), MonotonicClock.nanoseconds())
            let counts = configuration.client == .ptrace
                ? Counts(stops: try GDBLatencyFloors.ptraceFloor(tracer: tracer, entry: entry, command: [dispatcher.path] + arguments, work: work) + 1)
                : try runUnderStub(configuration, dispatcher: dispatcher, arguments: arguments, profile: profile, entry: entry, calls: calls, work: work)
            let (cpuAfter, wallAfter) = (cpuNanoseconds(RUSAGE_SELF), MonotonicClock.nanoseconds())
            let stubAfter = cpuNanoseconds(RUSAGE_CHILDREN)
            // The floors log nothing: their stop count is what shows they ran the calls through both breakpoints (hvlog's logged calls are checked in runUnderStub).
            guard configuration.client == .hvlog || counts.stops == 2 * calls else { throw BenchError("\(label): \(counts.stops) breakpoint stops for \(calls) calls") }
            let logged = try durations(timings)
            let addedMedian = max(logged.median - base.median, 0), addedP99 = max(logged.p99 - base.p99, 0)
            added[configuration.name] = addedMedian
            let slowdown = (1000 + addedMedian) / 1000
            table.append(["\(label)", format(logged.median), format(logged.p99), format(addedMedian), format(addedP99),
                          String(format: "%.0fx", slowdown), String(format: "%.0f–%.0fx cheaper", paperSlowdown.low / slowdown, paperSlowdown.high / slowdown)])
            let perCall = { (value: Double) in value / Double(calls) }
            let wall = perCall(Double(wallAfter - wallBefore))
            let hvlog = (user: perCall(cpuAfter.user - cpuBefore.user), system: perCall(cpuAfter.system - cpuBefore.system))
            let stub = (user: perCall(stubAfter.user - stubBefore.user), system: perCall(stubAfter.system - stubBefore.system))
            let one = { (value: Double) in String(format: "%.1f", value) }
            let stubName = configuration.client == .ptrace ? "tracer and target" : "gdbserver and target"
            var line = "  \(label): \(format(wall)) = hvlog \(format(hvlog.user)) user + \(format(hvlog.system)) system, \(stubName) \(format(stub.user)) user + \(format(stub.system)) system, \(idle(wall - hvlog.user - hvlog.system - stub.user - stub.system)); "
            if configuration.client != .ptrace { line += "\(one(perCall(Double(counts.packets)))) packets in \(one(perCall(Double(counts.writes)))) writes, " }
            line += "\(one(perCall(Double(counts.stops)))) breakpoint stops + \(one(perCall(Double(counts.steps)))) single-step stops"
            breakdown.append(line + (counts.stepOver.map { " (\($0))" } ?? ""))
            if let legs = counts.legs { breakdown.append("    critical path, medians: " + describe(legs)) }
        }
        table.append(["paper (WinDbg)", "", "", "", "", "100,000–200,000x", "1x"])
        let widths = (0..<table[0].count).map { column in table.map { $0[column].count }.max()! }
        for row in table {
            print("  " + row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        print("  target: slowdown ≤ 200x, i.e. at least 500 times cheaper than the paper's logger")
        printFloorComparison(added)
        print("Where a logged call's time goes, per call: wall time and hvlog's CPU over the logging run (getrusage), the CPU of gdbserver (or the tracer) with its target from start to exit (getrusage of reaped children); \"neither\" is time none of them ran (wake-up latency, other load), \"overlap\" CPU time they spent at the same moment on the two cores (the stub's start and exit fall outside the logging run):")
        breakdown.forEach { print($0) }
    }

    /// The added medians split by who causes them: hvlog's own work (its Z1 row minus the null
    /// client's on the same transport), the stub's (null client minus the ptrace floor) and the
    /// kernel's (the ptrace floor).
    static func printFloorComparison(_ added: [String: Double]) {
        var lines: [String] = []
        for piped in [false, true] {
            let hvlogRow = Configuration(piped: piped), nullRow = Configuration(client: .null, piped: piped)
            guard let floor = added[nullRow.name] else { continue }
            var parts: [String] = []
            if let logged = added[hvlogRow.name] { parts.append("hvlog above the null client \(format(logged - floor)) (of \(format(logged)) added)") }
            if let kernel = added["ptrace"] { parts.append("the stub's share (null client − ptrace floor) \(format(floor - kernel)), the kernel's (ptrace floor) \(format(kernel))") }
            if !parts.isEmpty { lines.append("  Z1, \(hvlogRow.transport): " + parts.joined(separator: "; ")) }
        }
        guard !lines.isEmpty else { return }
        print("Added median per logged call by cause:")
        lines.forEach { print($0) }
    }

    /// The legs of the critical path in words: the client's reaction to each stop (hvlog's own time
    /// on the path), the stub's round trip, and the time from a resume to the next stop.
    static func describe(_ legs: TrafficTimeline.Legs) -> String {
        var parts: [String] = []
        if let toReads = legs.stopToReads {
            var entry = "stop → reads written \(format(toReads))"
            if let round = legs.readsToReplies, let toResume = legs.repliesToResume {
                entry += ", stub answers in \(format(round)), replies → resume written \(format(toResume))"
            }
            parts.append("entry stops: " + entry)
        }
        if let toResume = legs.stopToResume { parts.append("\(legs.stopToReads == nil ? "every stop" : "stops answered at once (exits; with Z0 also the single-steps)"): stop → resume written \(format(toResume))") }
        if let run = legs.resumeToStop { parts.append("resume written → next stop (target, kernel, stub) \(format(run))") }
        return parts.joined(separator: "; ")
    }

    /// Starts gdbserver on the dispatcher for `configuration` (loopback TCP or a socket pair) and
    /// handles its stops with hvlog's logger or the null client.
    static func runUnderStub(_ configuration: Configuration, dispatcher: URL, arguments: [String], profile: TargetProfile, entry: UInt64, calls: Int, work: URL) throws -> Counts {
        var server: pid_t?
        let connection: RSPConnection
        // HVLOG_BENCH_STRACE=DIRECTORY: the stub runs under `strace -c` (its system calls counted into DIRECTORY/NAME.gdbserver.txt).
        let wrapper = ProcessInfo.processInfo.environment["HVLOG_BENCH_STRACE"].map { ["/usr/bin/strace", "-c", "-o", "\($0)/\(configuration.name).gdbserver.txt"] } ?? []
        if configuration.piped {
            let log = work.appendingPathComponent("gdbserver-stdio.txt").path
            let command = (wrapper + [dispatcher.path, "--exec", "/usr/bin/gdbserver", "-", dispatcher.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
            connection = try RSPConnection(target: "|exec \(command) 2>>'\(log)'")
        } else {
            let (process, port) = try gdbserver(dispatcher: dispatcher, arguments: arguments, work: work, wrapper: wrapper)
            server = process
            connection = try RSPConnection(target: "127.0.0.1:\(port)")
        }
        defer {
            connection.close() // gdbserver --once leaves when its client does (a `|gdbserver` stub is reaped here)
            if let server { _ = ChildProcess.wait(server) }
        }
        if getenv("HVLOG_GDB_TRACE") != nil { connection.trace = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } }
        let timeline = TrafficTimeline(expectedStops: 2 * calls)
        connection.observer = timeline.record
        let client = GDBRemoteClient(connection: connection)
        try client.handshake()
        if configuration.client == .null {
            let stops = try GDBLatencyFloors.nullClient(client, entry: entry) + 1
            return Counts(stops: stops, packets: connection.packetsSent, writes: connection.writes, legs: timeline.legs(minimumCount: calls / 2))
        }
        let writer = try LogFormat.hvl.createWriter(path: work.appendingPathComponent("\(configuration.name).hvl").path, header: LogHeader(createdAt: 0, sourceDescription: "bench"))
        var settings = GDBLogger.Settings(entryAddress: entry, breakpoints: configuration.kind)
        settings.narrowRegisterSet = configuration.narrowed
        let logger = GDBLogger(client: client, profile: profile, settings: settings, writer: writer)
        let statistics = try logger.run(shouldStop: { false })
        try writer.close()
        guard statistics.completeCalls == calls else { throw BenchError("\(configuration.label): logged \(statistics.completeCalls) of \(calls) calls") }
        let stepOver = statistics.stubPassesOverBreakpoints.map { $0 ? "no step-over needed" : "step-over at every stop" } ?? "step-over unknown"
        return Counts(stops: statistics.stops - 1, steps: statistics.steps, packets: statistics.packetsSent, writes: connection.writes, stepOver: stepOver, legs: timeline.legs(minimumCount: calls / 2))
    }

    /// CPU time so far, nanoseconds, of this process (`RUSAGE_SELF`: the logger) or of its reaped
    /// children (`RUSAGE_CHILDREN`: gdbserver and the target it ran).
    static func cpuNanoseconds(_ who: __rusage_who) -> (user: Double, system: Double) {
        let time = RunCost.cpuSeconds(who)
        return (time.user * 1e9, time.system * 1e9)
    }

    /// Wall time that no process's CPU time accounts for, or CPU time beyond the wall time (two cores).
    static func idle(_ nanoseconds: Double) -> String {
        nanoseconds >= 0 ? "neither \(format(nanoseconds))" : "overlap \(format(-nanoseconds))"
    }

    static func format(_ nanoseconds: Double) -> String {
        nanoseconds >= 1000 ? String(format: "%.1f µs", nanoseconds / 1000) : String(format: "%.0f ns", nanoseconds)
    }

    static func durations(_ url: URL) throws -> (median: Double, p99: Double) {
        let values = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }.sorted()
        guard !values.isEmpty else { throw BenchError("\(url.path) holds no timings") }
        return (values[values.count / 2], values[min(values.count - 1, values.count * 99 / 100)])
    }

    /// Starts gdbserver (`--once`, any free port) on the dispatcher; returns its process id and port.
    static func gdbserver(dispatcher: URL, arguments: [String], work: URL, wrapper: [String]) throws -> (pid_t, String) {
        let output = work.appendingPathComponent("gdbserver-\(UUID().uuidString).txt")
        let descriptor = open(output.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BenchError("\(output.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let pid = try ChildProcess.spawn(wrapper + [dispatcher.path, "--exec", "/usr/bin/gdbserver", "--once", "127.0.0.1:0", dispatcher.path] + arguments,
                                         descriptors: [(descriptor, STDOUT_FILENO), (descriptor, STDERR_FILENO)])
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOf: output, encoding: .utf8), let range = text.range(of: "Listening on port ") {
                let port = text[range.upperBound...].prefix { $0.isNumber }
                if !port.isEmpty && text[range.upperBound...].contains("\n") { return (pid, String(port)) }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(pid, SIGTERM)
        _ = ChildProcess.wait(pid)
        throw BenchError("gdbserver did not start (is it installed? ./scripts/install-deps.sh)")
    }

    /// Runs a program to completion (posix_spawn: Foundation's Process cannot start programs under valgrind).
    static func tool(_ path: String, _ arguments: [String]) throws {
        let status = ChildProcess.wait(try ChildProcess.spawn([path] + arguments, descriptors: []))
        guard status == 0 else { throw BenchError("\(path) failed with status \(status)") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
