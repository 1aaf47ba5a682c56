import DeterministicRandom
import Testing
@testable import HypercallABI

@Suite("parameter decoder: conventions, rep elements, findings")
struct ParameterDecoderTests {
    func decode(_ code: UInt16, repCount: UInt64 = 0, repStart: UInt64 = 0, variableHeader: UInt64 = 0, fast: Bool = false,
                _ input: Block, output: Block = Block(), repsCompleted: UInt64? = nil, convention: CallingConvention? = nil,
                inputGPA: UInt64? = nil, outputGPA: UInt64? = nil) throws -> DecodedCall {
        let value = try HypercallInputValue(callCode: HypercallCode(code), isFast: fast, variableHeaderSize: variableHeader,
                                            repCount: repCount, repStartIndex: repStart)
        let result = try repsCompleted.map { try HypercallResultValue(status: .success, repsCompleted: $0) }
        return ParameterDecoder.decode(inputValue: value, input: input.bytes, output: output.bytes, result: result, convention: convention,
                                       inputGPA: inputGPA, outputGPA: outputGPA)
    }

    func has(_ call: DecodedCall, _ severity: ParameterFinding.Severity, _ path: String, _ fragment: String) -> Bool {
        call.findings.contains { $0.severity == severity && $0.path == path && $0.message.contains(fragment) }
    }

    @Test("rep start and reps completed mark which elements this invocation processed")
    func repProgress() throws {
        let call = try decode(0x0003, repCount: 3, repStart: 1, Block().u64(0).u64(0).u64(1).u64(0x1000).u64(0x2000).u64(0x3000), repsCompleted: 2)
        let annotations = (0..<3).map { call.input?.field("elements[\($0)]")?.annotation ?? "" }
        #expect(annotations[0].hasPrefix("before rep start 1"))
        #expect(annotations[1] == "processed")
        #expect(annotations[2].hasPrefix("not processed"))
        #expect(call.input?.field("elements[2]")?.offset == 40)  // 24-byte header, then 8-byte elements
        #expect(call.findings.isEmpty)
    }

    @Test("rep elements start after the variable header")
    func elementsAfterVariableHeader() throws {
        // FlushVirtualAddressListEx with two banks: the variable header is 16 bytes, elements start at 32 + 16.
        let call = try decode(0x0014, repCount: 1, variableHeader: 2, Block().u64(0).u64(0).u64(0).u64(0x3).u64(1).u64(1).u64(0x5000))
        #expect(call.input?.field("elements[0]")?.offset == 48)
        #expect(call.input?.field("elements[0].gvaRange")?.text == "GVA 0x5000 +1 page")
        #expect(call.input?.field("processorSet")?.text == "{0,64}")
    }

    @Test("a variable header size that disagrees with the VP set is reported")
    func variableHeaderMismatch() throws {
        let call = try decode(0x0013, variableHeader: 1, Block().u64(0).u64(0).u64(0).u64(0x5).u64(0x21).u64(0x4))
        #expect(has(call, .warning, "inputValue.variableHeaderSize", "need 16"))
    }

    @Test("short blocks: fields and elements past the end are missing, reported once, no trap")
    func shortBlocks() throws {
        let call = try decode(0x0002, Block().u64(0x1000).u32(0))
        #expect(call.input?.field("flags")?.value == .missing)
        #expect(call.input?.field("processorMask")?.value == .missing)
        #expect(call.findings.filter { $0.severity == .error }.count == 1)
        let list = try decode(0x0003, repCount: 4, Block().u64(0).u64(0).u64(0).u64(0x1000).u64(0x2000))
        #expect(has(list, .error, "input.elements[2]", "holds 2 of 4 elements"))
        let vpSet = try decode(0x0013, variableHeader: 64, Block().u64(0).u64(0).u64(0).u64(.max).u64(1))
        #expect(vpSet.input?.field("processorSet.bankContents[1]")?.value == .missing)
    }

    @Test("fast calls carry 16 bytes and no output; XMM fast 112 bytes shared with the output")
    func registerConventions() throws {
        let setRegisters = try decode(0x0051, repCount: 1, fast: true, Block().u64(0).u64(0).u32(0x0002_0000).zeros(28), convention: .fast)
        #expect(has(setRegisters, .error, "input", "do not fit the fast convention's 16"))
        let bigGet = try decode(0x0050, repCount: 10, fast: true, Block().u64(0).u64(0).zeros(40), convention: .xmmFast)
        #expect(has(bigGet, .error, "output", "160 output bytes do not fit the 48 register bytes left after 56 input bytes"))
        let smallGet = try decode(0x0050, repCount: 2, fast: true, Block().u64(0).u64(0).u32(0x0003_0000).u32(0x0002_0000),
                                  output: Block().u64(1).u64(2).u64(3).u64(0), repsCompleted: 2, convention: .xmmFast)
        #expect(smallGet.findings.isEmpty)
        #expect(smallGet.output?.field("elements[0].registerValue")?.text == "0x00000000000000020000000000000001")  // XMM0, 128 bits
        let inferred = try decode(0x0050, repCount: 2, fast: true, Block().zeros(24))
        #expect(inferred.convention == .xmmFast)
        let mismatch = try decode(0x0002, fast: true, Block().zeros(24), convention: .memory)
        #expect(has(mismatch, .error, "inputValue.fast", "fast bit is 1"))
    }

    @Test("memory blocks: 8-byte alignment, no page crossing, no overlap")
    func memoryRules() throws {
        let misaligned = try decode(0x0002, Block().zeros(24), inputGPA: 0x1004)
        #expect(has(misaligned, .error, "input", "not 8-byte aligned"))
        let crossing = try decode(0x0002, Block().zeros(24), inputGPA: 0x1FF0)
        #expect(has(crossing, .error, "input", "cross a page boundary"))
        let overlap = try decode(0x0044, Block().zeros(16), output: Block().u64(0), inputGPA: 0x1000, outputGPA: 0x1008)
        #expect(has(overlap, .error, "output", "overlap"))
        let fine = try decode(0x0044, Block().u64(1).u32(0x10000).u32(0), output: Block().u64(0), inputGPA: 0x1000, outputGPA: 0x2000)
        #expect(fine.findings.isEmpty)
    }

    @Test("reserved fields, undefined flags and call rules become findings")
    func rules() throws {
        #expect(has(try decode(0x0008, Block().u32(1).u32(7)), .warning, "input.reserved", "must be zero"))
        #expect(has(try decode(0x0002, Block().u64(0).u64(1 << 5).u64(0)), .warning, "input.flags", "0x20 are not defined in HV_FLUSH_FLAGS"))
        #expect(has(try decode(0x000B, Block().u32(0x05).u32(0).u64(1)), .error, "input.vector", "outside 0x10–0xFF"))
        #expect(has(try decode(0x000B, Block().u32(0x20).u8(0xE0).zeros(3).u64(1)), .warning, "input.targetVtl.reserved", "must be zero"))
        let post = try decode(0x005C, Block().u32(1).u32(0).u32(0x8000_0001).u32(241).zeros(240))
        #expect(has(post, .error, "input.messageType", "bit 31"))
        #expect(has(post, .error, "input.payloadSize", "exceeds 240"))
        #expect(has(try decode(0x0013, Block().u64(0).u64(0).u64(2).u64(0)), .warning, "input.processorSet.format", "neither 0"))
        #expect(has(try decode(0x0041, repCount: 1, Block().u64(1)), .error, "inputValue.repCount", "rep count 1 on simple"))
    }

    @Test("calls without a layout are shown as raw qwords with a note")
    func unknownLayout() throws {
        let call = try decode(0x0004, Block().u64(0x1122).u32(7))
        #expect(call.layoutName == nil)
        #expect(call.input?.children.map(\.text) == ["0x1122", "0x7"])
        #expect(has(call, .note, "input", "no parameter layout"))
    }

    @Test("leaves flatten both trees into dotted paths")
    func leaves() throws {
        let call = try decode(0x0044, Block().u64(5).u32(0x0006_0007).u32(0), output: Block().u64(0x2E7))
        let leaves = Dictionary(call.leaves.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        #expect(leaves["input.partitionId"] == "0x5")
        #expect(leaves["input.propertyCode"] == "XsaveStates (0x60007)")
        #expect(leaves["output.propertyValue"] == "0x2E7")
        #expect(call.treeText().contains("@8    propertyCode"))
    }


    @Test("random bytes and random input values never crash any decoder")
    func randomInputs() {
        var random = SplitMix64(seed: 0x6876_6C6F_6721)
        let codes = ParameterLayouts.all.map(\.code.rawValue)
        let conventions: [CallingConvention?] = [nil, .memory, .fast, .xmmFast]
        for iteration in 0..<6000 {
            var raw = random.next()
            let code = iteration % 7 == 0 ? UInt16(truncatingIfNeeded: raw) : codes[Int(raw % UInt64(codes.count))]
            raw = (raw & ~0xFFFF) | UInt64(code)
            let input = (0..<Int(random.next() % 700)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // Mostly-valid prefixes exercise deep paths: VP sets with many banks, large payload sizes.
            let output = (0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let call = ParameterDecoder.decode(
                inputValue: HypercallInputValue(rawValue: raw), input: input, output: output,
                result: random.next() % 2 == 0 ? HypercallResultValue(rawValue: random.next()) : nil,
                convention: conventions[Int(random.next() % 4)], inputGPA: random.next() % 2 == 0 ? random.next() : nil,
                outputGPA: random.next() % 3 == 0 ? random.next() : nil)
            #expect(!call.summary.isEmpty)
            _ = call.treeText()
            for leaf in call.leaves where leaf.path.isEmpty { Issue.record("empty leaf path for \(HypercallCode(code))") }
        }
    }

    @Test("adversarial headers: all banks valid, huge payload size, huge range count")
    func adversarial() throws {
        let allBanks = try decode(0x0013, variableHeader: 1023, Block().u64(0).u64(0).u64(0).u64(.max).zeros(64 * 8).raw([0xFF]))
        if case .processors(let list) = allBanks.input?.field("processorSet")?.value { #expect(list.isEmpty) } else { Issue.record("no VP list") }
        let boot = try decode(0x8002, Block(), output: Block().u64(.max).u64(1))
        #expect(has(boot, .warning, "output.ranges.rangeCount", "at most 255"))
        let post = try decode(0x005C, Block().u32(1).u32(0).u32(1).u32(.max >> 32))
        #expect(has(post, .error, "input.payloadSize", "exceeds 240"))
    }
}

@Suite("ParameterDecoder.leaves")
struct ParameterLeavesTests {
    /// Both ways of getting the leaves of one call give the same paths and texts in the same order.
    static func expectSameLeaves(_ inputValue: HypercallInputValue, _ input: [UInt8], _ output: [UInt8], _ result: HypercallResultValue?,
                                 _ convention: CallingConvention?) {
        let viaDecode = ParameterDecoder.decode(inputValue: inputValue, input: input, output: output, result: result, convention: convention).leaves
        let direct = ParameterDecoder.leaves(inputValue: inputValue, input: input, output: output, result: result)
        #expect(direct.map(\.path) == viaDecode.map(\.path), "\(inputValue.callCode)")
        #expect(direct.map(\.text) == viaDecode.map(\.text), "\(inputValue.callCode)")
    }

    @Test("leaves(…) equals decode(…).leaves on every hand-built vector")
    func vectors() throws {
        var checked = 0
        for vector in ParameterVectorTests.vectors {
            let inputValue = try HypercallInputValue(callCode: HypercallCode(vector.code), isFast: vector.fast, variableHeaderSize: UInt64(vector.variableHeader),
                                                     repCount: UInt64(vector.repCount), repStartIndex: UInt64(vector.repStart))
            let result = try vector.repsCompleted.map { try HypercallResultValue(status: .success, repsCompleted: UInt64($0)) }
            Self.expectSameLeaves(inputValue, vector.input.bytes, vector.output.bytes, result, vector.convention)
            #expect(!ParameterDecoder.leaves(inputValue: inputValue, input: vector.input.bytes, output: vector.output.bytes, result: result).isEmpty
                    || vector.input.bytes.isEmpty && vector.output.bytes.isEmpty)
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test("leaves(…) equals decode(…).leaves on random input values and blocks, known and unknown codes")
    func randomCalls() {
        var random = SplitMix64(seed: 0x6C65_6176_6573)
        let codes = ParameterLayouts.all.map(\.code.rawValue)
        let conventions: [CallingConvention?] = [nil, .memory, .fast, .xmmFast]
        for iteration in 0..<3000 {
            var raw = random.next()
            let code = iteration % 11 == 0 ? UInt16(truncatingIfNeeded: raw) : codes[Int(raw % UInt64(codes.count))]
            raw = (raw & ~0xFFFF) | UInt64(code)
            // Half the blocks are mostly zero bits, so that VP sets, flags and rep elements decode far.
            let sparse = iteration % 2 == 0
            let byte = { (random: inout SplitMix64) -> UInt8 in
                let next = random.next()
                return sparse ? (next % 3 == 0 ? UInt8(truncatingIfNeeded: next >> 8) : 0) : UInt8(truncatingIfNeeded: next)
            }
            let input = (0..<Int(random.next() % 400)).map { _ in byte(&random) }
            let output = (0..<Int(random.next() % 200)).map { _ in byte(&random) }
            let result = random.next() % 2 == 0 ? HypercallResultValue(rawValue: random.next()) : nil
            Self.expectSameLeaves(HypercallInputValue(rawValue: raw), input, output, result, conventions[Int(random.next() % 4)])
        }
    }
}

@Suite("partition creation flags")
struct PartitionCreationFlagTests {
    /// TLFS hv_partition_creation_flags.md: SMT_ENABLED_GUEST bit 0, NESTED_VIRTUALIZATION_CAPABLE 1,
    /// EXO_PARTITION 8, LAPIC_ENABLED 13, X2APIC_CAPABLE 22; bit 2 is not named and is only noted.
    @Test func namedAndUnnamedBits() throws {
        func createPartition(flags: UInt64) -> DecodedCall {
            var input = [UInt8](repeating: 0, count: 56)
            withUnsafeBytes(of: flags.littleEndian) { input.replaceSubrange(0..<8, with: $0) }
            return ParameterDecoder.decode(inputValue: HypercallInputValue(rawValue: 0x0040), input: input, convention: .memory)
        }
        let named = createPartition(flags: 0x40_2103)
        #expect(named.input?.field("flags")?.text == "SMT_ENABLED_GUEST|NESTED_VIRTUALIZATION_CAPABLE|EXO_PARTITION|LAPIC_ENABLED|X2APIC_CAPABLE")
        #expect(named.findings.isEmpty, "\(named.findings)")
        let unnamed = createPartition(flags: 0x2104)
        #expect(unnamed.findings.map(\.severity) == [.note], "\(unnamed.findings)")
    }
}

@Suite("Filler fields: padding and reserved")
struct FillerFieldTests {
    /// The byte form (for dotted UTF-8 paths) agrees with the name form on the last component.
    @Test(arguments: [
        ("input.padding", true), ("input.reserved0", true), ("input.elements[3].rsvd", true), ("rsvd", true),
        ("padding", true), ("input.addressSpace", false), ("input.reservedness.flags", false), ("input.pad", false),
        ("", false), ("input.", false), ("output.elements[0].value.rsv", false), ("reserved.flags", false),
    ])
    func bytesAgreeWithNames(path: String, filler: Bool) {
        let last = path.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? path
        #expect(DecodedField.isFiller(last) == filler)
        #expect(Array(path.utf8).withUnsafeBytes { DecodedField.isFiller(pathUTF8: $0) } == filler, "\(path)")
    }
}
