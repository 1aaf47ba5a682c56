import HypercallAnalysis
import ArgumentParser
import Foundation
import GDBCapture
import HypercallLog
#if canImport(Glibc)
import Glibc
#endif

extension BreakpointKind: ExpressibleByArgument {}

struct RecordGDBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdb",
        abstract: "Record hypercalls live through a GDB stub (gdbserver, QEMU's gdbstub, VMware's debug stub).",
        discussion: """
            Puts a breakpoint on the hypervisor's hypercall handler entry and on its exits (the profile \
            says where, and where each field lives there), reads the input block at entry and the output \
            block at exit, and appends each call to the log as it completes. Ends when the target exits, \
            after --max calls or --duration seconds, or on Ctrl-C/SIGTERM; in every case, and on any \
            error, it removes every breakpoint it inserted and detaches, leaving the target running. \
            Switch phases meanwhile by writing a word into the --phase-file. See docs/gdb-capture.md.
            Example: hvlog record gdb --target 127.0.0.1:1234 --profile profiles/gdbserver-dispatcher.json -o calls.hvl
            """
    )

    @Option(name: .long, help: "The stub: HOST:PORT, unix:PATH for a Unix socket, or '|COMMAND' to start it on a pipe (e.g. '|gdbserver - ./prog').")
    var target: String

    @Option(name: .long, help: "The target profile (JSON).")
    var profile: String

    @Option(name: .shortAndLong, help: "The log to write (.hvl or .jsonl).")
    var output: String

    @Option(name: .long, help: "Phase of the records until the phase file says otherwise.")
    var phase: String = ""

    @Option(name: .long, help: "A file holding the current phase (one word): rewrite it to start a new phase.")
    var phaseFile: String?

    @Option(name: .long, help: "Stop after this many complete calls.")
    var max: Int?

    @Option(name: .long, help: "Stop after this many seconds.")
    var duration: Double?

    @Option(name: .long, help: "ELF file to resolve the profile's entry symbol in (overrides the profile's \"elf\").")
    var elf: String?

    @Option(name: .long, help: "Added to the entry and exit addresses (where the module is loaded), e.g. 0xfffff80000000000.")
    var moduleBase: String?

    @Option(name: .long, help: "software or hardware breakpoints (overrides the profile).")
    var breakpoints: BreakpointKind?

    @Option(name: .long, help: "Seconds to wait for each reply of the stub.")
    var timeout: Double = 5

    @Flag(name: .long, help: "Start no watchdog process (holding the same connection, it removes the breakpoints if hvlog is killed with SIGKILL).")
    var noWatchdog = false

    func run() throws {
        guard let format = LogFormat(path: output) else { throw ValidationError("'\(output)': use a .hvl or .jsonl file name") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        if let max, max <= 0 { throw ValidationError("--max must be positive") }
        guard !phase.contains(where: \.isWhitespace) else { throw ValidationError("a phase name is one word") }
        var base: UInt64 = 0
        if let moduleBase {
            guard let parsed = TargetProfile.parseAddress(moduleBase) else { throw ValidationError("--module-base '\(moduleBase)' is not an address") }
            base = parsed
        }
        let profile = try TargetProfile(path: self.profile)
        let entryAddress: UInt64
        switch profile.entry {
        case .address(let address): entryAddress = address &+ base
        case .symbol(let name, let profileELF):
            guard let path = elf ?? profileELF else { throw ValidationError("profile '\(profile.name)' names the entry by symbol '\(name)': give the ELF file with --elf") }
            entryAddress = try ELFSymbols(path: path).address(of: name) &+ base
        }
        var settings = GDBLogger.Settings(entryAddress: entryAddress, breakpoints: breakpoints ?? profile.breakpoints)
        if case .addresses(let addresses) = profile.exit { settings.exitAddresses = addresses.map { $0 &+ base } }
        settings.initialPhase = phase
        settings.phaseFile = phaseFile
        settings.maxCalls = max
        settings.duration = duration
        installStopSignals()
        // A watchdog that died must not kill the recorder silently at its next line (SIGPIPE),
        // leaving the breakpoints in the target: the write fails instead and is reported.
        signal(SIGPIPE, SIG_IGN)
        let connection = try RSPConnection(target: target, timeout: timeout)
        if getenv("HVLOG_GDB_TRACE") != nil { connection.trace = printError }
        let client = GDBRemoteClient(connection: connection)
        client.timeout = timeout
        try client.handshake()
        let watchdog = noWatchdog ? nil : try GDBWatchdogProcess(connection: connection)
        let header = LogHeader(createdAt: wallClockNanoseconds(), clockOrigin: wallClockNanoseconds(),
                               sourceDescription: "hvlog record gdb \(target) profile \(profile.name)")
        let statistics = try capture(into: output, format: format, header: header, label: "logged") { writer, progress in
            let logger = GDBLogger(client: client, profile: profile, settings: settings, writer: writer)
            logger.watchdog = watchdog.map { process in { process.send($0) } }
            return try logger.run(shouldStop: { stopRequested.load(ordering: .relaxed) },
                                  onProgress: { progress.update($0, detail: "calls") }, onNote: printError)
        }
        var summary = "\(output): \(statistics.completeCalls.grouped) calls complete, \(statistics.incompleteCalls.grouped) incomplete"
        if statistics.phaseMarkers > 0 { summary += ", \(statistics.phaseMarkers) phase markers" }
        if statistics.readErrors > 0 { summary += ", \(statistics.readErrors) unreadable fields or blocks" }
        if statistics.unmatchedExits + statistics.foreignTraps > 0 { summary += ", \(statistics.unmatchedExits + statistics.foreignTraps) stops not paired" }
        if statistics.repeatedSteps > 0 { summary += ", \(statistics.repeatedSteps) single-steps repeated (the stub reported a step that did not leave the breakpoint)" }
        summary += "; \(statistics.breakpointsRemoved) of \(statistics.breakpointsInserted) breakpoints removed"
        if let end = statistics.targetEnd { summary += "; target \(end)" } else { summary += ", target detached and running" }
        printError(summary)
    }
}

/// The watchdog process (`hvlog record gdb-watchdog`): told each breakpoint over a pipe, it holds a
/// duplicate of this process's connection to the stub (as its descriptor 3) and, if this process
/// dies before saying `done`, removes them through it (see `BreakpointWatchdog`).
final class GDBWatchdogProcess {
    private let pipeWrite: Int32
    static let connectionDescriptor: Int32 = 3

    init(connection: RSPConnection) throws {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw CommandFailure("pipe: \(String(cString: strerror(errno)))") }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var arguments = [executable, "record", "gdb-watchdog", "--target", connection.target, "--connection-fd", String(Self.connectionDescriptor)]
        if connection.noAckMode { arguments.append("--no-ack") }
        defer { close(descriptors[0]) }
        do {
            _ = try ChildProcess.spawn(arguments, descriptors: [(descriptors[0], STDIN_FILENO), (connection.fileDescriptor, Self.connectionDescriptor)])
        } catch {
            close(descriptors[1])
            throw CommandFailure("cannot start the watchdog: \(error)")
        }
        pipeWrite = descriptors[1]
    }

    /// Set once a line could not be written (the watchdog is gone).
    private var lost = false

    func send(_ line: String) {
        var text = line
        let written = text.withUTF8 { write(pipeWrite, $0.baseAddress, $0.count) }
        if written < 0 && !lost {
            lost = true
            printError("hvlog: the watchdog process is gone (\(String(cString: strerror(errno)))): if hvlog is killed with SIGKILL now, its breakpoints stay in the target")
        }
    }

    deinit { close(pipeWrite) }
}

struct RecordGDBWatchdogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdb-watchdog", abstract: "Internal: removes hvlog record gdb's breakpoints if it is killed.", shouldDisplay: false)

    @Option(name: .long, help: "The stub, for messages.")
    var target: String

    @Option(name: .long, help: "The inherited descriptor of the recorder's connection to the stub.")
    var connectionFd: Int32

    @Flag(name: .long, help: "The connection is in no-ack mode.")
    var noAck = false

    func run() throws {
        // Ctrl-C reaches the whole process group: the recorder handles it, the watchdog must outlive it.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        _ = fcntl(connectionFd, F_SETFD, FD_CLOEXEC)
        let connection = RSPConnection(adopting: connectionFd, target: target, noAckMode: noAck)
        if getenv("HVLOG_GDB_TRACE") != nil { connection.trace = { printError("hvlog watchdog: " + $0) } }
        BreakpointWatchdog.watch(input: STDIN_FILENO, connection: connection) { printError("hvlog watchdog: " + $0) }
    }
}
