import DeterministicRandom
#if canImport(Glibc)
import Glibc
#endif
import HypercallABI
@testable import HypercallLog

/// Varied entries covering every optional field, empty and non-empty blocks, escapes and markers.
enum SampleEntries {
    static let header = LogHeader(createdAt: 1_763_830_000_123_456_789, clockOrigin: 1_763_829_990_000_000_000, sourceDescription: "test \"capture\"\nline two ✓")

    static func make(count: Int = 40) -> [LogEntry] {
        var entries: [LogEntry] = [.marker(LogMarker(sequence: 0, time: 5, kind: .phase, source: "test", text: "boot"))]
        var random = SplitMix64(seed: 42)
        for index in 1..<count {
            let sequence = UInt64(index)
            if index % 9 == 0 {
                entries.append(.marker(LogMarker(sequence: sequence, time: index % 2 == 0 ? nil : sequence * 1000, kind: .annotation,
                                                 source: "kvm", text: "msr_write 40000000 = 0x\(index)", attributes: [RecordAttribute("msr", "0x40000000")])))
                continue
            }
            let code = [0x0002, 0x0003, 0x000B, 0x0013, 0x0014, 0x004E, 0x8001, 0x01F7][index % 8]
            let rep = code == 0x0003 || code == 0x0014 ? UInt64(1 + index % 5) : 0
            let input = try! HypercallInputValue(callCode: HypercallCode(UInt16(code)), isFast: index % 3 == 0, variableHeaderSize: code == 0x0013 ? 2 : 0, repCount: rep, repStartIndex: rep > 1 ? 1 : 0)
            var record = HypercallRecord(sequence: sequence, source: index % 2 == 0 ? "kvm" : "gdb", inputValue: input)
            if index % 4 != 1 { record.entryTime = sequence * 1_000 + random.next() % 500 }
            if index % 5 != 2 { record.exitTime = (record.entryTime ?? 0) + 300 }
            if index % 3 != 0 { record.partitionID = [1, 2, 0xFFFF_FFFF_FFFF_FFFE][index % 3] }
            record.partitionRole = PartitionRole(rawValue: UInt8(index % 3))!
            if index % 2 == 0 { record.vpIndex = UInt32(index % 4) }
            if index % 6 == 0 { record.vtl = 1 }
            record.phase = index < count / 2 ? "boot" : "desktop idle"
            if index % 7 == 0 { record.callerIP = 0xFFFF_F800_1234_5678 }
            record.convention = RecordedConvention(rawValue: UInt8(index % 4))!
            if record.convention == .memory { record.inputGPA = 0x1_2345_6000 + sequence * 8; record.outputGPA = 0x1_2345_7000 }
            record.input = (0..<(index % 5 == 0 ? 0 : 8 * (index % 4 + 1))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            record.output = index % 3 == 0 ? [] : [0, 0xFF, UInt8(truncatingIfNeeded: index)]
            if index % 10 != 7 { record.resultValue = try! HypercallResultValue(status: HypervisorStatus(UInt16(index % 4 == 0 ? 0 : index % 0x20)), repsCompleted: rep) }
            if rep > 0 { record.repGroup = sequence / 2 }
            if index % 4 == 2 { record.attributes = [RecordAttribute("flush.flags", "0x3"), RecordAttribute("note", "quote \" backslash \\ tab \t ü")] }
            entries.append(.call(record))
        }
        return entries
    }
}


/// A fresh temporary directory for one test.
func temporaryDirectory() -> String {
    var template = Array("/tmp/hvlog-test-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
}

func readAll(_ reader: some LogReader) throws -> [LogEntry] {
    var entries: [LogEntry] = []
    while let entry = try reader.next() { entries.append(entry) }
    return entries
}
