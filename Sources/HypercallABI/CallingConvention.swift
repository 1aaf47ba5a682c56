/// How a caller passes the hypercall's parameters (TLFS "Hypercall Calling Conventions").
public enum CallingConvention: String, Sendable, CaseIterable, Codable {
    /// Input and output blocks in guest memory, passed by guest-physical address.
    case memory
    /// Register-based ("fast"): the input block in general-purpose registers, no output block.
    case fast
    /// XMM fast: the input block in RDX, R8 and XMM0–XMM5, output in the registers left over.
    case xmmFast = "xmm-fast"
}

/// The ways of entering the hypervisor: each architecture, and ARM64's two entry forms.
public enum HypercallInterface: String, Sendable, CaseIterable, Codable {
    /// x64 in long mode: CALL into the hypercall page, which executes VMCALL or VMMCALL.
    case x64
    /// x86 in 32-bit protected mode: the same page, 64-bit values split over register pairs.
    case x86
    /// ARM64 `HVC #0` with the SMCCC function id in X0 (as Linux calls Hyper-V).
    case arm64SMCCC = "arm64-smccc"
    /// ARM64 `HVC #1`, Hyper-V's own form (as OpenHCL calls it).
    case arm64HVC1 = "arm64-hvc1"

    /// SMCCC function id of Hyper-V hypercalls: fast call, SMC64, owner vendor-hypervisor (6), function 1.
    public static let smcccFunctionID: UInt64 = 0x4600_0001

    /// How control reaches the hypervisor.
    public var trap: String {
        switch self {
        case .x64, .x86: "call into the hypercall page (VMCALL on Intel, VMMCALL on AMD)"
        case .arm64SMCCC: "HVC #0 with X0 = 0x46000001"
        case .arm64HVC1: "HVC #1"
        }
    }
}

/// A place holding (part of) a value at the hypercall instruction.
public enum RegisterLocation: Sendable, Hashable, CustomStringConvertible {
    /// One register holding the whole value.
    case register(String)
    /// A 64-bit value split over two 32-bit registers.
    case pair(high: String, low: String)

    public var description: String {
        switch self {
        case .register(let name): name
        case .pair(let high, let low): "\(high):\(low)"
        }
    }
}

/// One register (or pair) of a register-passed block, with the bytes it carries.
public struct RegisterSlot: Sendable, Hashable {
    public let location: RegisterLocation
    public let bytes: Int
    public init(_ location: RegisterLocation, bytes: Int) {
        self.location = location
        self.bytes = bytes
    }
}

/// Where a parameter block lives.
public enum BlockLocation: Sendable, Hashable {
    /// The call has no such block in this convention.
    case none
    /// In guest memory at the guest-physical address held in a register (8-byte aligned, within one page).
    case guestPhysical(address: RegisterLocation)
    /// In registers, in this order; a block shorter than the registers leaves the rest ignored.
    case registers([RegisterSlot])
    /// In the register slots the input did not use, after rounding the input up to 16 bytes.
    case registersAfterInput([RegisterSlot])
    /// In the last register pairs of these slots, as many as the output needs.
    case lastRegisters([RegisterSlot])
}

/// Where everything is for one interface and convention: what a capture reads at handler entry and exit.
public struct ConventionLayout: Sendable, Hashable {
    public let interface: HypercallInterface
    public let convention: CallingConvention
    public let inputValue: RegisterLocation
    public let inputBlock: BlockLocation
    public let outputBlock: BlockLocation
    public let result: RegisterLocation
    /// Facts a capture must know that do not fit the fields (feature bits, known inconsistencies).
    public let notes: [String]

    /// Largest input block the convention can carry in registers (`nil` for memory blocks).
    public var maxRegisterInputBytes: Int? {
        guard case .registers(let slots) = inputBlock else { return nil }
        return slots.reduce(0) { $0 + $1.bytes }
    }

    /// The layout, or `nil` where the interface has no such convention (XMM on ARM64).
    public static func layout(for interface: HypercallInterface, _ convention: CallingConvention) -> ConventionLayout? {
        ConventionTable.layouts.first { $0.interface == interface && $0.convention == convention }
    }

    /// The registers that carry a register-passed output of `outputBytes` bytes after an input
    /// block of `inputBytes` bytes (empty for memory conventions).
    public func outputSlots(inputBytes: Int, outputBytes: Int) -> [RegisterSlot] {
        let roundedOutput = (outputBytes + 15) / 16 * 16
        switch outputBlock {
        case .registersAfterInput(let slots):
            let firstFree = (inputBytes + 15) / 16 * 16
            var offset = 0
            var taken: [RegisterSlot] = []
            for slot in slots {
                if offset >= firstFree && offset < firstFree + roundedOutput { taken.append(slot) }
                offset += slot.bytes
            }
            return taken
        case .lastRegisters(let slots):
            var taken: [RegisterSlot] = []
            var covered = 0
            for slot in slots.reversed() where covered < roundedOutput {
                taken.insert(slot, at: 0)
                covered += slot.bytes
            }
            return taken
        case .none, .guestPhysical, .registers:
            return []
        }
    }
}

extension RegisterSlot {
    static func gpr(_ name: String) -> RegisterSlot { RegisterSlot(.register(name), bytes: 8) }
    static func xmm(_ index: Int) -> RegisterSlot { RegisterSlot(.register("xmm\(index)"), bytes: 16) }
}

/// The conventions, as data (TLFS "Hypercall Interface"; Linux `mshyperv.h`, `hv_core.c`; OpenVMM `hv1_hypercall`).
enum ConventionTable {
    static let x64XmmSlots: [RegisterSlot] = [.gpr("rdx"), .gpr("r8")] + (0...5).map(RegisterSlot.xmm)
    static let x86FastSlots = [RegisterSlot(.pair(high: "ebx", low: "ecx"), bytes: 8), RegisterSlot(.pair(high: "edi", low: "esi"), bytes: 8)]
    static let xmmNote = "XMM fast input needs CPUID 0x40000003 EDX bit 4, XMM fast output EDX bit 15; without them the call faults with #UD"

    static let layouts: [ConventionLayout] = [
        ConventionLayout(interface: .x64, convention: .memory, inputValue: .register("rcx"),
                         inputBlock: .guestPhysical(address: .register("rdx")), outputBlock: .guestPhysical(address: .register("r8")),
                         result: .register("rax"), notes: ["a rep call that is resumed has its new rep start index written back into rcx"]),
        ConventionLayout(interface: .x64, convention: .fast, inputValue: .register("rcx"),
                         inputBlock: .registers([.gpr("rdx"), .gpr("r8")]), outputBlock: .none, result: .register("rax"), notes: []),
        ConventionLayout(interface: .x64, convention: .xmmFast, inputValue: .register("rcx"),
                         inputBlock: .registers(x64XmmSlots), outputBlock: .registersAfterInput(x64XmmSlots), result: .register("rax"), notes: [xmmNote]),
        ConventionLayout(interface: .x86, convention: .memory, inputValue: .pair(high: "edx", low: "eax"),
                         inputBlock: .guestPhysical(address: .pair(high: "ebx", low: "ecx")),
                         outputBlock: .guestPhysical(address: .pair(high: "edi", low: "esi")), result: .pair(high: "edx", low: "eax"), notes: []),
        ConventionLayout(interface: .x86, convention: .fast, inputValue: .pair(high: "edx", low: "eax"),
                         inputBlock: .registers(x86FastSlots), outputBlock: .none, result: .pair(high: "edx", low: "eax"), notes: []),
        ConventionLayout(interface: .x86, convention: .xmmFast, inputValue: .pair(high: "edx", low: "eax"),
                         inputBlock: .registers(x86FastSlots + (0...5).map(RegisterSlot.xmm)), outputBlock: .none,
                         result: .pair(high: "edx", low: "eax"),
                         notes: [xmmNote, "the TLFS lists XMM0–XMM5 for x86, OpenVMM accepts only the EBX:ECX/EDI:ESI pair in 32-bit mode; XMM fast output is x64 only"]),
        ConventionLayout(interface: .arm64SMCCC, convention: .memory, inputValue: .register("x1"),
                         inputBlock: .guestPhysical(address: .register("x2")), outputBlock: .guestPhysical(address: .register("x3")),
                         result: .register("x0"), notes: ["x0 holds the SMCCC function id 0x46000001 on entry and the result value on return"]),
        ConventionLayout(interface: .arm64SMCCC, convention: .fast, inputValue: .register("x1"),
                         inputBlock: .registers((2...17).map { .gpr("x\($0)") }), outputBlock: .registersAfterInput((2...17).map { .gpr("x\($0)") }),
                         result: .register("x0"), notes: ["output follows the input registers (OpenVMM aarch64.rs; Linux hv_get_vpreg_128 reads it from x6/x7)"]),
        ConventionLayout(interface: .arm64HVC1, convention: .memory, inputValue: .register("x0"),
                         inputBlock: .guestPhysical(address: .register("x1")), outputBlock: .guestPhysical(address: .register("x2")),
                         result: .register("x0"), notes: []),
        ConventionLayout(interface: .arm64HVC1, convention: .fast, inputValue: .register("x0"),
                         inputBlock: .registers((1...16).map { .gpr("x\($0)") }), outputBlock: .lastRegisters((1...16).map { .gpr("x\($0)") }),
                         result: .register("x0"), notes: ["OpenVMM places output in the last register pairs, ending at x16"]),
    ]
}
