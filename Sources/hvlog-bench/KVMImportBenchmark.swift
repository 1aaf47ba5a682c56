import Foundation
import HypercallLog
import KVMCapture

/// Imports a generated ftrace text of about `megabytes` MB and compares with awk counting the same events.
enum KVMImportBenchmark {
    /// Writes a trace shaped like the shared sample (6.1 format): per hypercall a kvm_entry, the
    /// hypercall, an IPI or flush detail, the done; MSR writes and scheduler noise in between.
    static func generate(path: String, megabytes: Int) throws -> (lines: Int, hypercalls: Int) {
        guard let file = fopen(path, "w") else { throw POSIXError(.EIO) }
        defer { fclose(file) }
        var buffer = "# tracer: nop\n#\n"
        var lines = 2, hypercalls = 0, bytes = 0
        var time: UInt64 = 13_000_000
        var state: UInt64 = 0x1234_5678
        let target = megabytes * 1_000_000
        while bytes < target {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let thread = 191 + Int(state >> 60 & 1)
            let cpu = String(format: "%03d", Int(state >> 59 & 1))
            func line(_ event: String, _ arguments: String) {
                time += 1 + (state >> 40 & 0x3F)
                buffer += " qemu-system-x86-\(thread)     [\(cpu)] .....  \(time / 1_000_000).\(String(format: "%06d", time % 1_000_000)): \(event): \(arguments)\n"
                lines += 1
            }
            line("kvm_entry", "vcpu \(thread - 191), rip 0xffffffff8104f3b4")
            switch state >> 32 & 7 {
            case 0, 1:
                line("kvm_hv_hypercall", "code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x12cd000 out 0x0")
                line("kvm_hv_flush_tlb", "processor_mask 0x0 address_space 0x33906000 flags 0x\(state >> 20 & 7)")
            case 2:
                line("kvm_hv_hypercall", "code 0x3 slow var_cnt 0x0 rep_cnt 0x\(1 + (state >> 24 & 7)) idx 0x0 in 0x12cd000 out 0x0")
                line("kvm_hv_flush_tlb", "processor_mask 0x3 address_space 0x33906000 flags 0x0")
            case 3:
                line("kvm_msr", "msr_write 40000070 = 0x0")
                line("kvm_msr", "msr_write 6e0 = 0x1c4a5bd93f2")
                continue
            default:
                line("kvm_hv_hypercall", "code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x\(1 + (state >> 18 & 1))")
                line("kvm_hv_send_ipi", "vector fb processor_mask 0x\(1 + (state >> 18 & 1))")
            }
            hypercalls += 1
            line("kvm_hv_hypercall_done", "result 0x0")
            if buffer.utf8.count > 1 << 20 {
                bytes += buffer.utf8.count
                fputs(buffer, file)
                buffer = ""
            }
        }
        fputs(buffer, file)
        return (lines, hypercalls)
    }

    static func run(megabytes: Int, directory: String, runs: Int = 3) throws {
        let tracePath = "\(directory)/bench-trace.txt"
        // HVLOG_BENCH_KVM_OUTPUT puts the log elsewhere (a disk, /dev/null) to see what writing it costs.
        let logPath = ProcessInfo.processInfo.environment["HVLOG_BENCH_KVM_OUTPUT"] ?? "\(directory)/bench-import.hvl"
        let (lines, hypercalls) = try generate(path: tracePath, megabytes: megabytes)
        let size = fileSize(tracePath)
        print("KVM import benchmark: \(lines) lines, \(hypercalls) hypercalls, \(size / 1_000_000) MB of ftrace text in \(directory), log to \(logPath), one core, median of \(runs) runs")
        var importCosts: [RunCost] = [], calls = 0
        for _ in 0..<runs {
            importCosts.append(try RunCost.of(RUSAGE_SELF) {
                let writer = try HVLWriter(path: logPath, header: LogHeader(createdAt: 0, sourceDescription: "bench"), flushInterval: nil)
                let statistics = try KVMTraceImport.run(paths: [tracePath], options: KVMTraceImporter.Options(), writer: writer)
                try writer.close()
                calls = statistics.completeCalls
            })
            print("  import: " + importCosts.last!.summary(lines: lines))
        }
        precondition(calls == hypercalls, "imported \(calls) of \(hypercalls) calls")
        var awkCosts: [RunCost] = [], awkCount = ""
        for _ in 0..<runs {
            awkCosts.append(try RunCost.of(RUSAGE_CHILDREN) {
                awkCount = try runOutput("/usr/bin/awk", ["/ kvm_hv_hypercall: /{n++} END {print n}", tracePath])
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            })
            print("  awk:    " + awkCosts.last!.summary(lines: lines))
        }
        precondition(Int(awkCount) == hypercalls, "awk counted \(awkCount)")
        let importTimes = importCosts.map(\.wall), awkTimes = awkCosts.map(\.wall)
        let importMedian = importTimes.sorted()[runs / 2], awkMedian = awkTimes.sorted()[runs / 2]
        print(String(format: "hvlog import kvm  %7.3f s  %11.0f lines/s  %7.1f MB/s  (runs %.3f–%.3f s) → .hvl with %d records",
                     importMedian, Double(lines) / importMedian, Double(size) / importMedian / 1e6, importTimes.min()!, importTimes.max()!, calls))
        print(String(format: "awk (count only)  %7.3f s  %11.0f lines/s  %7.1f MB/s  (runs %.3f–%.3f s)",
                     awkMedian, Double(lines) / awkMedian, Double(size) / awkMedian / 1e6, awkTimes.min()!, awkTimes.max()!))
        print(String(format: "ratio: hvlog import is %.2fx the speed of awk counting the same events; target ≥ 2,000,000 lines/s", awkMedian / importMedian))
        // Wall time includes time other processes held the CPU ("other" above); CPU time does not.
        let importCPU = importCosts.map { $0.user + $0.system }.sorted()[runs / 2], awkCPU = awkCosts.map { $0.user + $0.system }.sorted()[runs / 2]
        print(String(format: "per CPU-second (user + sys, median): hvlog import %.0f lines/s, awk %.0f lines/s", Double(lines) / importCPU, Double(lines) / awkCPU))
        unlink(tracePath)
        var info = stat()
        if stat(logPath, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(logPath) }  // not /dev/null
    }
}
