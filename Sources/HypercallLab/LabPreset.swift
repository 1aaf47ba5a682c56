/// A lab scenario: the guest's vCPUs and Hyper-V enlightenments, and what it is expected to show.
///
/// Which enlightenment makes Linux use which hypercall (Linux 6.1 arch/x86/hyperv/mmu.c and
/// hv_apic.c; QEMU target/i386/kvm/kvm.c `kvm_hyperv_properties`):
/// - `hv-tlbflush` sets HV_REMOTE_TLB_FLUSH_RECOMMENDED (CPUID 0x40000004 EAX bit 2) and
///   HV_EX_PROCESSOR_MASKS_RECOMMENDED (bit 11): Linux flushes other CPUs' TLBs with
///   HvCallFlushVirtualAddressSpace (0x0002) or HvCallFlushVirtualAddressList (0x0003).
/// - `hv-ipi` sets HV_CLUSTER_IPI_RECOMMENDED (bit 10) and bit 11: Linux sends IPIs with
///   HvCallSendSyntheticClusterIpi (0x000B).
/// - The Ex forms (0x0013, 0x0014, 0x0015) take a sparse processor set; Linux uses them only when
///   bit 11 is set and a target's VP index is 64 or more.
public struct LabPreset: Sendable {
    public let name: String
    /// One line: what the preset shows.
    public let summary: String
    public let vcpus: Int
    /// The `hv-*` properties of L2's `-cpu host,kvm=off,...`.
    public let enlightenments: [String]
    /// Give the guest's vCPUs after the first VP indexes from 64 on (cold-plugged at sockets 64,
    /// 65, …), so that Linux needs the Ex hypercalls to name them.
    public let highVPIndex: Bool
    /// Call codes the guest is expected to make, and why.
    public let expectedCodes: [UInt16]
    public let rationale: String

    /// The enlightenments of the default preset: every one KVM offers a Linux guest on AMD.
    public static let fullEnlightenments = ["hv-relaxed", "hv-vapic", "hv-spinlocks=0x1fff", "hv-vpindex", "hv-runtime", "hv-time",
                                            "hv-synic", "hv-stimer", "hv-tlbflush", "hv-ipi", "hv-frequencies"]

    public static let all: [LabPreset] = [
        LabPreset(name: "default", summary: "2 vCPUs, all enlightenments: the recipe of the shared sample",
                  vcpus: 2, enlightenments: fullEnlightenments, highVPIndex: false, expectedCodes: [0x0002, 0x0003, 0x000B],
                  rationale: "hv-tlbflush makes remote TLB flushes hypercalls (whole address space above 33 pages, else a list); hv-ipi makes IPIs to the other vCPU hypercalls"),
        LabPreset(name: "1-vcpu", summary: "1 vCPU, all enlightenments: nothing to flush or interrupt remotely",
                  vcpus: 1, enlightenments: fullEnlightenments, highVPIndex: false, expectedCodes: [],
                  rationale: "with one vCPU there is no other CPU to shoot down or to send an IPI to, so Linux makes no flush or IPI hypercall; the enlightenments still show as synthetic MSR writes"),
        LabPreset(name: "3-vcpus", summary: "3 vCPUs, all enlightenments: flushes and IPIs to several targets",
                  vcpus: 3, enlightenments: fullEnlightenments, highVPIndex: false, expectedCodes: [0x0002, 0x0003, 0x000B],
                  rationale: "as default, with processor masks naming up to two other vCPUs"),
        LabPreset(name: "4-vcpus", summary: "4 vCPUs, all enlightenments, on L1's 2 CPUs",
                  vcpus: 4, enlightenments: fullEnlightenments, highVPIndex: false, expectedCodes: [0x0002, 0x0003, 0x000B],
                  rationale: "as default, with processor masks naming up to three other vCPUs"),
        LabPreset(name: "no-tlbflush", summary: "2 vCPUs without hv-tlbflush: TLB shootdowns become IPI hypercalls",
                  vcpus: 2, enlightenments: fullEnlightenments.filter { $0 != "hv-tlbflush" }, highVPIndex: false, expectedCodes: [0x000B],
                  rationale: "without HV_REMOTE_TLB_FLUSH_RECOMMENDED Linux flushes remote TLBs natively, by a function-call IPI to each target, and hv-ipi sends those IPIs with HvCallSendSyntheticClusterIpi"),
        LabPreset(name: "no-ipi", summary: "2 vCPUs without hv-ipi: flush hypercalls only, IPIs through the x2APIC",
                  vcpus: 2, enlightenments: fullEnlightenments.filter { $0 != "hv-ipi" }, highVPIndex: false, expectedCodes: [0x0002, 0x0003],
                  rationale: "without HV_CLUSTER_IPI_RECOMMENDED Linux sends IPIs by writing the x2APIC ICR (an MSR exit, no hypercall); TLB flushes stay hypercalls"),
        LabPreset(name: "no-pv-flush-ipi", summary: "2 vCPUs with neither hv-tlbflush nor hv-ipi: no hypercalls, only synthetic MSRs",
                  vcpus: 2, enlightenments: fullEnlightenments.filter { $0 != "hv-ipi" && $0 != "hv-tlbflush" }, highVPIndex: false, expectedCodes: [],
                  rationale: "the guest still detects Hyper-V and uses its clock, SynIC and timers through MSRs, but nothing it does in this workload is a hypercall"),
        LabPreset(name: "ex-masks", summary: "3 vCPUs, the second and third at VP indexes 64 and 65: the Ex (sparse VP set) hypercalls",
                  vcpus: 3, enlightenments: fullEnlightenments, highVPIndex: true, expectedCodes: [0x0002, 0x0003, 0x000B, 0x0013, 0x0014, 0x0015],
                  rationale: "a target with VP index 64 or more does not fit the 64-bit processor mask, so Linux uses HvCallFlushVirtualAddressSpaceEx/ListEx and HvCallSendSyntheticClusterIpiEx with a sparse VP set (HV_EX_PROCESSOR_MASKS_RECOMMENDED is set by hv-tlbflush and hv-ipi); IPIs to VP 0 and flushes of all present CPUs (HV_FLUSH_ALL_PROCESSORS) keep the plain forms"),
    ]

    public static func named(_ name: String) -> LabPreset? { all.first { $0.name == name } }

    /// This preset with the user's overrides.
    public func with(vcpus: Int? = nil, enlightenments: [String]? = nil) -> LabPreset {
        LabPreset(name: name, summary: summary, vcpus: vcpus ?? self.vcpus, enlightenments: enlightenments ?? self.enlightenments,
                  highVPIndex: highVPIndex, expectedCodes: expectedCodes, rationale: rationale)
    }

    /// L2's `-cpu` value: the host CPU with the KVM signature hidden, so the guest takes the Hyper-V leaves.
    public var cpuModel: String { (["host", "kvm=off"] + enlightenments).joined(separator: ",") }

    /// L2's CPU topology arguments: `-smp` and, for a high VP index, the cold-plugged CPU.
    /// QEMU gives a CPU the VP index of its slot among the possible CPUs (hyperv_vp_index is
    /// cpu_index, which pc_cpu_pre_plug sets from the slot of the CPU's APIC ID).
    public var topologyArguments: [String] {
        guard highVPIndex else { return ["-smp", String(vcpus)] }
        let slots = 64 + max(1, vcpus - 1)
        var arguments = ["-smp", "1,sockets=\(slots),cores=1,threads=1,maxcpus=\(slots)"]
        for socket in 64..<slots {
            arguments += ["-device", "host-x86_64-cpu,socket-id=\(socket),core-id=0,thread-id=0"]
        }
        return arguments
    }
}

/// A guest workload, run between the `workload` and `idle` phase markers.
public struct LabWorkload: Sendable {
    public let name: String
    public let summary: String

    public static let all: [LabWorkload] = [
        LabWorkload(name: "tlbstorm", summary: "threads on every vCPU mmap/munmap/mprotect shared memory and ping-pong through pipes: TLB shootdowns and IPIs"),
        LabWorkload(name: "none", summary: "no workload: the workload phase is empty"),
    ]

    public static func named(_ name: String) -> LabWorkload? { all.first { $0.name == name } }
}
