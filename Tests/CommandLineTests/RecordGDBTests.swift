import Foundation
import Testing

@Suite("hvlog record gdb against gdbserver", .serialized)
struct RecordGDBTests {
    /// Logs the dispatcher (4 vCPU threads) and compares every call with the ground truth.
    /// With `stdio`, hvlog starts gdbserver itself and talks to it over its standard input and
    /// output (`--target '|gdbserver - PROGRAM'`); else over loopback TCP.
    func recordExactly(breakpoints: String, stdio: Bool = false) throws {
        let directory = try scratchDirectory()
        let dispatcher = try GDBFixture.buildDispatcher(in: directory)
        let truthFile = directory.appendingPathComponent("truth.txt"), log = directory.appendingPathComponent("calls.jsonl")
        let program = [dispatcher.path, truthFile.path, "4", "40"]
        var server: GDBFixture.Watched?
        let target: String
        if stdio {
            target = "|" + ([dispatcher.path, "--exec", "/usr/bin/gdbserver", "-"] + program).map { "'\($0)'" }.joined(separator: " ")
        } else {
            let (watched, port) = try GDBFixture.gdbserver(program, launcher: dispatcher)
            server = watched
            target = "127.0.0.1:\(port)"
        }
        let run = try Hvlog.run(["record", "gdb", "--target", target, "--profile", GDBFixture.profiles.appendingPathComponent("gdbserver-dispatcher.json").path,
                                 "--elf", dispatcher.path, "--breakpoints", breakpoints, "--phase", "boot", "-o", log.path])
        #expect(run.status == 0, "\(run.stderr)")
        if let server { #expect(try server.finish() == 0) }
        #expect(run.stderr.contains("target exited with status 0"), "\(run.stderr)")
        // Asked to, gdbserver on x86-64 keeps its register set for clients without XML (core, SSE,
        // orig_rax, fs_base, gs_base: 560 bytes), a prefix of its XML set, which on a CPU with AVX is larger.
        let cpuHasAVX = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx") ?? false
        #expect(run.stderr.contains("the stub now keeps only the first 560 bytes of registers") == cpuHasAVX, "\(run.stderr)")
        let truth = try GDBFixture.truth(truthFile)
        let logged = try GDBFixture.logged(log)
        #expect(truth.keys.sorted() == [0, 1, 2, 3])
        #expect(truth.values.map(\.count).reduce(0, +) >= 160)
        #expect(logged.incomplete == 0)
        #expect(logged.phases == ["boot"])
        expectExact(logged.calls, truth, maker: "the dispatcher")
        try reportAgreesWithTruth(log: log, truth: truth)
    }

    /// Every vCPU's logged calls equal the ground truth, in order.
    func expectExact(_ logged: [UInt64: [GDBFixture.Call]], _ truth: [UInt64: [GDBFixture.Call]], maker: String) {
        for vp in truth.keys.sorted() {
            let expected = truth[vp]!, actual = logged[vp] ?? []
            #expect(actual.count == expected.count, "vp \(vp): \(actual.count) logged, \(expected.count) made")
            if let index = zip(expected, actual).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("vp \(vp), call \(index): logged \(actual[index]) but \(maker) made \(expected[index])")
            }
        }
    }

    /// `hvlog report` on the GDB log: calls and statuses per code, and transitions per VP, equal
    /// those counted from the dispatcher's own ground truth.
    func reportAgreesWithTruth(log: URL, truth: [UInt64: [GDBFixture.Call]]) throws {
        let run = try Hvlog.run(["report", log.path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var expectedCalls: [Int: Int] = [:], expectedStatuses: [String: Int] = [:], expectedTransitions: [String: Int] = [:]
        for calls in truth.values {
            for (index, call) in calls.enumerated() {
                let code = Int(call.hiv & 0xFFFF)
                expectedCalls[code, default: 0] += 1
                expectedStatuses["\(code) \(String(format: "0x%04X", Int(call.hrv & 0xFFFF)))", default: 0] += 1
                if index > 0 { expectedTransitions["\(Int(calls[index - 1].hiv & 0xFFFF))>\(code)", default: 0] += 1 }
            }
        }
        var calls: [Int: Int] = [:], statuses: [String: Int] = [:], transitions: [String: Int] = [:]
        for code in try #require(report["codes"] as? [[String: Any]]) {
            let value = code["code"] as! Int
            calls[value] = code["calls"] as? Int
            for status in code["statuses"] as! [[String: Any]] { statuses["\(value) \(status["value"] as! String)"] = status["count"] as? Int }
        }
        for transition in try #require(report["transitions"] as? [[String: Any]]) {
            transitions["\(transition["from"] as! Int)>\(transition["to"] as! Int)"] = transition["count"] as? Int
        }
        #expect(calls == expectedCalls)
        #expect(statuses == expectedStatuses)
        #expect(transitions == expectedTransitions)
    }

    @Test("software breakpoints: every input byte, output byte, result and per-vCPU order equals the ground truth")
    func softwareBreakpoints() throws { try recordExactly(breakpoints: "software") }

    @Test("hardware breakpoints (Z1): the same exactness")
    func hardwareBreakpoints() throws { try recordExactly(breakpoints: "hardware") }

    @Test("gdbserver started by hvlog on its standard input and output (--target '|gdbserver - PROGRAM'): the same exactness")
    func stdioTransport() throws { try recordExactly(breakpoints: "hardware", stdio: true) }

    /// Attaches to a running dispatcher, kills the logger mid-run, and checks the dispatcher runs on
    /// to completion with exactly the ground truth of an undisturbed run.
    func killMidRun(signal: Int32, breakpoints: String = "software") throws {
        let directory = try scratchDirectory()
        let dispatcher = try GDBFixture.buildDispatcher(in: directory)
        let reference = directory.appendingPathComponent("reference.txt"), truthFile = directory.appendingPathComponent("truth.txt")
        let gate = directory.appendingPathComponent("gate"), log = directory.appendingPathComponent("calls.jsonl")
        try GDBFixture.runTool(dispatcher.path, [reference.path, "4", "300"])
        let target = try GDBFixture.Watched(dispatcher.path, [truthFile.path, "4", "300"], environment: ["FIXTURE_GATE": gate.path], launcher: dispatcher)
        let (server, port) = try GDBFixture.gdbserver(["--attach", String(target.process.processIdentifier)], launcher: dispatcher)
        let logger = try GDBFixture.Watched(Hvlog.executable.path, [
            "record", "gdb", "--target", "127.0.0.1:\(port)", "--profile", GDBFixture.profiles.appendingPathComponent("gdbserver-dispatcher.json").path,
            "--elf", dispatcher.path, "--breakpoints", breakpoints, "-o", log.path], launcher: dispatcher)
        try logger.waitFor("recording:")
        #expect(FileManager.default.createFile(atPath: gate.path, contents: nil))
        let deadline = Date().addingTimeInterval(30)
        while GDBFixture.lineCount(log) < 40 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(GDBFixture.lineCount(log) >= 40, "the logger wrote too little before the kill: \(logger.stderr)")
        #expect(target.process.isRunning, "the dispatcher finished before the kill: raise its call count")
        kill(logger.process.processIdentifier, signal)
        let loggerStatus = try logger.finish(seconds: 30)
        #expect(try target.finish(seconds: 120) == 0, "the dispatcher did not run on to completion")
        _ = try? server.finish(seconds: 10)
        #expect(try String(contentsOf: truthFile, encoding: .utf8) == String(contentsOf: reference, encoding: .utf8))
        if signal == SIGTERM {
            #expect(loggerStatus == 0, "\(logger.stderr)")
            #expect(logger.stderr.contains("target detached and running"), "\(logger.stderr)")
            // What was logged before the stop is a prefix of each vCPU's calls, byte for byte.
            let truth = try GDBFixture.truth(truthFile), logged = try GDBFixture.logged(log)
            for (vp, calls) in logged.calls { #expect(Array(truth[vp]!.prefix(calls.count)) == calls, "vp \(vp)") }
        } else {
            #expect(logger.process.terminationReason == .uncaughtSignal && loggerStatus == signal, "\(logger.stderr)")
            // The watchdog, holding the logger's connection, removed the breakpoints through it.
            #expect(logger.stderr.contains("hvlog watchdog: removed 2 breakpoints and detached"), "\(logger.stderr)")
        }
    }

    @Test("SIGTERM mid-run: breakpoints removed, detached; the target completes untouched")
    func terminateMidRun() throws { try killMidRun(signal: SIGTERM) }

    @Test("SIGKILL mid-run (software breakpoints): the watchdog removes them through the inherited connection; the target completes untouched")
    func killMidRunSoftware() throws { try killMidRun(signal: SIGKILL, breakpoints: "software") }

    @Test("SIGKILL mid-run (hardware breakpoints): the same")
    func killMidRunHardware() throws { try killMidRun(signal: SIGKILL, breakpoints: "hardware") }

    @Test("the watchdog dies mid-run: the recorder says so and records on to the end, exactly (no silent death by SIGPIPE)")
    func watchdogGone() throws {
        let directory = try scratchDirectory()
        let dispatcher = try GDBFixture.buildDispatcher(in: directory)
        let truthFile = directory.appendingPathComponent("truth.txt"), gate = directory.appendingPathComponent("gate")
        let log = directory.appendingPathComponent("calls.jsonl")
        let target = try GDBFixture.Watched(dispatcher.path, [truthFile.path, "4", "40"], environment: ["FIXTURE_GATE": gate.path], launcher: dispatcher)
        let (server, port) = try GDBFixture.gdbserver(["--attach", String(target.process.processIdentifier)], launcher: dispatcher)
        let logger = try GDBFixture.Watched(Hvlog.executable.path, [
            "record", "gdb", "--target", "127.0.0.1:\(port)", "--profile", GDBFixture.profiles.appendingPathComponent("gdbserver-dispatcher.json").path,
            "--elf", dispatcher.path, "-o", log.path], launcher: dispatcher)
        try logger.waitFor("recording:")
        let watchdog = try #require(Self.children(of: logger.process.processIdentifier).first, "no watchdog process")
        kill(watchdog, SIGKILL)
        #expect(FileManager.default.createFile(atPath: gate.path, contents: nil))
        #expect(try logger.finish() == 0, "\(logger.stderr)")
        #expect(logger.stderr.contains("the watchdog process is gone"), "\(logger.stderr)")
        #expect(try target.finish() == 0)
        _ = try? server.finish(seconds: 10)
        let logged = try GDBFixture.logged(log)
        #expect(logged.incomplete == 0)
        expectExact(logged.calls, try GDBFixture.truth(truthFile), maker: "the dispatcher")
    }

    /// Process ids whose parent is `pid` (field 4 of /proc/N/stat).
    static func children(of pid: pid_t) -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8), let end = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }
    }

    /// A scratch directory with QEMU's launcher and the freestanding kernel built in it.
    private func qemuFixture() throws -> (directory: URL, launcher: URL, kernel: URL) {
        let directory = try scratchDirectory()
        return (directory, try GDBFixture.buildDispatcher(in: directory), try GDBFixture.buildKernel(in: directory))
    }

    @Test("QEMU gdbstub (TCG, Unix socket, guest-physical reads): the freestanding dispatcher is logged exactly")
    func qemuFreestanding() throws {
        let (directory, launcher, kernel) = try qemuFixture()
        let truthFile = directory.appendingPathComponent("truth.txt"), log = directory.appendingPathComponent("calls.jsonl")
        let socket = directory.appendingPathComponent("gdb.sock")
        let qemu = try GDBFixture.qemu(kernel: kernel, truth: truthFile, gdbSocket: socket, launcher: launcher)
        let run = try Hvlog.run(["record", "gdb", "--target", "unix:\(socket.path)", "--profile", GDBFixture.profiles.appendingPathComponent("qemu-dispatcher.json").path,
                                 "--elf", kernel.path, "-o", log.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try qemu.finish(seconds: 60) == GDBFixture.kernelExitStatus, "\(qemu.stderr)")
        // QEMU's gdbstub ignores xmlRegisters: its register set stays as it is.
        #expect(!run.stderr.contains("the stub now keeps only"), "\(run.stderr)")
        let truth = try GDBFixture.truth(truthFile), logged = try GDBFixture.logged(log)
        #expect(truth.keys.sorted() == [0, 1, 2, 3])
        #expect(logged.incomplete == 0)
        expectExact(logged.calls, truth, maker: "the kernel")
    }

    @Test("SIGKILL mid-run under QEMU's gdbstub: the watchdog removes the breakpoints; the kernel completes untouched")
    func killMidRunQEMU() throws {
        let (directory, launcher, kernel) = try qemuFixture()
        let reference = directory.appendingPathComponent("reference.txt"), truthFile = directory.appendingPathComponent("truth.txt")
        let log = directory.appendingPathComponent("calls.jsonl"), socket = directory.appendingPathComponent("gdb.sock")
        #expect(try GDBFixture.qemu(kernel: kernel, truth: reference, gdbSocket: nil, launcher: launcher).finish(seconds: 60) == GDBFixture.kernelExitStatus)
        let qemu = try GDBFixture.qemu(kernel: kernel, truth: truthFile, gdbSocket: socket, launcher: launcher)
        let logger = try GDBFixture.Watched(Hvlog.executable.path, [
            "record", "gdb", "--target", "unix:\(socket.path)", "--profile", GDBFixture.profiles.appendingPathComponent("qemu-dispatcher.json").path,
            "--elf", kernel.path, "-o", log.path], launcher: launcher)
        let deadline = Date().addingTimeInterval(30)
        while GDBFixture.lineCount(log) < 30 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(GDBFixture.lineCount(log) >= 30, "the logger wrote too little before the kill: \(logger.stderr)")
        #expect(logger.process.isRunning, "the logger finished before the kill: raise the kernel's call count")
        kill(logger.process.processIdentifier, SIGKILL)
        _ = try logger.finish(seconds: 30)
        #expect(try qemu.finish(seconds: 60) == GDBFixture.kernelExitStatus, "the kernel did not run on to completion: \(logger.stderr)")
        #expect(try String(contentsOf: truthFile, encoding: .utf8) == String(contentsOf: reference, encoding: .utf8))
        #expect(logger.stderr.contains("hvlog watchdog: removed 2 breakpoints and detached"), "\(logger.stderr)")
    }
}
