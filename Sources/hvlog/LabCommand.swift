import ArgumentParser
import HypercallAnalysis
import Foundation
import HypercallABI
import HypercallLab
import HypercallLog

struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Capture real Hyper-V hypercalls from a Linux guest on KVM, nested in QEMU TCG (no Hyper-V host needed).",
        discussion: "See docs/lab.md. Needs the Debian packages that ./scripts/install-deps.sh installs, and root to read /boot/vmlinuz-*.",
        subcommands: [LabRunCommand.self, LabPresetsCommand.self]
    )
}

struct LabPresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "presets", abstract: "List the lab's presets and what each shows.")

    func run() {
        var table = TextTable(["preset", "vCPUs", "expected hypercalls", "shows"])
        for preset in LabPreset.all {
            table.append([preset.name, String(preset.vcpus), codeList(preset.expectedCodes), preset.summary])
        }
        print(table.render())
        print("")
        for preset in LabPreset.all {
            print("\(preset.name): -cpu \(preset.cpuModel)\(preset.highVPIndex ? ", vCPUs after the first at VP index 64 and up" : "")")
            print("  why: \(preset.rationale)")
        }
        print("")
        print("workloads: " + LabWorkload.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; "))
    }
}

struct LabRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Build the lab's images (cached), run L0 → L1 (KVM) → L2 (Hyper-V guest), import the trace with phases, print the report.",
        discussion: """
            Phases: boot (L2 starting until its init runs), workload, idle, shutdown. The log's consoles and raw trace \
            are kept next to it: NAME.l1-serial.log, NAME.l2-console.log, NAME.trace.
            Example: hvlog lab run --preset no-ipi --idle 10 -o no-ipi.hvl
            """
    )

    @Option(help: "A preset from `hvlog lab presets`.")
    var preset = "default"

    @Option(help: "L2's vCPUs (1-4), instead of the preset's.")
    var vcpus: Int?

    @Option(help: "L2's Hyper-V enlightenments, comma-separated (hv-relaxed,hv-vpindex,...), or 'none'; instead of the preset's.")
    var enlightenments: String?

    @Option(help: "The guest workload: tlbstorm or none.")
    var workload = "tlbstorm"

    @Option(name: .customLong("workload-seconds"), help: "How long the workload runs, seconds.")
    var workloadSeconds = 10

    @Option(help: "Workload threads per vCPU (besides one ping-pong pair per vCPU).")
    var threads = 2

    @Option(help: "Length of the idle phase, seconds.")
    var idle = 20

    @Option(name: .customLong("l1-cpus"), help: "CPUs of L1 (emulated by L0), 1-8 (default: 2).")
    var l1CPUs: Int?

    @Option(help: "Hard time limit for the whole nested run, seconds (default: derived from the scenario).")
    var timeout: Int?

    @Option(name: .shortAndLong, help: "The log to write (.hvl or .jsonl).")
    var output: String?

    func validate() throws {
        guard LabPreset.named(preset) != nil else {
            throw ValidationError("unknown preset '\(preset)'; presets: \(LabPreset.all.map(\.name).joined(separator: ", "))")
        }
        if let vcpus, !(1...4).contains(vcpus) { throw ValidationError("--vcpus \(vcpus): the lab runs 1 to 4 vCPUs") }
        guard LabWorkload.named(workload) != nil else {
            throw ValidationError("unknown workload '\(workload)'; workloads: \(LabWorkload.all.map(\.name).joined(separator: ", "))")
        }
        if let list = parsedEnlightenments, let bad = list.first(where: { !$0.hasPrefix("hv-") || $0.contains(" ") }) {
            throw ValidationError("--enlightenments: '\(bad)' is not a Hyper-V enlightenment (QEMU's hv-* CPU properties)")
        }
        for (name, value) in [("--workload-seconds", workloadSeconds), ("--idle", idle)] where !(0...3600).contains(value) {
            throw ValidationError("\(name) \(value): must be 0 to 3600")
        }
        if let l1CPUs, !(1...8).contains(l1CPUs) { throw ValidationError("--l1-cpus \(l1CPUs): must be 1 to 8") }
        guard (1...16).contains(threads) else { throw ValidationError("--threads \(threads): must be 1 to 16") }
        if let timeout, timeout < 30 { throw ValidationError("--timeout \(timeout): at least 30 seconds") }
        if let output, LogFormat(path: output) == nil { throw ValidationError("-o \(output): use a .hvl or .jsonl file name") }
    }

    var parsedEnlightenments: [String]? {
        enlightenments.map { $0 == "none" ? [] : $0.split(separator: ",").map { String($0) } }
    }

    func run() throws {
        let chosen = LabPreset.named(preset)!.with(vcpus: vcpus, enlightenments: parsedEnlightenments)
        let logPath = output ?? "lab-\(preset).hvl"
        var configuration = LabRunConfiguration(preset: chosen, workload: LabWorkload.named(workload)!, workloadSeconds: workloadSeconds,
                                                threadsPerCPU: threads, idleSeconds: idle, logPath: logPath, timeLimit: timeout)
        configuration.l1CPUCount = l1CPUs
        let progress = ProgressLine("lab")
        let started = Date()
        let result: LabRunResult
        do {
            installStopSignals()
            result = try LabRunner.run(configuration, shouldStop: { stopRequested.load(ordering: .relaxed) }) { status in
                progress.update(Int(Date().timeIntervalSince(started)), detail: "s  " + status)
            }
        } catch let failure as LabFailure {
            progress.finish()
            throw CommandFailure("lab run failed: \(failure)")
        }
        progress.finish()
        printError("lab: preset \(chosen.name), \(chosen.vcpus) vCPU\(chosen.vcpus == 1 ? "" : "s"): L0 ran \(String(format: "%.0f", result.l0Seconds)) s, "
                   + "whole run \(String(format: "%.0f", result.totalSeconds)) s; \(result.statistics.hypercallEvents.grouped) hypercalls")
        printError("lab: log \(logPath); kept \(configuration.l1SerialPath), \(configuration.l2ConsolePath), \(configuration.tracePath)")
        for warning in result.warnings { printError("lab: warning: \(warning)") }
        if parsedEnlightenments == nil {
            let observed = Set(result.observedCodes), expected = Set(chosen.expectedCodes)
            let unseen = expected.subtracting(observed).sorted(), unexpected = observed.subtracting(expected).sorted()
            if unseen.isEmpty && unexpected.isEmpty {
                printError("lab: the hypercalls are those preset \(chosen.name) is expected to produce")
            } else {
                printError("lab: note: preset \(chosen.name) expects \(codeList(chosen.expectedCodes)); not seen: \(codeList(unseen)); not expected: \(codeList(unexpected))")
            }
        }
        try printLabReport(logPath: logPath)
    }
}

func codeList(_ codes: [UInt16]) -> String {
    codes.isEmpty ? "none" : codes.map { HypercallCode($0).hex }.joined(separator: " ")
}

/// The report printed at the end of `hvlog lab run`: the usage matrix with call counts per phase,
/// the phases with their lengths and rates, per-code statistics and handler times (`hvlog report`
/// gives the rest: sequences, parameters, charts).
func printLabReport(logPath: String) throws {
    var options = AnalysisOptions()
    options.phaseOrder = LabRunner.phases
    let report = try analyzeLogs([logPath], options: options)
    let tables = ["usage", "phases", "codes", "durations"].compactMap { ReportTables.table($0, of: report, counts: true) }
    var output = StandardOutput()
    output.write(tables.map(TableRenderer.markdown).joined(separator: "\n"))
    output.write("More: hvlog report \(logPath) -o report.html")
    output.flush()
}
