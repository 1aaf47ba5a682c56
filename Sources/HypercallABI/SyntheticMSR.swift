/// Hyper-V synthetic MSRs (0x40000000 and up) by number, for naming `kvm_msr` annotations.
///
/// Values from Linux `include/hyperv/hvgdk_mini.h` @ 9f13acb2 (`HV_X64_MSR_*`) and the older
/// `arch/x86/include/asm/hyperv-tlfs.h` @ 399afe92 (`HV_REGISTER_*` MSR-number aliases); the
/// synthetic-debugger MSRs from KVM `arch/x86/kvm/hyperv.h` @ 4b419325. OpenVMM agrees on every value.
public enum SyntheticMSR {
    /// The MSR number, its canonical name and older aliases.
    public struct Entry: Sendable, Hashable {
        public let index: UInt32
        public let name: String
        public let aliases: [String]
    }

    /// The MSR numbers reserved for the hypervisor (Intel SDM: 0x40000000–0x4000FFFF); Hyper-V's
    /// synthetic MSRs, nested ones included, lie in it.
    public static let range: ClosedRange<UInt32> = 0x4000_0000...0x4000_FFFF

    public static func name(of index: UInt32) -> String? { byIndex[index]?.name }

    static let byIndex: [UInt32: Entry] = Dictionary(uniqueKeysWithValues: all.map { ($0.index, $0) })

    public static let all: [Entry] = [
        Entry(index: 0x40000000, name: "HV_X64_MSR_GUEST_OS_ID", aliases: []),
        Entry(index: 0x40000001, name: "HV_X64_MSR_HYPERCALL", aliases: []),
        Entry(index: 0x40000002, name: "HV_X64_MSR_VP_INDEX", aliases: ["HV_REGISTER_VP_INDEX"]),
        Entry(index: 0x40000003, name: "HV_X64_MSR_RESET", aliases: []),
        Entry(index: 0x40000010, name: "HV_X64_MSR_VP_RUNTIME", aliases: []),
        Entry(index: 0x40000020, name: "HV_X64_MSR_TIME_REF_COUNT", aliases: ["HV_REGISTER_TIME_REF_COUNT"]),
        Entry(index: 0x40000021, name: "HV_X64_MSR_REFERENCE_TSC", aliases: ["HV_REGISTER_REFERENCE_TSC"]),
        Entry(index: 0x40000022, name: "HV_X64_MSR_TSC_FREQUENCY", aliases: []),
        Entry(index: 0x40000023, name: "HV_X64_MSR_APIC_FREQUENCY", aliases: []),
        Entry(index: 0x40000070, name: "HV_X64_MSR_EOI", aliases: []),
        Entry(index: 0x40000071, name: "HV_X64_MSR_ICR", aliases: []),
        Entry(index: 0x40000072, name: "HV_X64_MSR_TPR", aliases: []),
        Entry(index: 0x40000073, name: "HV_X64_MSR_VP_ASSIST_PAGE", aliases: []),
        Entry(index: 0x40000080, name: "HV_X64_MSR_SCONTROL", aliases: ["HV_REGISTER_SCONTROL"]),
        Entry(index: 0x40000081, name: "HV_X64_MSR_SVERSION", aliases: ["HV_REGISTER_SVERSION"]),
        Entry(index: 0x40000082, name: "HV_X64_MSR_SIEFP", aliases: ["HV_REGISTER_SIEFP"]),
        Entry(index: 0x40000083, name: "HV_X64_MSR_SIMP", aliases: ["HV_REGISTER_SIMP"]),
        Entry(index: 0x40000084, name: "HV_X64_MSR_EOM", aliases: ["HV_REGISTER_EOM"]),
        Entry(index: 0x40000085, name: "HV_X64_MSR_SIRBP", aliases: []),
        Entry(index: 0x40000090, name: "HV_X64_MSR_SINT0", aliases: ["HV_REGISTER_SINT0"]),
        Entry(index: 0x40000091, name: "HV_X64_MSR_SINT1", aliases: ["HV_REGISTER_SINT1"]),
        Entry(index: 0x40000092, name: "HV_X64_MSR_SINT2", aliases: ["HV_REGISTER_SINT2"]),
        Entry(index: 0x40000093, name: "HV_X64_MSR_SINT3", aliases: ["HV_REGISTER_SINT3"]),
        Entry(index: 0x40000094, name: "HV_X64_MSR_SINT4", aliases: ["HV_REGISTER_SINT4"]),
        Entry(index: 0x40000095, name: "HV_X64_MSR_SINT5", aliases: ["HV_REGISTER_SINT5"]),
        Entry(index: 0x40000096, name: "HV_X64_MSR_SINT6", aliases: ["HV_REGISTER_SINT6"]),
        Entry(index: 0x40000097, name: "HV_X64_MSR_SINT7", aliases: ["HV_REGISTER_SINT7"]),
        Entry(index: 0x40000098, name: "HV_X64_MSR_SINT8", aliases: ["HV_REGISTER_SINT8"]),
        Entry(index: 0x40000099, name: "HV_X64_MSR_SINT9", aliases: ["HV_REGISTER_SINT9"]),
        Entry(index: 0x4000009A, name: "HV_X64_MSR_SINT10", aliases: ["HV_REGISTER_SINT10"]),
        Entry(index: 0x4000009B, name: "HV_X64_MSR_SINT11", aliases: ["HV_REGISTER_SINT11"]),
        Entry(index: 0x4000009C, name: "HV_X64_MSR_SINT12", aliases: ["HV_REGISTER_SINT12"]),
        Entry(index: 0x4000009D, name: "HV_X64_MSR_SINT13", aliases: ["HV_REGISTER_SINT13"]),
        Entry(index: 0x4000009E, name: "HV_X64_MSR_SINT14", aliases: ["HV_REGISTER_SINT14"]),
        Entry(index: 0x4000009F, name: "HV_X64_MSR_SINT15", aliases: ["HV_REGISTER_SINT15"]),
        Entry(index: 0x400000B0, name: "HV_X64_MSR_STIMER0_CONFIG", aliases: ["HV_REGISTER_STIMER0_CONFIG"]),
        Entry(index: 0x400000B1, name: "HV_X64_MSR_STIMER0_COUNT", aliases: ["HV_REGISTER_STIMER0_COUNT"]),
        Entry(index: 0x400000B2, name: "HV_X64_MSR_STIMER1_CONFIG", aliases: ["HV_REGISTER_STIMER1_CONFIG"]),
        Entry(index: 0x400000B3, name: "HV_X64_MSR_STIMER1_COUNT", aliases: ["HV_REGISTER_STIMER1_COUNT"]),
        Entry(index: 0x400000B4, name: "HV_X64_MSR_STIMER2_CONFIG", aliases: ["HV_REGISTER_STIMER2_CONFIG"]),
        Entry(index: 0x400000B5, name: "HV_X64_MSR_STIMER2_COUNT", aliases: ["HV_REGISTER_STIMER2_COUNT"]),
        Entry(index: 0x400000B6, name: "HV_X64_MSR_STIMER3_CONFIG", aliases: ["HV_REGISTER_STIMER3_CONFIG"]),
        Entry(index: 0x400000B7, name: "HV_X64_MSR_STIMER3_COUNT", aliases: ["HV_REGISTER_STIMER3_COUNT"]),
        Entry(index: 0x400000F0, name: "HV_X64_MSR_GUEST_IDLE", aliases: []),
        Entry(index: 0x400000F1, name: "HV_X64_MSR_SYNDBG_CONTROL", aliases: []),
        Entry(index: 0x400000F2, name: "HV_X64_MSR_SYNDBG_STATUS", aliases: []),
        Entry(index: 0x400000F3, name: "HV_X64_MSR_SYNDBG_SEND_BUFFER", aliases: []),
        Entry(index: 0x400000F4, name: "HV_X64_MSR_SYNDBG_RECV_BUFFER", aliases: []),
        Entry(index: 0x400000F5, name: "HV_X64_MSR_SYNDBG_PENDING_BUFFER", aliases: []),
        Entry(index: 0x400000FF, name: "HV_X64_MSR_SYNDBG_OPTIONS", aliases: []),
        Entry(index: 0x40000100, name: "HV_X64_MSR_CRASH_P0", aliases: ["HV_REGISTER_CRASH_P0"]),
        Entry(index: 0x40000101, name: "HV_X64_MSR_CRASH_P1", aliases: ["HV_REGISTER_CRASH_P1"]),
        Entry(index: 0x40000102, name: "HV_X64_MSR_CRASH_P2", aliases: ["HV_REGISTER_CRASH_P2"]),
        Entry(index: 0x40000103, name: "HV_X64_MSR_CRASH_P3", aliases: ["HV_REGISTER_CRASH_P3"]),
        Entry(index: 0x40000104, name: "HV_X64_MSR_CRASH_P4", aliases: ["HV_REGISTER_CRASH_P4"]),
        Entry(index: 0x40000105, name: "HV_X64_MSR_CRASH_CTL", aliases: ["HV_REGISTER_CRASH_CTL"]),
        Entry(index: 0x40000106, name: "HV_X64_MSR_REENLIGHTENMENT_CONTROL", aliases: []),
        Entry(index: 0x40000107, name: "HV_X64_MSR_TSC_EMULATION_CONTROL", aliases: []),
        Entry(index: 0x40000108, name: "HV_X64_MSR_TSC_EMULATION_STATUS", aliases: []),
        Entry(index: 0x40000118, name: "HV_X64_MSR_TSC_INVARIANT_CONTROL", aliases: []),
        Entry(index: 0x40001080, name: "HV_X64_MSR_NESTED_SCONTROL", aliases: []),
        Entry(index: 0x40001081, name: "HV_X64_MSR_NESTED_SVERSION", aliases: []),
        Entry(index: 0x40001082, name: "HV_X64_MSR_NESTED_SIEFP", aliases: []),
        Entry(index: 0x40001083, name: "HV_X64_MSR_NESTED_SIMP", aliases: []),
        Entry(index: 0x40001084, name: "HV_X64_MSR_NESTED_EOM", aliases: []),
        Entry(index: 0x40001090, name: "HV_X64_MSR_NESTED_SINT0", aliases: []),
    ]
}
