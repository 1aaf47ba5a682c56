/// The HV_REGISTER_NAME values hvlog names (x64 and architecture-independent registers), as data.
///
/// Sources: OpenVMM `vm/hv1/hvdef/src/lib.rs` (`registers!` macro: the shared block and
/// `HvX64RegisterName`), Linux `include/hyperv/hvgdk_mini.h` (`enum hv_register_name`: suspend,
/// version, feature-info, nested SynIC and synthetic-timer registers). Names use the TLFS
/// spelling (`HvRegister…` for synthetic registers, `HvX64Register…` for architectural ones).
public enum RegisterCatalog {
    /// How an HV_REGISTER_VALUE holding the register is read.
    public enum ValueKind: Sendable {
        /// The low 64 bits (most registers).
        case bits64
        /// All 128 bits (XMM, x87/MMX, version and feature-info registers).
        case bits128
        /// HV_X64_SEGMENT_REGISTER.
        case segment
        /// HV_X64_TABLE_REGISTER.
        case table
    }

    /// The name of a register, `nil` when no source names it.
    public static func name(of register: UInt32) -> String? { byValue[register] }

    /// Every named register, ordered by value.
    public static var all: [(value: UInt32, name: String)] { table.map { (value: $0.0, name: $0.1) } }

    /// How the register's value is laid out in an HV_REGISTER_VALUE.
    public static func valueKind(of register: UInt32) -> ValueKind {
        switch register {
        case 0x0006_0000...0x0006_0007: .segment
        case 0x0007_0000...0x0007_0001: .table
        case 0x0003_0000...0x0003_0019, 0x0000_0100, 0x0000_0200...0x0000_0209: .bits128
        default: .bits64
        }
    }

    private static let byValue: [UInt32: String] = Dictionary(table, uniquingKeysWith: { first, _ in first })

    private static let table: [(UInt32, String)] = synthetic + x64General + x64Vector + x64Control + x64Msrs + mtrrs

    private static func sequential(from base: UInt32, _ names: [String]) -> [(UInt32, String)] {
        names.enumerated().map { (base + UInt32($0.offset), $0.element) }
    }

    private static func numbered(_ prefix: String, from base: UInt32, count: Int, hexSuffix: Bool = false) -> [(UInt32, String)] {
        (0..<count).map { (base + UInt32($0), prefix + (hexSuffix ? String($0, radix: 16, uppercase: true) : String($0))) }
    }

    private static let synthetic: [(UInt32, String)] = [
        (0x0000_0000, "HvRegisterExplicitSuspend"), (0x0000_0001, "HvRegisterInterceptSuspend"),
        (0x0000_0002, "HvRegisterInstructionEmulationHints"), (0x0000_0003, "HvRegisterDispatchSuspend"),
        (0x0000_0004, "HvRegisterInternalActivityState"),
        (0x0000_0100, "HvRegisterHypervisorVersion"),
        (0x0000_0200, "HvRegisterPrivilegesAndFeaturesInfo"), (0x0000_0201, "HvRegisterFeaturesInfo"),
        (0x0000_0202, "HvRegisterImplementationLimitsInfo"), (0x0000_0203, "HvRegisterHardwareFeaturesInfo"),
        (0x0000_0204, "HvRegisterCpuManagementFeaturesInfo"), (0x0000_0205, "HvRegisterSvmFeaturesInfo"),
        (0x0000_0206, "HvRegisterSkipLevelFeaturesInfo"), (0x0000_0207, "HvRegisterNestedVirtFeaturesInfo"),
        (0x0000_0208, "HvRegisterIptFeaturesInfo"), (0x0000_0209, "HvRegisterIsolationConfiguration"),
        (0x0000_0210, "HvRegisterGuestCrashP0"), (0x0000_0211, "HvRegisterGuestCrashP1"), (0x0000_0212, "HvRegisterGuestCrashP2"),
        (0x0000_0213, "HvRegisterGuestCrashP3"), (0x0000_0214, "HvRegisterGuestCrashP4"), (0x0000_0215, "HvRegisterGuestCrashCtl"),
        (0x0001_0002, "HvRegisterPendingInterruption"), (0x0001_0003, "HvRegisterInterruptState"),
        (0x0001_0004, "HvRegisterPendingEvent0"), (0x0001_0005, "HvRegisterPendingEvent1"),
        (0x0001_0006, "HvRegisterDeliverabilityNotifications"),
        (0x0009_0000, "HvRegisterVpRuntime"), (0x0009_0001, "HvRegisterHypercall"), (0x0009_0002, "HvRegisterGuestOsId"),
        (0x0009_0003, "HvRegisterVpIndex"), (0x0009_0004, "HvRegisterTimeRefCount"), (0x0009_0007, "HvRegisterCpuManagementVersion"),
        (0x0009_0013, "HvRegisterVpAssistPage"), (0x0009_0014, "HvRegisterVpRootSignalCount"), (0x0009_0017, "HvRegisterReferenceTsc"),
        (0x0009_0018, "HvRegisterVpConfig"), (0x0009_0019, "HvRegisterGhcb"), (0x0009_001A, "HvRegisterReferenceTscSequence"),
        (0x0009_001B, "HvRegisterGuestSchedulerEvent"), (0x0009_001C, "HvX64RegisterRegisterPage"),
        (0x0009_0030, "HvX64RegisterEmulatedTimerPeriod"), (0x0009_0031, "HvX64RegisterEmulatedTimerControl"),
        (0x0009_0032, "HvX64RegisterPmTimerAssist"), (0x0009_0040, "HvX64RegisterSevControl"),
    ] + numbered("HvRegisterSint", from: 0x000A_0000, count: 16) + [
        (0x000A_0010, "HvRegisterScontrol"), (0x000A_0011, "HvRegisterSversion"), (0x000A_0012, "HvRegisterSiefp"),
        (0x000A_0013, "HvRegisterSimp"), (0x000A_0014, "HvRegisterEom"), (0x000A_0015, "HvRegisterSirbp"),
    ] + numbered("HvRegisterNestedSint", from: 0x000A_1000, count: 16) + [
        (0x000A_1010, "HvRegisterNestedScontrol"), (0x000A_1011, "HvRegisterNestedSversion"), (0x000A_1012, "HvRegisterNestedSifp"),
        (0x000A_1013, "HvRegisterNestedSipp"), (0x000A_1014, "HvRegisterNestedEom"), (0x000A_1015, "HvRegisterNestedSirbp"),
        (0x000B_0000, "HvRegisterStimer0Config"), (0x000B_0001, "HvRegisterStimer0Count"),
        (0x000D_0002, "HvRegisterVsmCodePageOffsets"), (0x000D_0003, "HvRegisterVsmVpStatus"),
        (0x000D_0004, "HvRegisterVsmPartitionStatus"), (0x000D_0005, "HvRegisterVsmVina"), (0x000D_0006, "HvRegisterVsmCapabilities"),
        (0x000D_0007, "HvRegisterVsmPartitionConfig"), (0x000D_0008, "HvRegisterGuestVsmPartitionConfig"),
    ] + numbered("HvRegisterVsmVpSecureConfigVtl", from: 0x000D_0010, count: 15) + [
        (0x000D_0020, "HvRegisterVsmVpWaitForTlbLock"),
    ]

    private static let x64General: [(UInt32, String)] = sequential(from: 0x0002_0000, [
        "Rax", "Rcx", "Rdx", "Rbx", "Rsp", "Rbp", "Rsi", "Rdi", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "Rip", "Rflags",
    ]).map { ($0, "HvX64Register" + $1) }

    private static let x64Vector: [(UInt32, String)] =
        numbered("HvX64RegisterXmm", from: 0x0003_0000, count: 16) + numbered("HvX64RegisterFpMmx", from: 0x0003_0010, count: 8)
        + [(0x0003_0018, "HvX64RegisterFpControlStatus"), (0x0003_0019, "HvX64RegisterXmmControlStatus")]

    private static let x64Control: [(UInt32, String)] = [
        (0x0004_0000, "HvX64RegisterCr0"), (0x0004_0001, "HvX64RegisterCr2"), (0x0004_0002, "HvX64RegisterCr3"),
        (0x0004_0003, "HvX64RegisterCr4"), (0x0004_0004, "HvX64RegisterCr8"), (0x0004_0005, "HvX64RegisterXfem"),
        (0x0004_1000, "HvX64RegisterIntermediateCr0"), (0x0004_1002, "HvX64RegisterIntermediateCr3"),
        (0x0004_1003, "HvX64RegisterIntermediateCr4"), (0x0004_1004, "HvX64RegisterIntermediateCr8"),
        (0x0005_0000, "HvX64RegisterDr0"), (0x0005_0001, "HvX64RegisterDr1"), (0x0005_0002, "HvX64RegisterDr2"),
        (0x0005_0003, "HvX64RegisterDr3"), (0x0005_0004, "HvX64RegisterDr6"), (0x0005_0005, "HvX64RegisterDr7"),
    ] + sequential(from: 0x0006_0000, ["Es", "Cs", "Ss", "Ds", "Fs", "Gs", "Ldtr", "Tr"]).map { ($0, "HvX64Register" + $1) }
        + [(0x0007_0000, "HvX64RegisterIdtr"), (0x0007_0001, "HvX64RegisterGdtr")]

    private static let x64Msrs: [(UInt32, String)] = sequential(from: 0x0008_0000, [
        "Tsc", "Efer", "KernelGsBase", "ApicBase", "Pat", "SysenterCs", "SysenterEip", "SysenterEsp", "Star", "Lstar", "Cstar",
        "Sfmask", "InitialApicId", "MsrMtrrCap", "MsrMtrrDefType",
    ]).map { ($0, "HvX64Register" + $1) } + sequential(from: 0x0008_007B, [
        "TscAux", "Bndcfgs", "DebugCtl", "MCount", "ACount", "SgxLaunchControl0", "SgxLaunchControl1", "SgxLaunchControl2",
        "SgxLaunchControl3", "SpecCtrl", "PredCmd", "VirtSpecCtrl", "TscVirtualOffset", "TsxCtrl", "MsrMcUpdatePatchLevel",
        "Available1", "Xss", "UCet", "SCet", "Ssp", "Pl0Ssp", "Pl1Ssp", "Pl2Ssp", "Pl3Ssp", "InterruptSspTableAddr",
        "TscVirtualMultiplier", "TscDeadline", "TscAdjust", "Pasid", "UmwaitControl", "Xfd", "XfdErr",
    ]).map { ($0, "HvX64Register" + $1) }

    private static let mtrrs: [(UInt32, String)] =
        numbered("HvX64RegisterMsrMtrrPhysBase", from: 0x0008_0010, count: 16, hexSuffix: true)
        + numbered("HvX64RegisterMsrMtrrPhysMask", from: 0x0008_0040, count: 16, hexSuffix: true)
        + sequential(from: 0x0008_0070, [
            "Fix64k00000", "Fix16k80000", "Fix16kA0000", "Fix4kC0000", "Fix4kC8000", "Fix4kD0000", "Fix4kD8000",
            "Fix4kE0000", "Fix4kE8000", "Fix4kF0000", "Fix4kF8000",
        ]).map { ($0, "HvX64RegisterMsrMtrr" + $1) }
}
