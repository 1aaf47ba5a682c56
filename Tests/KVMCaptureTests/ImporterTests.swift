import Foundation
import Testing
import HypercallABI
import HypercallLog
@testable import KVMCapture

/// Runs the importer over text lines and returns what it emitted.
func importLines(_ text: String, options: KVMTraceImporter.Options = KVMTraceImporter.Options()) throws -> (entries: [LogEntry], statistics: KVMImportStatistics) {
    var entries: [LogEntry] = []
    let importer = KVMTraceImporter(options: options) { entries.append($0) }
    // Split on any line break: "\r\n" is one Character in Swift (the sample's marker lines end so).
    for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        try Array(line.utf8).withUnsafeBytes { try importer.consume(line: $0, lineNumber: number + 1) }
    }
    try importer.finish()
    return (entries, importer.statistics)
}

func calls(_ entries: [LogEntry]) -> [HypercallRecord] {
    entries.compactMap { if case .call(let record) = $0 { record } else { nil } }
}

/// Two VMs (TGID 500 and 600), two vCPU threads in the first, interleaved, in the 6.2+ format.
let interleavedTrace = """
# tracer: nop
#
#                                _-----=> irqs-off/BH-disabled
#           TASK-PID     TGID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |        |   |||||     |         |
       CPU 0/KVM-501     (    500) [000] .....   100.000001: kvm_entry: vcpu 0, rip 0xffffffff81000000
       CPU 1/KVM-502     (    500) [001] .....   100.000002: kvm_entry: vcpu 1, rip 0xffffffff81000010
             tee-77      (     77) [000] .....   100.000003: tracing_mark_write: hvlog phase=workload
       CPU 0/KVM-501     (    500) [000] .....   100.000010: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x12cd000 out 0x0
       CPU 1/KVM-502     (    500) [001] .....   100.000011: kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1
       CPU 1/KVM-502     (    500) [001] .....   100.000012: kvm_hv_send_ipi: vector fb processor_mask 0x1
       CPU 1/KVM-502     (    500) [001] .....   100.000013: kvm_hv_hypercall_done: result 0x0
       CPU 0/KVM-501     (    500) [000] .....   100.000014: kvm_hv_flush_tlb: processor_mask 0x2 address_space 0x33906000 flags 0x1 (L2)
       CPU 0/KVM-501     (    500) [000] .....   100.000020: kvm_hv_hypercall_done: result 0x0
       CPU 0/KVM-601     (    600) [001] .....   100.000030: kvm_entry: vcpu 0, rip 0xffffffff81000000
       CPU 0/KVM-601     (    600) [001] .....   100.000031: kvm_hv_hypercall: code 0x14 slow var_cnt 0x1 rep_cnt 0x3 idx 0x1 in 0x2000 out 0x0
       CPU 0/KVM-601     (    600) [001] .....   100.000032: kvm_hv_flush_tlb_ex: valid_bank_mask 0x1 format 0x0 address_space 0x0 flags 0x3
       CPU 0/KVM-601     (    600) [001] .....   100.000033: kvm_hv_hypercall_done: result 0x300000000
       CPU 0/KVM-501     (    500) [000] .....   100.000040: kvm_msr: msr_write 40000073 = 0x11c2001
       CPU 0/KVM-501     (    500) [000] .....   100.000041: kvm_msr: msr_read fe = 0x508
       CPU 0/KVM-501     (    500) [000] .....   100.000050: kvm_hv_hypercall: code 0x11 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0
       CPU 0/KVM-501     (    500) [000] .....   100.000060: kvm_hv_hypercall: code 0x8 fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x5 out 0x0
       CPU 0/KVM-501     (    500) [000] .....   100.000061: kvm_hv_hypercall_done: result 0x0
       CPU 1/KVM-502     (    500) [001] .....   100.000070: sched_switch: prev_comm=x prev_pid=1
       CPU 1/KVM-502     (    500) [001] .....   100.000071: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0
       CPU 1/KVM-502     (    500) [001] .....   100.000080: kvm_hv_hypercall: code 0x5c slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x3000 out 0x0
"""

@Suite("KVM trace import")
struct ImporterTests {
    @Test("calls pair per task, interleaved across vCPUs and VMs, in the order they began")
    func pairing() throws {
        let (entries, statistics) = try importLines(interleavedTrace)
        let records = calls(entries)
        #expect(records.map(\.callCode.rawValue) == [0x2, 0xB, 0x14, 0x11, 0x8, 0x5C])
        #expect(records.map(\.sequence) == records.map(\.sequence).sorted())
        #expect(entries.map(\.sequence) == Array(0..<UInt64(entries.count)))

        let flush = records[0]
        #expect(flush.partitionID == 500 && flush.partitionRole == .guest && flush.vpIndex == 0 && flush.phase == "workload")
        #expect(flush.inputValue.rawValue == 0x2 && flush.convention == .memory && flush.inputGPA == 0x12CD000 && flush.outputGPA == 0)
        #expect(flush.entryTime == 100_000_010_000 && flush.exitTime == 100_000_020_000 && flush.resultValue?.rawValue == 0)
        #expect(flush.attributes == [RecordAttribute("kvm.thread", "501"), RecordAttribute("processor_mask", "0x2"),
                                     RecordAttribute("address_space", "0x33906000"), RecordAttribute("flags", "0x1"),
                                     RecordAttribute("guest_mode", "L2")])

        let ipi = records[1]
        #expect(ipi.vpIndex == 1 && ipi.convention == .fast && ipi.inputValue.rawValue == 0x1_000B)
        #expect(ipi.input == [0xFB, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], "RDX then R8, little-endian")
        #expect(ipi.inputGPA == nil && ipi.attributes.contains(RecordAttribute("vector", "0xfb")))

        let listEx = records[2]
        #expect(listEx.partitionID == 600 && listEx.vpIndex == 0)
        #expect(listEx.inputValue.rawValue == 0x0001_0003_0002_0014, "code 0x14, var header 1, rep count 3, rep index 1")
        #expect(listEx.resultValue?.repsCompleted == 3 && listEx.attributes.contains(RecordAttribute("valid_bank_mask", "0x1")))

        // The VTL call got no done (KVM queued #UD): kept, incomplete, closed by the next call of its task.
        #expect(records[3].resultValue == nil && records[3].exitTime == nil)
        #expect(records[4].resultValue?.status == .success)
        // The last call never completed before the trace ended.
        #expect(records[5].resultValue == nil)

        #expect(statistics.completeCalls == 4 && statistics.incompleteCalls == 2)
        #expect(statistics.malformedLines == 1 && statistics.malformedExamples.first?.line == 25)
        #expect(statistics.otherEvents == 1 && statistics.otherMSRAccesses == 1)
    }

    @Test("a TGID or pid too large for 32 bits is kept truncated, not a trap")
    func oversizedIDs() throws {
        let (entries, statistics) = try importLines("""
               CPU 0/KVM-501     (4294967295) [000] .....   100.000010: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x1 out 0x0
               CPU 0/KVM-501     (4294967295) [000] .....   100.000020: kvm_hv_hypercall_done: result 0x0
               CPU 0/KVM-99999999999 [000] .....   100.000030: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x1 out 0x0
            """)
        #expect(calls(entries).map(\.partitionID) == [0xFFFF_FFFF, UInt64(UInt32(truncatingIfNeeded: 99_999_999_999 as UInt64))])
        #expect(statistics.completeCalls == 1 && statistics.incompleteCalls == 1)
    }

    @Test("a call left open while thousands of others complete keeps its place, complete, at the front")
    func longOpenCall() throws {
        func line(_ pid: Int, _ time: Int, _ event: String) -> String {
            "   CPU 0/KVM-\(pid)     (    500) [000] .....   100.\(String(format: "%06d", time)): \(event)"
        }
        var lines = [line(501, 0, "kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x1000 out 0x0")]
        for index in 0..<3000 {
            lines.append(line(502, 1 + 2 * index, "kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x\(String(index, radix: 16)) out 0x0"))
            lines.append(line(502, 2 + 2 * index, "kvm_hv_hypercall_done: result 0x0"))
        }
        lines.append(line(501, 9000, "kvm_hv_flush_tlb: processor_mask 0x1 address_space 0x0 flags 0x0"))
        lines.append(line(501, 9001, "kvm_hv_hypercall_done: result 0x0"))
        let (entries, statistics) = try importLines(lines.joined(separator: "\n"))
        let records = calls(entries)
        #expect(records.count == 3001 && statistics.completeCalls == 3001)
        #expect(records.map(\.sequence) == Array(0..<3001))
        #expect(records[0].callCode == HypercallCode(2) && records[0].exitTime == 100_009_001_000 && records[0].isComplete)
        #expect(records[0].attributes.map(\.key) == ["kvm.thread", "processor_mask", "address_space", "flags"])
        #expect(records[1...].allSatisfy { $0.callCode == HypercallCode(0xB) && $0.isComplete })
        #expect(records[3000].input == withUnsafeBytes(of: (UInt64(2999).littleEndian, UInt64(0))) { Array($0) })
    }

    @Test("markers: hvlog phase=, synthetic MSR accesses as annotations")
    func markers() throws {
        let (entries, _) = try importLines(interleavedTrace)
        let markers = entries.compactMap { if case .marker(let marker) = $0 { marker } else { nil } }
        #expect(markers.count == 2)
        #expect(markers[0].kind == .phase && markers[0].text == "workload" && markers[0].time == 100_000_003_000)
        #expect(markers[1].kind == .annotation && markers[1].text == "msr_write HV_X64_MSR_VP_ASSIST_PAGE = 0x11c2001")
        #expect(markers[1].attributes.contains(RecordAttribute("partition", "500")) && markers[1].attributes.contains(RecordAttribute("vp", "0")))
    }

    @Test("without the TGID column, a VM is all tasks of one name; --partition-by tgid uses thread ids then")
    func partitions() throws {
        let trace = """
             qemu-system-x86-191     [000] .....    13.2: kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1
             qemu-system-x86-192     [001] .....    13.3: kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x2
                  other-vm-300     [001] .....    13.4: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0
        """
        #expect(calls(try importLines(trace).entries).map(\.partitionID) == [191, 191, 300])
        var options = KVMTraceImporter.Options()
        options.partitionBy = .tgid
        #expect(calls(try importLines(trace, options: options).entries).map(\.partitionID) == [191, 192, 300])
    }

    @Test("a phase pattern turns other trace_marker texts into phases; the first matching group names it")
    func phasePattern() throws {
        var options = KVMTraceImporter.Options()
        options.initialPhase = "boot"
        options.phaseMarkerPattern = try Regex("L2MARK PHASE (workload|idle)-begin|L2MARK PHASE (poweroff)")
        let trace = """
                    init-185     [001] .....    16.413667: tracing_mark_write: L2MARK PHASE workload-begin l2_uptime=3.85
                    init-185     [000] .....    26.553615: tracing_mark_write: L2MARK PHASE workload-end l2_uptime=14.01
                    init-185     [001] .....    46.647450: tracing_mark_write: L2MARK PHASE poweroff l2_uptime=34.10
        """
        let markers = try importLines(trace, options: options).entries.compactMap { if case .marker(let marker) = $0 { marker } else { nil } }
        #expect(markers.map(\.kind) == [.phase, .annotation, .phase])
        #expect(markers.map(\.text) == ["workload", "L2MARK PHASE workload-end l2_uptime=14.01", "poweroff"])
    }
}

@Suite("the shared sample trace")
struct SampleTraceTests {
    static let samplePath: String = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent("Tests/Fixtures/shared/samples/kvm-linux-guest-2vcpu/linux-guest-2vcpu.trace").path
    }()

    @Test("imports cleanly, one record per kvm_hv_hypercall line, as the raw text counts them")
    func sample() throws {
        let text = try String(contentsOfFile: Self.samplePath, encoding: .utf8)
        // Counted from the raw text, independently of the parser.
        let lines = text.split(whereSeparator: \.isNewline)
        let hypercallLines = lines.filter { $0.contains(": kvm_hv_hypercall: ") }.count
        let doneLines = lines.filter { $0.contains(": kvm_hv_hypercall_done: ") }.count
        let ipiLines = lines.filter { $0.contains(": kvm_hv_send_ipi: ") }.count
        let codes = Set(lines.filter { $0.contains(": kvm_hv_hypercall: ") }.compactMap { line -> UInt16? in
            guard let range = line.range(of: "code 0x") else { return nil }
            return UInt16(line[range.upperBound...].prefix { $0.isHexDigit }, radix: 16)
        })
        #expect(hypercallLines > 1000)

        let (entries, statistics) = try importLines(text)
        let records = calls(entries)
        #expect(records.count == hypercallLines)
        #expect(statistics.completeCalls == doneLines && statistics.incompleteCalls == hypercallLines - doneLines)
        #expect(statistics.malformedLines == 0 && statistics.unrecognizedLines == 0)
        #expect(Set(records.map(\.callCode.rawValue)) == codes)
        #expect(records.filter { $0.attributes.contains { $0.key == "vector" } }.count == ipiLines)
        #expect(records.allSatisfy { HypercallCatalog.standard.entry(for: $0.callCode) != nil }, "every code is in the catalog")
        #expect(records.allSatisfy { $0.inputValue.violations(against: HypercallCatalog.standard.entry(for: $0.callCode)).isEmpty })
    }
}
