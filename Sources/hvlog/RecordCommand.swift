import HypercallAnalysis
import ArgumentParser
import HypercallLog
import KVMCapture
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record hypercalls live into a log.",
        subcommands: [RecordKVMCommand.self, RecordGDBCommand.self, RecordGDBWatchdogCommand.self]
    )
}

/// Set by SIGINT and SIGTERM; the recording loops look at it at least every 100 ms.
let stopRequested = Atomic<Bool>(false)

/// Catches SIGINT and SIGTERM, and unblocks them: a parent may have spawned hvlog with them
/// blocked (the mask is inherited), and a recorder that cannot be stopped would leave tracefs set up.
func installStopSignals() {
    var signals = sigset_t()
    sigemptyset(&signals)
    for number in [SIGINT, SIGTERM] {
        signal(number) { _ in stopRequested.store(true, ordering: .relaxed) }
        sigaddset(&signals, number)
    }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
}

struct RecordKVMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kvm",
        abstract: "Record Linux KVM's Hyper-V tracepoints live from tracefs.",
        discussion: """
            Enables kvm_hv_hypercall, kvm_hv_hypercall_done, kvm_hv_flush_tlb(_ex), kvm_hv_send_ipi(_ex), \
            kvm_entry and kvm_msr (and the TGID column), streams trace_pipe into the log, and restores every \
            control file it changed when it ends: after --duration, on Ctrl-C or SIGTERM, or on an error. \
            Needs root (or access to tracefs). Mark phases meanwhile with `hvlog mark PHASE`.
            """
    )

    @Option(name: .shortAndLong, help: "The log to write (.hvl or .jsonl).")
    var output: String

    @Option(name: .long, help: "Stop after this many seconds.")
    var duration: Double?

    @Option(name: .long, help: "Only the threads of this process (a VMM such as QEMU).")
    var pid: Int32?

    @Option(name: .long, help: "Phase of the records before the first phase marker.")
    var phase: String = ""

    @Option(name: .long, help: "tracefs mount point (default: /sys/kernel/tracing, then /sys/kernel/debug/tracing).")
    var tracefs: String?

    @Flag(name: .long, help: "Leave out kvm_entry (fewer events; records then carry no vCPU index).")
    var noVcpuEvents = false

    func run() throws {
        guard let format = LogFormat(path: output) else { throw ValidationError("'\(output)': use a .hvl or .jsonl file name") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        let traceFS = try TraceFS(root: tracefs)
        var settings = KVMRecorder.Settings()
        settings.duration = duration
        settings.threads = try pid.map(TraceFS.threads(of:))
        settings.includeVCPUEvents = !noVcpuEvents
        settings.options.initialPhase = phase
        installStopSignals()
        let header = LogHeader(createdAt: wallClockNanoseconds(), sourceDescription: "hvlog record kvm from \(traceFS.root)\(pid.map { " pid \($0)" } ?? "")")
        let statistics = try capture(into: output, format: format, header: header, label: "recorded") { writer, progress in
            try KVMRecorder.record(
                tracefs: traceFS, settings: settings, writer: writer,
                shouldStop: { stopRequested.load(ordering: .relaxed) },
                onProgress: { progress.update($0, detail: "entries") }, onNote: printError)
        }
        printError("\(output): \(statistics.completeCalls.grouped) calls complete, \(statistics.incompleteCalls.grouped) incomplete, \(statistics.markers.grouped) markers; tracefs restored")
    }
}

struct MarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Write a phase marker (hvlog phase=NAME) into the kernel trace.",
        discussion: "A running `hvlog record kvm` (or a later `hvlog import kvm` of the trace) starts phase NAME there."
    )

    @Argument(help: "The phase that starts now, e.g. idle.")
    var phase: String

    @Option(name: .long, help: "tracefs mount point.")
    var tracefs: String?

    func run() throws {
        guard !phase.isEmpty, !phase.contains(where: \.isWhitespace) else { throw ValidationError("a phase name is one word") }
        try TraceFS(root: tracefs).markPhase(phase)
    }
}
