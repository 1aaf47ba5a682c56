import HypercallAnalysis
import ArgumentParser
import Foundation
import HypercallLog
import KVMCapture

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a capture made by another tool into a log.",
        subcommands: [ImportKVMCommand.self]
    )
}

extension KVMTraceImporter.PartitionKey: ExpressibleByArgument {}

struct ImportKVMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kvm",
        abstract: "Import Linux KVM's Hyper-V tracepoints (ftrace text) into a log.",
        discussion: """
            Reads /sys/kernel/tracing/trace or trace_pipe output, or `trace-cmd report`, with the events \
            kvm_hv_hypercall, kvm_hv_hypercall_done, kvm_hv_flush_tlb(_ex), kvm_hv_send_ipi(_ex), \
            kvm_entry/kvm_exit (vCPU numbers), kvm_msr (synthetic MSRs become annotations) and \
            tracing_mark_write (`hvlog phase=NAME` changes the phase). Other lines are counted and skipped; \
            malformed lines of these events are reported with their line numbers and make the exit status 1, \
            after everything else has been imported.
            Example: hvlog import kvm trace.txt -o capture.hvl --phase-marker 'L2MARK PHASE ([a-z]+)'
            """
    )

    @Argument(help: "ftrace text files; - reads standard input.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The log to write (.hvl or .jsonl; - for JSON Lines on standard output).")
    var output: String

    @Option(name: .long, help: "Phase of the records before the first phase marker.")
    var phase: String = ""

    @Option(name: .long, help: "A regular expression: trace_marker text matching it changes the phase to its first capture group.")
    var phaseMarker: String?

    @Option(name: .long, help: "What identifies a VM: automatic (TGID column if present, else task name), tgid, or comm.")
    var partitionBy: KVMTraceImporter.PartitionKey = .automatic

    func run() throws {
        var options = KVMTraceImporter.Options()
        options.initialPhase = phase
        options.partitionBy = partitionBy
        if let phaseMarker {
            do { options.phaseMarkerPattern = try Regex(phaseMarker) } catch {
                throw ValidationError("--phase-marker '\(phaseMarker)' is not a valid regular expression: \(error)")
            }
        }
        let format = LogFormat(path: output) ?? .jsonl
        guard output == "-" || LogFormat(path: output) != nil else {
            throw ValidationError("cannot tell the format of '\(output)' from its extension: use .hvl or .jsonl")
        }
        let header = LogHeader(createdAt: wallClockNanoseconds(), sourceDescription: "hvlog import kvm " + files.joined(separator: " "))
        let statistics = try capture(into: output, format: format, header: header, label: "imported") { writer, progress in
            try KVMTraceImport.run(paths: files, options: options, writer: writer) { bytes in
                progress.update(bytes / 1_000_000, detail: "MB")
            }
        }
        var table = TextTable(["", "count"], alignments: [.left, .right])
        for (label, value) in statistics.summary where value > 0 || label.hasPrefix("kvm_hv_hypercall") { table.append([label, value.grouped]) }
        printError(table.render())
        for example in statistics.malformedExamples {
            printError("\(files.count == 1 ? files[0] : "input"):\(example.line): malformed \(example.event): \(example.message)")
        }
        if statistics.malformedLines > 0 {
            throw CommandFailure("\(statistics.malformedLines) malformed lines (the rest was imported into \(output))")
        }
    }
}

/// Runs a capture that writes into a new log, with a progress line; the log is closed (everything
/// already captured flushed) whether the capture succeeds or fails.
func capture<Result>(
    into path: String, format: LogFormat, header: LogHeader, label: String,
    _ body: (any LogWriter, ProgressLine) throws -> Result
) throws -> Result {
    let writer = try format.createWriter(path: path, header: header)
    let progress = ProgressLine(label)
    defer { progress.finish() }
    do {
        let result = try body(writer, progress)
        progress.finish()
        try writer.close()
        return result
    } catch {
        try? writer.close()
        throw error
    }
}

/// Nanoseconds since the Unix epoch.
func wallClockNanoseconds() -> UInt64 {
    UInt64(Date().timeIntervalSince1970 * 1_000_000_000)
}
