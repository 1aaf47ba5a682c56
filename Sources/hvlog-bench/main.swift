import Foundation
import HypercallLog

/// hvlog's benchmarks: `swift run -c release hvlog-bench log-io [COUNT]`.
let arguments = CommandLine.arguments.dropFirst()
// Files go to memory (/dev/shm) by default, so that the figures are the formats' cost, not the disk's.
let directory = ProcessInfo.processInfo.environment["HVLOG_BENCH_DIR"]
    ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
let runs = ProcessInfo.processInfo.environment["HVLOG_BENCH_RUNS"].flatMap { Int($0) } ?? 3
switch arguments.first {
case "log-io":
    let formats = arguments.dropFirst(2).first.flatMap { LogFormat(rawValue: $0) }.map { [$0] } ?? LogFormat.allCases
    try LogIOBenchmark.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000_000, directory: directory, formats: formats, runs: runs)
case "kvm-import":
    try KVMImportBenchmark.run(megabytes: arguments.dropFirst().first.flatMap { Int($0) } ?? 1000, directory: directory, runs: runs)
case "report":
    try ReportBenchmark.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000_000, directory: directory, runs: runs)
case "decode":
    DecodeBenchmark.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000, runs: runs)
case "gdb-latency":
    try GDBLatencyBenchmark.run(calls: arguments.dropFirst().first.flatMap { Int($0) } ?? 20_000, directory: directory, only: Array(arguments.dropFirst(2)))
default:
    print("usage: hvlog-bench log-io [COUNT [hvl|jsonl]] | kvm-import [MEGABYTES] | report [COUNT] | decode [COUNT] | gdb-latency [CALLS [software-tcp|hardware-tcp|software-pipe|hardware-pipe|null-tcp|null-pipe|ptrace …]]")
    exit(2)
}
