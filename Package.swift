// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hvlog",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hvlog", targets: ["hvlog"]),
        .library(name: "HypercallABI", targets: ["HypercallABI"]),
        .library(name: "HypercallLog", targets: ["HypercallLog"]),
        .library(name: "HypercallLogSQLite", targets: ["HypercallLogSQLite"]),
        .library(name: "KVMCapture", targets: ["KVMCapture"]),
        .library(name: "HypercallAnalysis", targets: ["HypercallAnalysis"]),
        .library(name: "HypercallLab", targets: ["HypercallLab"]),
        .library(name: "GDBCapture", targets: ["GDBCapture"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The Hyper-V hypercall ABI as the TLFS defines it: pure data and arithmetic, no I/O.
        .target(name: "HypercallABI"),
        // The log: record model, JSON Lines and the crash-safe binary .hvl format.
        .target(name: "HypercallLog", dependencies: ["HypercallABI", "CCRC32C"]),
        // CRC-32C with the SSE4.2 instruction, chosen at run time (HypercallLog falls back to tables).
        .target(name: "CCRC32C"),
        // SQLite export and import of logs, through GRDB.
        .target(name: "HypercallLogSQLite", dependencies: ["HypercallLog", .product(name: "GRDB", package: "GRDB.swift")]),
        // Capture from Linux KVM's Hyper-V tracepoints: ftrace text import and live recording.
        .target(name: "KVMCapture", dependencies: ["HypercallABI", "HypercallLog"]),
        // Turning logs into knowledge: usage matrices, statistics, sequences, parameters, diffs, reports.
        .target(name: "HypercallAnalysis", dependencies: ["HypercallABI", "HypercallLog"]),
        // The nested lab: real Hyper-V hypercalls from a Linux guest on KVM inside QEMU TCG.
        .target(name: "HypercallLab", dependencies: ["HypercallLog", "KVMCapture"], resources: [.copy("Guest")]),
        // Live capture through a GDB stub (gdbserver, QEMU, VMware): breakpoints on the hypercall handler.
        .target(name: "GDBCapture", dependencies: ["HypercallABI", "HypercallLog"]),
        // A fixed-seed random generator shared by the benchmarks' data and the randomised tests.
        .target(name: "DeterministicRandom"),
        .executableTarget(
            name: "hvlog",
            dependencies: [
                "HypercallABI",
                "HypercallLog",
                "HypercallLogSQLite",
                "KVMCapture",
                "HypercallAnalysis",
                "HypercallLab",
                "GDBCapture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks that print their figures: swift run -c release hvlog-bench NAME.
        .executableTarget(name: "hvlog-bench", dependencies: ["HypercallABI", "HypercallLog", "KVMCapture", "HypercallAnalysis", "GDBCapture", "DeterministicRandom"]),
        .testTarget(name: "HypercallABITests", dependencies: ["HypercallABI", "DeterministicRandom"]),
        .testTarget(name: "HypercallLogTests", dependencies: ["HypercallLog", "HypercallLogSQLite", "DeterministicRandom"]),
        .testTarget(name: "KVMCaptureTests", dependencies: ["KVMCapture", "HypercallLog"]),
        .testTarget(name: "HypercallAnalysisTests", dependencies: ["HypercallAnalysis", "HypercallLog"]),
        .testTarget(name: "GDBCaptureTests", dependencies: ["GDBCapture", "HypercallLog"]),
        .testTarget(name: "CommandLineTests", dependencies: ["hvlog"]),
        .testTarget(name: "LabTests", dependencies: ["HypercallLab", "HypercallLog", "HypercallABI", "KVMCapture", "hvlog"]),
    ]
)
