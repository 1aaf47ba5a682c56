import Foundation
import HypercallLog
import KVMCapture

/// One lab run: which guest, which scenario, where the log goes, and how long it may take.
public struct LabRunConfiguration: Sendable {
    public var preset: LabPreset
    public var workload: LabWorkload
    public var workloadSeconds: Int
    public var threadsPerCPU: Int
    public var idleSeconds: Int
    /// The log to write (`.hvl` or `.jsonl`); the consoles and the raw trace are kept next to it.
    public var logPath: String
    /// Hard limit for L0, in seconds; `nil` for a limit derived from the scenario.
    public var timeLimit: Int?
    /// Per-CPU trace buffer in L1, KiB.
    public var traceBufferKB = 131_072
    /// L2's memory, MiB; L1 (L0's guest) gets 4096.
    public var l2MemoryMB = 1024

    public init(preset: LabPreset, workload: LabWorkload, workloadSeconds: Int = 10, threadsPerCPU: Int = 2, idleSeconds: Int = 20, logPath: String, timeLimit: Int? = nil) {
        self.preset = preset
        self.workload = workload
        self.workloadSeconds = workloadSeconds
        self.threadsPerCPU = threadsPerCPU
        self.idleSeconds = idleSeconds
        self.logPath = logPath
        self.timeLimit = timeLimit
    }

    /// The time limit: generous, since TCG on a busy machine can be several times slower than on an idle one.
    public var effectiveTimeLimit: Int { timeLimit ?? 480 + 60 * preset.vcpus + 4 * (workloadSeconds + idleSeconds) }
    /// L1's CPUs (L0's emulated CPUs); `nil` for 2. More TCG threads than the host has cores do not
    /// help: with 4 on a 2-core host a 4-vCPU L2 stalled in boot (an RCU stall on one vCPU), with 2 it runs.
    public var l1CPUCount: Int?
    public var l1CPUs: Int { l1CPUCount ?? 2 }

    /// Files kept next to the log: `NAME.l1-serial.log`, `NAME.l2-console.log`, `NAME.trace`.
    public var keptFilesBase: String {
        for suffix in [".hvl", ".jsonl"] where logPath.hasSuffix(suffix) { return String(logPath.dropLast(suffix.count)) }
        return logPath
    }
    public var l1SerialPath: String { keptFilesBase + ".l1-serial.log" }
    public var l2ConsolePath: String { keptFilesBase + ".l2-console.log" }
    public var tracePath: String { keptFilesBase + ".trace" }

    /// L0's QEMU: TCG emulating an AMD CPU with SVM and nested paging, booting the L1 kernel.
    func l0Arguments(kernel: String, initramfs: String, disk: String) -> [String] {
        ["-accel", "tcg,thread=multi,tb-size=1024", "-machine", "q35", "-cpu", "EPYC,+svm,+npt",
         "-smp", String(l1CPUs), "-m", "4096", "-kernel", kernel, "-initrd", initramfs,
         "-append", "console=ttyS0,115200 panic=-1 mitigations=off tsc=reliable",
         "-drive", "file=\(disk),format=raw,if=virtio", "-display", "none", "-nodefaults",
         "-serial", "file:\(l1SerialPath)", "-monitor", "none", "-no-reboot"]
    }

    /// L2's QEMU in L1, with KVM and the preset's enlightenments.
    var l2Arguments: [String] {
        ["-enable-kvm", "-machine", "pc,accel=kvm", "-cpu", preset.cpuModel] + preset.topologyArguments
            + ["-m", String(l2MemoryMB), "-kernel", "/lab/vmlinuz", "-initrd", "/lab/l2.cpio",
               "-display", "none", "-nodefaults", "-serial", "stdio", "-monitor", "none", "-no-reboot"]
    }

    /// L2's kernel command line: the scenario's settings are read by its init from /proc/cmdline.
    var l2CommandLine: String {
        "console=ttyS0 quiet panic=-1 hvlab.workload=\(workload.name) hvlab.seconds=\(workloadSeconds) hvlab.threads=\(threadsPerCPU) hvlab.idle=\(idleSeconds)"
    }

    /// /lab/run.conf, sourced by L1's init (values single-quoted for the shell).
    func settings(modules: [String]) -> String {
        func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let events = TraceFS.recordedEvents.compactMap(\.tracefsEvent)
        return """
            MODULES=\(quoted(modules.map { ModuleDependencies.name(of: $0) + ".ko" }.joined(separator: " ")))
            EVENTS=\(quoted(events.joined(separator: " ")))
            TRACE_BUFFER_KB=\(traceBufferKB)
            L2_TIMEOUT=\(max(60, effectiveTimeLimit - 30))
            L2_QEMU_ARGS=\(quoted(l2Arguments.joined(separator: " ")))
            L2_APPEND=\(quoted(l2CommandLine))

            """
    }
}

/// What a lab run produced.
public struct LabRunResult: Sendable {
    public let configuration: LabRunConfiguration
    public let statistics: KVMImportStatistics
    public let console: LabConsole
    public let warnings: [String]
    /// Wall-clock seconds of L0 (boot to power-off) and of the whole run (with image build and import).
    public let l0Seconds: Double
    public let totalSeconds: Double
    /// The call codes of the trace's kvm_hv_hypercall events, each once, in order.
    public let observedCodes: [UInt16]
}

/// Runs the nested lab: L0 (QEMU TCG) boots L1 (Linux with KVM), which runs L2 (Linux with Hyper-V
/// enlightenments) and traces KVM's Hyper-V events; the trace comes back on a virtio disk and is
/// imported into a log with phases.
public enum LabRunner {
    /// The phases a lab run's trace is marked with, in order (L1 marks `boot` when it starts L2;
    /// the guest's init marks the others: Guest/l1-init.sh, Guest/l2-init.sh).
    public static let phases = ["boot", "workload", "idle", "shutdown"]

    /// Runs the lab. `shouldStop` is polled (between steps, and twice a second while L0 runs):
    /// when it turns true, L0 is stopped and the run ends with an error after its temporary files
    /// are removed.
    public static func run(_ configuration: LabRunConfiguration, shouldStop: @escaping () -> Bool = { false },
                           progress: @escaping (String) -> Void) throws -> LabRunResult {
        func checkInterrupted() throws { if shouldStop() { throw LabFailure("interrupted") } }
        let started = Date()
        let images = try LabImages.prepare(log: progress)
        try checkInterrupted()
        let qemu = try HostRequirement.locate(.qemu)
        let modules = try images.kernel.moduleDependencies().loadOrder(for: LabImages.l1Modules).paths

        let scratch = NSTemporaryDirectory() + "hvlog-lab-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let initramfs = scratch + "/l1.cpio", disk = scratch + "/trace-disk.raw"
        try images.l1Initramfs(with: configuration.settings(modules: modules), at: initramfs)
        // A sparse raw disk: L1 writes a cpio archive of the trace at its start.
        guard FileManager.default.createFile(atPath: disk, contents: nil), truncate(disk, 2 << 30) == 0 else {
            throw LabFailure("cannot create the trace disk \(disk): \(String(cString: strerror(errno)))")
        }
        for path in [configuration.l1SerialPath, configuration.l2ConsolePath, configuration.tracePath] { try? FileManager.default.removeItem(atPath: path) }
        try checkInterrupted()

        let l0Started = Date()
        let timeLimit = configuration.effectiveTimeLimit
        let exit = try runL0(qemu: qemu, arguments: configuration.l0Arguments(kernel: images.kernelImage, initramfs: initramfs, disk: disk),
                             serialPath: configuration.l1SerialPath, errorPath: scratch + "/l0-stderr.txt", timeLimit: timeLimit,
                             shouldStop: shouldStop, progress: progress)
        let l0Seconds = Date().timeIntervalSince(l0Started)
        let serial = String(decoding: FileManager.default.contents(atPath: configuration.l1SerialPath) ?? Data(), as: UTF8.self)
        let console = LabConsole(serial: serial)
        try (console.l2Lines.joined(separator: "\n") + "\n").write(toFile: configuration.l2ConsolePath, atomically: true, encoding: .utf8)
        if let failure = console.failure(timedOut: exit.timedOut, timeLimit: timeLimit) {
            let l0Errors = String(decoding: FileManager.default.contents(atPath: scratch + "/l0-stderr.txt") ?? Data(), as: UTF8.self)
                .split(separator: "\n").filter { !$0.contains("TCG doesn't support requested feature") }.suffix(8).map { "L0 QEMU: " + $0 }
            throw LabFailure(failure.message + "\n(consoles kept: \(configuration.l1SerialPath), \(configuration.l2ConsolePath))",
                             evidence: failure.evidence + l0Errors)
        }

        progress("reading the trace back")
        let archive: CPIOReader
        do { archive = try CPIOReader(path: disk) } catch let failure as LabFailure {
            throw LabFailure("L1 did not leave a readable trace on its disk (\(failure.message))", evidence: console.tail(console.l1Lines, 10, label: "L1 serial"))
        }
        guard let trace = archive.entry(named: "trace.txt") else {
            throw LabFailure("the trace disk has no trace.txt (it holds: \(archive.entries.map(\.name).joined(separator: ", ")))")
        }
        try archive.copy(trace, to: configuration.tracePath)

        progress("importing \(trace.size / 1_000_000) MB of trace")
        var options = KVMTraceImporter.Options()
        options.source = "kvm"
        let header = LogHeader(createdAt: UInt64(Date().timeIntervalSince1970 * 1e9), sourceDescription: sourceDescription(configuration, kernel: images.kernel.version))
        guard let format = LogFormat(path: configuration.logPath) else {
            throw LabFailure("cannot tell the log format of '\(configuration.logPath)' from its extension: use .hvl or .jsonl")
        }
        let writer = CodeCollectingWriter(try format.createWriter(path: configuration.logPath, header: header))
        let statistics: KVMImportStatistics
        do {
            statistics = try KVMTraceImport.run(paths: [configuration.tracePath], options: options, writer: writer)
            try writer.close()
        } catch {
            try? writer.close()
            throw error
        }
        if statistics.hypercallEvents == 0 && statistics.msrEvents == 0 {
            throw LabFailure("the trace has no KVM Hyper-V events at all (no kvm_hv_hypercall, no kvm_msr): L2 never used the Hyper-V interface. The end of L2's console follows",
                             evidence: console.tail(console.l2Lines, 12, label: "L2 console"))
        }
        var warnings = console.warnings
        if statistics.malformedLines > 0 { warnings.append("\(statistics.malformedLines) malformed trace lines were skipped") }
        return LabRunResult(configuration: configuration, statistics: statistics, console: console, warnings: warnings,
                            l0Seconds: l0Seconds, totalSeconds: Date().timeIntervalSince(started), observedCodes: writer.codes)
    }

    static func sourceDescription(_ configuration: LabRunConfiguration, kernel: String) -> String {
        let preset = configuration.preset
        return "hvlog lab run --preset \(preset.name): L2 Linux \(kernel) on KVM in TCG, \(preset.vcpus) vCPUs, -cpu \(preset.cpuModel)"
            + "\(preset.highVPIndex ? " (vCPUs after the first at VP index 64 and up)" : ""), workload \(configuration.workload.name) \(configuration.workloadSeconds) s, idle \(configuration.idleSeconds) s"
    }

    /// Runs L0 to its end or its time limit, reporting L1's stages and L2's phases as they appear.
    static func runL0(qemu: String, arguments: [String], serialPath: String, errorPath: String, timeLimit: Int,
                      shouldStop: () -> Bool, progress: (String) -> Void) throws -> (status: Int32, timedOut: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: qemu)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errors.close() }
        process.standardOutput = errors
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw LabFailure("cannot start \(qemu): \(error.localizedDescription)") }
        let deadline = Date().addingTimeInterval(TimeInterval(timeLimit))
        var reported = ""
        var timedOut = false
        while process.isRunning {
            // A stop request (Ctrl-C, SIGTERM) stops L0 and ends the run by an error, so that the temporary files go too.
            let interrupted = shouldStop()
            if Date() > deadline || interrupted {
                timedOut = !interrupted
                process.terminate()
                let grace = Date().addingTimeInterval(10)
                while process.isRunning && Date() < grace { usleep(100_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                if interrupted { throw LabFailure("interrupted (L0 stopped; the consoles so far are in \(serialPath))") }
                break
            }
            usleep(500_000)
            let status = currentStatus(serialPath: serialPath)
            if status != reported {
                reported = status
                progress(status)
            }
        }
        process.waitUntilExit()
        return (process.terminationStatus, timedOut)
    }

    /// Passes entries on to a log writer, noting the call codes it sees.
    final class CodeCollectingWriter: LogWriter {
        let base: any LogWriter
        private(set) var codes: [UInt16] = []
        private var seen = Set<UInt16>()

        init(_ base: any LogWriter) { self.base = base }

        func append(_ entry: LogEntry) throws {
            if case .call(let record) = entry, seen.insert(record.inputValue.callCode.rawValue).inserted {
                codes.append(record.inputValue.callCode.rawValue)
            }
            try base.append(entry)
        }

        func flush() throws { try base.flush() }
        func close() throws { try base.close() }
    }

    /// "L1: kvm-loaded", "L2: workload", … from the serial log so far.
    static func currentStatus(serialPath: String) -> String {
        guard let data = FileManager.default.contents(atPath: serialPath) else { return "L0: starting" }
        let console = LabConsole(serial: String(decoding: data, as: UTF8.self))
        if let stage = console.stages.last, stage == "l2-exited" || stage == "done" { return "L1: writing the trace" }
        if let phase = console.l2Phases.last { return "L2: \(phase)" }
        if console.stages.contains("l2-start") { return "L2: boot" }
        if let stage = console.stages.last { return "L1: \(stage)" }
        return "L1: kernel boot"
    }
}
