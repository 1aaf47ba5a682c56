import Testing
@testable import HypercallABI

@Suite("HV_STATUS catalog")
struct StatusTests {
    @Test("values are unique and the common ones carry their TLFS names", arguments: [
        (0x0000, "HV_STATUS_SUCCESS"), (0x0002, "HV_STATUS_INVALID_HYPERCALL_CODE"), (0x0003, "HV_STATUS_INVALID_HYPERCALL_INPUT"),
        (0x0004, "HV_STATUS_INVALID_ALIGNMENT"), (0x0005, "HV_STATUS_INVALID_PARAMETER"), (0x0006, "HV_STATUS_ACCESS_DENIED"),
        (0x000B, "HV_STATUS_INSUFFICIENT_MEMORY"), (0x0078, "HV_STATUS_TIME_OUT"),
    ])
    func names(value: Int, name: String) {
        #expect(HypervisorStatus(UInt16(value)).name == name)
        #expect(HypervisorStatus(parsing: name) == HypervisorStatus(UInt16(value)))
    }

    @Test("look-up by OpenVMM spelling, without prefix, by number; unknown values print")
    func parsing() {
        #expect(HypervisorStatus(parsing: "InvalidHypercallInput") == .invalidHypercallInput)
        #expect(HypervisorStatus(parsing: "invalid_alignment") == .invalidAlignment)
        #expect(HypervisorStatus(parsing: "0x3") == .invalidHypercallInput)
        #expect(HypervisorStatus(parsing: "NO_SUCH_STATUS") == nil)
        #expect(HypervisorStatus(parsing: "0x10000") == nil)
        #expect(HypervisorStatus(0x7FFF).name == "HV_STATUS_UNKNOWN(0x7FFF)")
        #expect(StatusEntry.all.count == Set(StatusEntry.all.map(\.value)).count)
        #expect(StatusEntry.all.count >= 60)
    }
}

@Suite("input value rules")
struct ValidationTests {
    let catalog = HypercallCatalog.standard
    func violations(_ raw: UInt64) -> [InputValueViolation.Rule] {
        let value = HypercallInputValue(rawValue: raw)
        return value.violations(against: catalog.entry(for: value.callCode)).map(\.rule)
    }

    @Test("each rule, with its outcome")
    func rules() {
        #expect(violations(0x0002).isEmpty)
        #expect(violations(0x0000_0001_0000_0002) == [.repCountOnSimpleCall])
        #expect(violations(0x0001_0000_0000_0002) == [.repStartOnSimpleCall])
        #expect(violations(0x0000_0000_0000_0003) == [.zeroRepCountOnRepCall])
        #expect(violations(0x0002_0002_0000_0003) == [.repStartNotBelowRepCount])
        #expect(violations(0x0001_0002_0000_0003).isEmpty)
        #expect(violations(0x0000_0000_0002_0002) == [.variableHeaderNotAccepted])
        #expect(violations(0x0000_0000_0004_0013).isEmpty, "FlushVirtualAddressSpaceEx takes a variable header")
        #expect(violations(0x01F7) == [.unknownCallCode])
        #expect(violations(0x0020) == [.unknownCallCode], "a reserved slot")
        #expect(violations(0x0011).isEmpty)
        #expect(violations(0x0001_0011) == [.vtlControlNotZero])
        #expect(violations(0x0800_0002) == [.reservedBitsSet])
        #expect(InputValueViolation.Rule.unknownCallCode.outcome == .status(.invalidHypercallCode))
        #expect(InputValueViolation.Rule.repCountOnSimpleCall.outcome == .status(.invalidHypercallInput))
        #expect(InputValueViolation.Rule.vtlControlNotZero.outcome == .invalidOpcodeFault)
    }

    @Test("several violations are all reported")
    func several() {
        #expect(Set(violations(0xF000_0001_0002_0002)) == [.reservedBitsSet, .repCountOnSimpleCall, .variableHeaderNotAccepted])
    }
}

@Suite("calling conventions")
struct ConventionTests {
    @Test("x64: RCX, RDX, R8 → RAX; fast in RDX, R8; XMM fast 112 bytes")
    func x64() throws {
        let memory = try #require(ConventionLayout.layout(for: .x64, .memory))
        #expect(memory.inputValue == .register("rcx"))
        #expect(memory.inputBlock == .guestPhysical(address: .register("rdx")))
        #expect(memory.outputBlock == .guestPhysical(address: .register("r8")))
        #expect(memory.result == .register("rax"))
        #expect(ConventionLayout.layout(for: .x64, .fast)?.maxRegisterInputBytes == 16)
        let xmm = try #require(ConventionLayout.layout(for: .x64, .xmmFast))
        #expect(xmm.maxRegisterInputBytes == 112)
        // The TLFS example: a 20-byte input leaves 80 bytes (XMM1–XMM5) for output.
        let output = xmm.outputSlots(inputBytes: 20, outputBytes: 80)
        #expect(output.map(\.location.description) == ["xmm1", "xmm2", "xmm3", "xmm4", "xmm5"])
        #expect(output.reduce(0) { $0 + $1.bytes } == 80)
        #expect(xmm.outputSlots(inputBytes: 16, outputBytes: 16).map(\.location.description) == ["xmm0"])
    }

    @Test("x86: EDX:EAX, EBX:ECX, EDI:ESI with the high half first")
    func x86() throws {
        let memory = try #require(ConventionLayout.layout(for: .x86, .memory))
        #expect(memory.inputValue == .pair(high: "edx", low: "eax"))
        #expect(memory.inputBlock == .guestPhysical(address: .pair(high: "ebx", low: "ecx")))
        #expect(memory.outputBlock == .guestPhysical(address: .pair(high: "edi", low: "esi")))
        #expect(memory.result == .pair(high: "edx", low: "eax"))
    }

    @Test("ARM64: SMCCC HVC #0 (id 0x46000001, X1 value) and HVC #1 (X0 value)")
    func arm64() throws {
        #expect(HypercallInterface.smcccFunctionID == 0x4600_0001)
        #expect(ConventionLayout.layout(for: .arm64SMCCC, .memory)?.inputValue == .register("x1"))
        #expect(ConventionLayout.layout(for: .arm64SMCCC, .memory)?.inputBlock == .guestPhysical(address: .register("x2")))
        #expect(ConventionLayout.layout(for: .arm64HVC1, .memory)?.inputValue == .register("x0"))
        #expect(ConventionLayout.layout(for: .arm64HVC1, .xmmFast) == nil)
        let hvc1 = try #require(ConventionLayout.layout(for: .arm64HVC1, .fast))
        #expect(hvc1.outputSlots(inputBytes: 48, outputBytes: 16).map(\.location.description) == ["x15", "x16"])
    }
}
