import Foundation
import HypercallABI
import HypercallAnalysis
import HypercallLog
import Testing

/// Reports of the two fixture logs, checked against tables worked out by hand (see the fixtures'
/// comments for the scenario). Every test reads the logs back from disk, both as `.hvl` (views)
/// and as JSON Lines (owned records), so both aggregation paths are held to the same tables.
@Suite struct UsageReportTests {
    static func report(_ format: LogFormat, options: AnalysisOptions = AnalysisOptions()) throws -> UsageReport {
        let directory = try AnalysisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try AnalysisFixtures.analyze([
            AnalysisFixtures.write(AnalysisFixtures.root, name: "root", format: format, in: directory),
            AnalysisFixtures.write(AnalysisFixtures.guest, name: "guest", format: format, in: directory),
        ], options: options)
    }

    @Test(arguments: LogFormat.allCases)
    func usageMatrixPresenceAndCounts(format: LogFormat) throws {
        let report = try Self.report(format)
        #expect(TableRenderer.csv(ReportTables.usage(report, counts: false)) == """
            Code,Name,root/boot,root/idle,guest/boot,guest/idle
            0x0002,HvCallFlushVirtualAddressSpace,✓,✓,✓,
            0x0003,HvCallFlushVirtualAddressList,✓,,,
            0x0008,HvCallNotifyLongSpinWait,,✓,,✓
            0x000B,HvCallSendSyntheticClusterIpi,✓,,✓,

            """)
        #expect(TableRenderer.csv(ReportTables.usage(report, counts: true)) == """
            Code,Name,root/boot,root/idle,guest/boot,guest/idle
            0x0002,HvCallFlushVirtualAddressSpace,1,1,2,
            0x0003,HvCallFlushVirtualAddressList,2,,,
            0x0008,HvCallNotifyLongSpinWait,,1,,2
            0x000B,HvCallSendSyntheticClusterIpi,2,,3,

            """)
        #expect(report.totalCalls == 14)
    }

    /// A phase named twice in the chosen order (`--phases idle,boot,idle`) counts where it first stands.
    @Test(arguments: [["idle", "boot"], ["idle", "boot", "idle"], ["idle", "idle", "boot"]])
    func columnsByPartitionAndInChosenPhaseOrder(order: [String]) throws {
        var options = AnalysisOptions()
        options.grouping = .partition
        options.phaseOrder = order
        let report = try Self.report(.hvl, options: options)
        #expect(report.columns.map { "\($0.partition)/\($0.phase)" } == ["root 0/idle", "root 0/boot", "guest 7/idle", "guest 7/boot"])
        #expect(report.codes.first { $0.code == 0x0002 }?.perColumn == [1, 1, 0, 2])
    }

    @Test func unknownCodesKeepTheirNumber() throws {
        var analyzer = LogAnalyzer()
        analyzer.beginLog(path: "x", header: LogHeader(createdAt: 0, sourceDescription: "x"))
        analyzer.add(AnalysisFixtures.call(1, 0x7FFF, at: 0, role: .guest, partition: 1, vp: 0, phase: "p"))
        analyzer.endLog()
        #expect(TableRenderer.csv(ReportTables.usage(analyzer.report(), counts: true)) == "Code,Name,guest/p\n0x7FFF,unknown(0x7FFF),1\n")
    }

    @Test(arguments: LogFormat.allCases)
    func perCodeStatistics(format: LogFormat) throws {
        let report = try Self.report(format)
        // Phases: root boot 0–10 s and idle 10–16 s; guest boot 0–2 s and idle 2–6 s.
        #expect(report.phases.map(\.name) == ["boot", "idle"])
        #expect(report.phases.map(\.calls) == [10, 4])
        let seconds: [Double] = report.phases.map { $0.seconds ?? -1 }
        #expect(seconds == [12, 10])
        let codes = Dictionary(uniqueKeysWithValues: report.codes.map { ($0.code, $0) })
        #expect(report.codes.map(\.code) == [0x0002, 0x0003, 0x0008, 0x000B])
        #expect(codes[0x0002]!.calls == 4)
        #expect(codes[0x0002]!.share == 4.0 / 14)
        let expectedRates: [UInt16: [Double]] = [0x0002: [3.0 / 12, 1.0 / 10], 0x0008: [0, 3.0 / 10], 0x000B: [5.0 / 12, 0]]
        for (code, rates) in expectedRates {
            #expect(codes[code]!.ratePerPhase.map { $0 ?? -1 } == rates)
        }

        let list = codes[0x0003]!
        let reps: [Int] = [list.repCalls, list.repsRequested, list.repsCompleted, list.repMax, list.continuations]
        #expect(reps == [2, 8, 8, 4, 1])
        #expect(codes[0x0002]!.incomplete == 1)
        #expect(codes[0x0002]!.statuses.map { "\($0.name)=\($0.count)" } == ["HV_STATUS_SUCCESS=3"])
        #expect(codes[0x0008]!.statuses.map { "\($0.name)=\($0.count)" } == ["HV_STATUS_SUCCESS=2", "HV_STATUS_INVALID_PARAMETER=1"])
        #expect(codes[0x000B]!.conventions.fast == 5)
        #expect(codes[0x000B]!.conventions.memory == 0)
        #expect(codes[0x0003]!.conventions.memory == 2)

        // Durations (ns): 0x2 → [60, 60, 100] (the incomplete call has none), 0xB → [20, 30, 40, 40, 40].
        let flush = codes[0x0002]!.durations!
        let flushFigures: [Int] = [flush.count, Int(flush.p50), Int(flush.p90), Int(flush.p99), Int(flush.max)]
        #expect(flushFigures == [3, 60, 100, 100, 100])
        let ipi = codes[0x000B]!.durations!
        let ipiFigures: [Int] = [ipi.count, Int(ipi.p50), Int(ipi.p90), Int(ipi.max)]
        #expect(ipiFigures == [5, 40, 40, 40])
        let spin = codes[0x0003]!.durations!
        let listFigures: [Int] = [Int(spin.p50), Int(spin.p90)]
        #expect(listFigures == [50, 70])

        let first = try #require(codes[0x0002]!.firstSeen)
        let last = try #require(codes[0x0002]!.lastSeen)
        #expect(first.log == 0)
        #expect(first.seconds == 1)
        #expect(last.log == 1)
        #expect(last.seconds == 0.4)
    }

    @Test(arguments: LogFormat.allCases)
    func sequences(format: LogFormat) throws {
        let report = try Self.report(format)
        #expect(report.transitions.map { "\($0.phase) \(hex($0.from))>\(hex($0.to)) \($0.count)" } == [
            "boot 2>B 2", "boot B>2 2", "boot 2>3 1", "boot 3>3 1", "boot B>B 1", "idle 8>2 1", "idle 8>8 1",
        ])
        #expect(report.ngrams.map { $0.codes.map(hex).joined(separator: ",") + " \($0.count)" } == [
            "2,B 2", "B,2 2", "2,3 1", "3,3 1", "8,2 1", "8,8 1", "B,B 1",
            "B,2,B 2", "2,3,3 1", "2,B,2 1",
            "2,B,2,B 1", "B,2,B,2 1",
            "B,2,B,2,B 1",
        ])
        #expect(report.phaseExclusive.map { "\(hex($0.code)) \($0.phase) \($0.calls)" } == ["3 boot 2", "8 idle 3", "B boot 5"])
    }

    @Test(arguments: LogFormat.allCases)
    func parameterSummaries(format: LogFormat) throws {
        let report = try Self.report(format)
        #expect(report.parameters.map { summary in
            "\(hex(summary.code)) \(summary.field) \(summary.calls) \(summary.distinct) \(summary.minimum ?? "-")…\(summary.maximum ?? "-") "
                + summary.values.map { "\($0.value)×\($0.count)" }.joined(separator: ",")
        } == [
            "2 flags 1 1 0x1…0x1 0x1×1",
            "3 flags 2 2 0x1…0x3 0x1×1,0x3×1",
            "B vector 2 2 0x2f…0x30 0x2f×1,0x30×1",
        ])
    }

    @Test func diffOfRootAgainstGuest() throws {
        let directory = try AnalysisFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try AnalysisFixtures.analyze([AnalysisFixtures.write(AnalysisFixtures.root, name: "a", format: .hvl, in: directory)])
        let b = try AnalysisFixtures.analyze([AnalysisFixtures.write(AnalysisFixtures.guest, name: "b", format: .hvl, in: directory)])
        let diff = UsageDiff(a, b)
        #expect(diff.onlyInA.map { "\(hex($0.code)) \($0.callsA)" } == ["3 2"])
        #expect(diff.onlyInB.isEmpty)
        #expect(diff.common.map { "\(hex($0.code)) \($0.callsA) \($0.callsB)" } == ["2 2 2", "8 1 2", "B 2 3"])
        let ratios: [Double] = diff.common.map { $0.ratio ?? -1 }
        #expect(ratios == [1, 2, 1.5])
        // A spans 16 s, B 6 s.
        #expect(diff.secondsA == 16)
        #expect(diff.secondsB == 6)
        #expect(diff.common[0].rateA == 2.0 / 16)
        #expect(diff.common[0].rateB == 2.0 / 6)
        #expect(diff.statusChanges.map { "\(hex($0.code)) \($0.status) \($0.countA) \($0.countB)" } == [
            "8 HV_STATUS_INVALID_PARAMETER 1 0", "8 HV_STATUS_SUCCESS 0 2",
        ])
    }

    @Test func memoryDependsOnDistinctKeysNotOnLength() throws {
        // 200,000 calls over three codes: the report has three codes and a bounded timeline.
        var analyzer = LogAnalyzer()
        analyzer.beginLog(path: "long", header: LogHeader(createdAt: 0, sourceDescription: "long"))
        for index in 0..<200_000 {
            let code: UInt16 = [0x0002, 0x0003, 0x000B][index % 3]
            analyzer.add(AnalysisFixtures.call(UInt64(index), code, at: UInt64(index) * 5_000_000, duration: 100, role: .guest,
                                               partition: 1, vp: UInt32(index % 4), phase: "p"))
        }
        analyzer.endLog()
        let report = analyzer.report()
        #expect(report.codes.count == 3)
        #expect(report.timelines[0].counts.count <= 1024)
        #expect(report.timelines[0].counts.reduce(0, +) == 200_000)
        #expect(report.transitions.count == 3)
    }
}

func hex(_ code: UInt16) -> String { String(code, radix: 16, uppercase: true) }

@Suite struct DecodedParameterTests {
    /// Runs of one value are counted lazily; the totals must still be exact, for values short
    /// enough to be compared in registers and for longer ones, and when records list their
    /// attributes in changing order (the analyzer remembers keys by position).
    @Test(arguments: [("0x1", "0x2"), ("0x0123456789abcdef01", "0x0123456789abcdef02")])
    func repeatedAttributeValuesAreCountedExactly(one: String, two: String) throws {
        var analyzer = LogAnalyzer()
        analyzer.beginLog(path: "x", header: LogHeader(createdAt: 0, sourceDescription: "x"))
        for (index, value) in [one, one, two, one, one, one, two, two].enumerated() {
            var attributes = [RecordAttribute("kvm.thread", "5"), RecordAttribute("vector", value)]
            if index % 3 == 2 { attributes.reverse() }
            analyzer.add(AnalysisFixtures.call(UInt64(index), 0x000B, at: UInt64(index), role: .guest, partition: 1, vp: 0, phase: "p",
                                               attributes: attributes))
        }
        analyzer.endLog()
        let summary = try #require(analyzer.report().parameters.first)
        #expect(analyzer.report().parameters.count == 1)
        #expect(summary.field == "vector")
        #expect(summary.values.map { "\($0.value)×\($0.count)" } == ["\(one)×5", "\(two)×3"])
        #expect(summary.calls == 8)
        #expect(summary.distinct == 2)
    }

    /// FlushVirtualAddressSpace with its 24-byte input block (TLFS: AddressSpace, Flags,
    /// ProcessorMask), twice with one input and once with another.
    @Test func reportSummarisesFieldsDecodedFromInputBytes() throws {
        func flush(_ sequence: UInt64, space: UInt64, flags: UInt64, mask: UInt64) -> LogEntry {
            var bytes: [UInt8] = []
            for value in [space, flags, mask] { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
            return .call(HypercallRecord(sequence: sequence, source: "test", partitionRole: .guest, vpIndex: 0, phase: "p",
                                         inputValue: try! HypercallInputValue(callCode: HypercallCode(0x0002)), convention: .memory,
                                         input: bytes, resultValue: try! HypercallResultValue(status: .success)))
        }
        var analyzer = LogAnalyzer()
        analyzer.beginLog(path: "x", header: LogHeader(createdAt: 0, sourceDescription: "x"))
        analyzer.add(flush(1, space: 0x1A2B000, flags: 0x3, mask: 0x5))
        analyzer.add(flush(2, space: 0x1A2B000, flags: 0x3, mask: 0x5))
        analyzer.add(flush(3, space: 0x2000, flags: 0x4, mask: 0x1))
        analyzer.endLog()
        let rows = analyzer.report().parameters.map { "\($0.field): " + $0.values.map { "\($0.value)×\($0.count)" }.joined(separator: ", ") }
        #expect(rows == [
            "input.addressSpace: 0x1A2B000×2, 0x2000×1",
            "input.flags: ALL_PROCESSORS|ALL_VIRTUAL_ADDRESS_SPACES×2, NON_GLOBAL_MAPPINGS_ONLY×1",
            "input.processorMask: {0,2}×2, {0}×1",
        ])
    }
}
