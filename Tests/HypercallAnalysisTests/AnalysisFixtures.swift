import Foundation
import HypercallABI
import HypercallAnalysis
import HypercallLog

/// Small logs whose report tables are worked out by hand in the tests.
enum AnalysisFixtures {
    static let second: UInt64 = 1_000_000_000

    static func call(
        _ sequence: UInt64, _ code: UInt16, at time: UInt64, duration: UInt64? = nil, role: PartitionRole, partition: UInt64,
        vp: UInt32?, phase: String, fast: Bool = false, reps: UInt64 = 0, repStart: UInt64 = 0,
        status: HypervisorStatus? = .success, completed: UInt64 = 0, attributes: [RecordAttribute] = []
    ) -> LogEntry {
        .call(HypercallRecord(
            sequence: sequence, entryTime: time, exitTime: duration.map { time + $0 }, source: "test",
            partitionID: partition, partitionRole: role, vpIndex: vp, phase: phase,
            inputValue: try! HypercallInputValue(callCode: HypercallCode(code), isFast: fast, repCount: reps, repStartIndex: repStart),
            convention: fast ? .fast : .memory,
            resultValue: status.map { try! HypercallResultValue(status: $0, repsCompleted: completed) }, attributes: attributes))
    }

    static func phase(_ sequence: UInt64, _ name: String, at time: UInt64) -> LogEntry {
        .marker(LogMarker(sequence: sequence, time: time, kind: .phase, source: "test", text: name))
    }

    /// The root partition: boot from 0 s to 10 s, idle from 10 s to 16 s.
    ///
    /// VP 0, boot: FlushVirtualAddressSpace (0x2), FlushVirtualAddressList (0x3, 4 reps, all done),
    /// then 0x3 again resumed at rep 2 (a continuation). VP 1, boot: SendSyntheticClusterIpi (0xB,
    /// fast) twice. Idle, VP 0: NotifyLongSpinWait (0x8), fails with HV_STATUS_INVALID_PARAMETER;
    /// then 0x2 that never returns.
    static let root: [LogEntry] = [
        phase(0, "boot", at: 0),
        call(1, 0x0002, at: 1 * second, duration: 100, role: .root, partition: 0, vp: 0, phase: "boot",
             attributes: [RecordAttribute("flags", "0x1")]),
        call(2, 0x0003, at: 2 * second, duration: 50, role: .root, partition: 0, vp: 0, phase: "boot", reps: 4, completed: 4,
             attributes: [RecordAttribute("flags", "0x3")]),
        call(3, 0x000B, at: 3 * second, duration: 20, role: .root, partition: 0, vp: 1, phase: "boot", fast: true,
             attributes: [RecordAttribute("vector", "0x2f")]),
        call(4, 0x0003, at: 4 * second, duration: 70, role: .root, partition: 0, vp: 0, phase: "boot", reps: 4, repStart: 2, completed: 4,
             attributes: [RecordAttribute("flags", "0x1")]),
        call(5, 0x000B, at: 5 * second, duration: 30, role: .root, partition: 0, vp: 1, phase: "boot", fast: true,
             attributes: [RecordAttribute("vector", "0x30")]),
        phase(6, "idle", at: 10 * second),
        call(7, 0x0008, at: 12 * second, duration: 10, role: .root, partition: 0, vp: 0, phase: "idle", status: HypervisorStatus(0x0005)),
        call(8, 0x0002, at: 16 * second, role: .root, partition: 0, vp: 0, phase: "idle", status: nil),
    ]

    /// A guest partition (id 7): boot from 0 s to 2 s, idle from 2 s to 6 s.
    ///
    /// VP 0 alternates 0xB, 0x2, 0xB, 0x2, 0xB in boot (five calls, for n-grams), and in idle calls
    /// 0x8 twice, successfully.
    static let guest: [LogEntry] = [
        phase(0, "boot", at: 0),
        call(1, 0x000B, at: 100_000_000, duration: 40, role: .guest, partition: 7, vp: 0, phase: "boot", fast: true),
        call(2, 0x0002, at: 200_000_000, duration: 60, role: .guest, partition: 7, vp: 0, phase: "boot"),
        call(3, 0x000B, at: 300_000_000, duration: 40, role: .guest, partition: 7, vp: 0, phase: "boot", fast: true),
        call(4, 0x0002, at: 400_000_000, duration: 60, role: .guest, partition: 7, vp: 0, phase: "boot"),
        call(5, 0x000B, at: 500_000_000, duration: 40, role: .guest, partition: 7, vp: 0, phase: "boot", fast: true),
        phase(6, "idle", at: 2 * second),
        call(7, 0x0008, at: 3 * second, duration: 10, role: .guest, partition: 7, vp: 0, phase: "idle"),
        call(8, 0x0008, at: 6 * second, duration: 10, role: .guest, partition: 7, vp: 0, phase: "idle"),
    ]

    /// Writes `entries` as a log in `format` and returns its path.
    static func write(_ entries: [LogEntry], name: String, format: LogFormat, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("\(name).\(format.rawValue)").path
        let writer = try format.createWriter(path: path, header: LogHeader(createdAt: 0, sourceDescription: "fixture \(name)"), flushInterval: nil)
        for entry in entries { try writer.append(entry) }
        try writer.close()
        return path
    }

    /// Analyses logs by reading them back from disk: `.hvl` through views, JSON Lines through records.
    static func analyze(_ paths: [String], options: AnalysisOptions = AnalysisOptions()) throws -> UsageReport {
        var analyzer = LogAnalyzer(options: options)
        for path in paths { try analyzer.addLog(try LogFormat.openReader(path: path), path: path) }
        return analyzer.report()
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hvlog-analysis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
