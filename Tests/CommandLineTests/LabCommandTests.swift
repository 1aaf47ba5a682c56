import Foundation
import Testing

/// The JSON objects of a JSON Lines log, read with Foundation (independently of hvlog's reader).
func jsonLines(_ url: URL) throws -> [[String: Any]] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
        try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
}

/// A scratch directory for one lab run, with a `tmp` inside it that the run's TMPDIR points to,
/// so that a test can check the run leaves no temporary files behind.
func labScratch() throws -> (directory: URL, temporary: URL, environment: [String: String]) {
    let directory = try scratchDirectory()
    let temporary = directory.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    var environment = ProcessInfo.processInfo.environment
    environment["TMPDIR"] = temporary.path
    return (directory, temporary, environment)
}

@Suite("hvlog lab (real nested runs: QEMU TCG → KVM → Hyper-V-enlightened Linux)", .serialized)
struct LabCommandTests {
    @Test("a short run of the default preset: phases, hypercalls in boot and workload, every code known, one record per kvm_hv_hypercall line")
    func shortRun() throws {
        let (directory, temporary, environment) = try labScratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("lab.jsonl")
        let run = try Hvlog.run(["lab", "run", "--vcpus", "2", "--workload-seconds", "4", "--idle", "3", "-o", log.path], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        try #require(run.status == 0)

        let entries = try jsonLines(log)
        let phases = entries.filter { $0["type"] as? String == "marker" && $0["kind"] as? String == "phase" }.compactMap { $0["text"] as? String }
        #expect(phases == ["boot", "workload", "idle", "shutdown"])
        let calls = entries.filter { $0["type"] as? String == "call" }
        let byPhase = Dictionary(grouping: calls) { $0["phase"] as? String ?? "" }
        #expect((byPhase["boot"]?.count ?? 0) > 0, "no hypercall in the boot phase")
        #expect((byPhase["workload"]?.count ?? 0) > 0, "no hypercall in the workload phase")

        // Every code is one the catalog knows: `hvlog explain` answers for it (it exits non-zero,
        // "no source in the catalog names this call code", for any other).
        let codes = Set(calls.compactMap { $0["code"] as? String })
        #expect(!codes.isEmpty)
        for code in codes {
            let explained = try Hvlog.run(["explain", code])
            #expect(explained.status == 0 && explained.stdout.hasPrefix("code "), "code \(code): \(explained.stdout)\(explained.stderr)")
        }

        // One record per kvm_hv_hypercall line of the raw trace, counted here from its text.
        let trace = try String(contentsOf: directory.appendingPathComponent("lab.trace"), encoding: .utf8)
        let rawCount = trace.split(separator: "\n").filter { $0.contains(" kvm_hv_hypercall: ") }.count
        #expect(rawCount > 0 && calls.count == rawCount, "\(calls.count) records, \(rawCount) kvm_hv_hypercall lines")

        // The consoles are kept next to the log; the temporary files are gone.
        let l2Console = try String(contentsOf: directory.appendingPathComponent("lab.l2-console.log"), encoding: .utf8)
        #expect(l2Console.contains("Hypervisor detected: Microsoft Hyper-V"))
        #expect(try String(contentsOf: directory.appendingPathComponent("lab.l1-serial.log"), encoding: .utf8).contains("L1LAB stage=done"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)

        // The report: the usage matrix with a column per phase that had calls, and every phase listed.
        #expect(run.stdout.hasPrefix("### Hypercall usage (calls) per partition and phase"))
        #expect(run.stdout.contains("| Code | Name | guest/boot | guest/workload |"))
        #expect(run.stdout.contains("HvCallSendSyntheticClusterIpi"))
        for phase in ["boot", "workload", "idle", "shutdown"] {
            #expect(run.stdout.contains("\n| \(phase) | "), "phase \(phase) missing from the phases table")
        }
    }

    @Test("the hard time limit stops L0 and says where the run was, with the console lines")
    func timeLimit() throws {
        let (directory, temporary, environment) = try labScratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let started = Date()
        let run = try Hvlog.run(["lab", "run", "--timeout", "30", "--idle", "600", "-o", directory.appendingPathComponent("slow.hvl").path],
                                environment: environment)
        #expect(run.status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "temporary files left after the time limit")
        #expect(run.stderr.contains("30 s time limit"), "\(run.stderr)")
        #expect(run.stderr.contains("  | L"), "console lines as evidence: \(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 120)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("slow.l1-serial.log").path))
    }

    @Test("SIGTERM while L0 runs stops it, removes the temporary files and keeps the console so far")
    func interrupted() throws {
        let (directory, temporary, environment) = try labScratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = Hvlog.executable
        process.arguments = ["lab", "run", "--idle", "600", "-o", directory.appendingPathComponent("stopped.hvl").path]
        process.environment = environment
        let errorPath = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until L0 has booted far enough to write its console, then stop the run.
        let serial = directory.appendingPathComponent("stopped.l1-serial.log")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline, ((try? FileManager.default.attributesOfItem(atPath: serial.path)[.size] as? Int) ?? 0) < 1000 {
            usleep(200_000)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let errors = try String(contentsOf: errorPath, encoding: .utf8)
        #expect(process.terminationStatus != 0)
        #expect(errors.contains("interrupted"), "\(errors)")
        #expect(FileManager.default.fileExists(atPath: serial.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "temporary files left after SIGTERM")
    }

    @Test("presets are listed with their expected hypercalls; bad options are refused before anything runs")
    func presetsAndValidation() throws {
        let presets = try Hvlog.run(["lab", "presets"])
        #expect(presets.status == 0)
        for name in ["default", "1-vcpu", "3-vcpus", "4-vcpus", "no-tlbflush", "no-ipi", "no-pv-flush-ipi", "ex-masks"] {
            #expect(presets.stdout.contains("\n" + name + " "), "preset \(name)")
        }
        #expect(presets.stdout.contains("0x0002 0x0003 0x000B"))
        let unknown = try Hvlog.run(["lab", "run", "--preset", "nope"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown preset 'nope'"))
        let badCPUs = try Hvlog.run(["lab", "run", "--vcpus", "9"])
        #expect(badCPUs.status != 0 && badCPUs.stderr.contains("1 to 4 vCPUs"))
        let badList = try Hvlog.run(["lab", "run", "--enlightenments", "hv-relaxed,relaxed"])
        #expect(badList.status != 0 && badList.stderr.contains("'relaxed' is not a Hyper-V enlightenment"))
    }
}
