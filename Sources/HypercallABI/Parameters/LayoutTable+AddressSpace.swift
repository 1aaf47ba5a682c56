// Parameter layouts: address spaces and TLB flushes, IPIs, spin waits, VTLs (0x0001–0x0015, 0x00AF, 0x00B0).

enum Source {
    static func tlfs(_ page: String) -> String { "TLFS tlfs/hypercalls/\(page).md" }
    static let linuxMini = "Linux include/hyperv/hvgdk_mini.h"
    static let linuxHdk = "Linux include/hyperv/hvhdk.h"
    static let linuxHdkMini = "Linux include/hyperv/hvhdk_mini.h"
    static let linuxExt = "Linux include/hyperv/hvgdk_ext.h"
    static let openvmm = "OpenVMM vm/hv1/hvdef/src/lib.rs"
    static let mile = "ProjectMile/Mile.HyperV Mile.HyperV.TLFS.h (TLFS 6.0b)"
    static let hdk = "ionescu007/hdk hvgdk.h"
    static let linuxVarHeader = "Linux arch/x86/hyperv/mmu.c, hv_apic.c: variable header size = number of bank masks"
}

extension FieldSpec {
    static func partition(_ name: String = "partitionId", _ offset: Int = 0) -> FieldSpec { FieldSpec(name, offset, 8, .partitionID) }
    static func vpIndex(_ offset: Int) -> FieldSpec { FieldSpec("vpIndex", offset, 4, .vpIndex) }
    static func inputVtl(_ name: String, _ offset: Int) -> FieldSpec { FieldSpec(name, offset, 1, .bits(ParameterTables.inputVtl)) }
    static func proximity(_ offset: Int) -> FieldSpec { FieldSpec("proximityDomainInfo", offset, 8, .structure(ParameterTables.proximityDomainInfo)) }
    static let flushFlags = FieldSpec("flags", 8, 8, .flags(ParameterTables.flushFlags))
}

extension SummaryView {
    /// `VPs {0,5,130}` or `all VPs`, honouring the flush flag HV_FLUSH_ALL_PROCESSORS (flush calls only have `flags`).
    func processors(_ path: String) -> String {
        if let flags = value("flags"), flags & ParameterTables.flushAllProcessors != 0 { return "all VPs" }
        let text = self.text(path)
        return text == "all VPs" ? text : "VPs \(text)"
    }
    /// The VTL an HV_INPUT_VTL selects: `VTL 1`, or `the caller's VTL`.
    func inputVtl(_ path: String) -> String {
        value("\(path).useTargetVtl") == 1 ? "VTL \(value("\(path).targetVtl") ?? 0)" : "the caller's VTL"
    }
}

/// The IPI vector must be 0x10–0xFF (TLFS HvCallSendSyntheticClusterIpi.md; Linux HV_IPI_LOW_VECTOR/HIGH_VECTOR).
@Sendable func ipiVectorRule(_ view: SummaryView) -> [ParameterFinding] {
    guard let vector = view.value("vector"), !(0x10...0xFF).contains(vector) else { return [] }
    return [ParameterFinding(.error, "input.vector", "vector \(FieldDecoder.hex(vector)) is outside 0x10–0xFF")]
}

extension ParameterLayouts {
    static let addressSpace: [ParameterLayout] = [
        ParameterLayout(0x0001, input: [FieldSpec("addressSpace", 0, 8, .hex)],
                        sources: [Source.mile, Source.hdk + " HV_INPUT_SWITCH_VIRTUAL_ADDRESS_SPACE"],
                        notes: ["no TLFS page; the input is one HV_ADDRESS_SPACE_ID (fast call: RDX)"]) {
            "switch to address space \($0.text("addressSpace"))"
        },
        ParameterLayout(0x0002, input: [FieldSpec("addressSpace", 0, 8, .hex), .flushFlags, FieldSpec("processorMask", 16, 8, .processorMask)],
                        sources: [Source.tlfs("HvCallFlushVirtualAddressSpace"), Source.linuxMini + " struct hv_tlb_flush", Source.openvmm + " FlushVirtualAddressSpace"]) {
            "flush address space \($0.text("addressSpace")) on \($0.processors("processorMask")), flags \($0.text("flags"))"
        },
        ParameterLayout(0x0003, input: [FieldSpec("addressSpace", 0, 8, .hex), .flushFlags, FieldSpec("processorMask", 16, 8, .processorMask)],
                        element: RepElement(size: 8, [FieldSpec("gvaRange", 0, 8, .composite(.gvaRange))]),
                        sources: [Source.tlfs("HvCallFlushVirtualAddressList"), Source.linuxMini + " struct hv_tlb_flush", Source.openvmm + " HvGvaRange"]) {
            "flush \($0.count("GVA range")) [\($0.elementList())] of address space \($0.text("addressSpace")) on \($0.processors("processorMask")), flags \($0.text("flags"))"
        },
        ParameterLayout(0x0008, input: [FieldSpec("spinCount", 0, 4, .decimal), .rsvdZ(4, 4)],
                        sources: [Source.tlfs("HvCallNotifyLongSpinWait")]) {
            "long spin wait, \($0.text("spinCount")) spins"
        },
        ParameterLayout(0x000B, input: [FieldSpec("vector", 0, 4, .hex), .inputVtl("targetVtl", 4), .padding(5, 3), FieldSpec("processorMask", 8, 8, .processorMask)],
                        sources: [Source.tlfs("HvCallSendSyntheticClusterIpi"), Source.linuxMini + " struct hv_send_ipi", Source.mile],
                        notes: ["the TLFS table gives ProcessorMask a size of 1; Linux hv_send_ipi and Mile.HyperV have a UINT64"],
                        validate: ipiVectorRule) {
            "send IPI vector \($0.text("vector")) to \($0.processors("processorMask")) in \($0.inputVtl("targetVtl"))"
        },
        ParameterLayout(0x000C, input: [.partition("targetPartitionId"), FieldSpec("mapFlags", 8, 4, .flags(ParameterTables.mapGpaFlags)),
                                        .inputVtl("targetVtl", 12), .rsvdZ(13, 3)],
                        element: RepElement(size: 8, [FieldSpec("gpaPageNumber", 0, 8, .pageNumber)]),
                        sources: [Source.tlfs("HvCallModifyVtlProtectionMask"), Source.openvmm + " ModifyVtlProtectionMask"]) {
            "set \($0.inputVtl("targetVtl")) protections \($0.text("mapFlags")) on \($0.count("page")) [\($0.elementList())] of partition \($0.text("targetPartitionId"))"
        },
        ParameterLayout(0x000D, input: [.partition("targetPartitionId"), FieldSpec("targetVtl", 8, 1, .vtl),
                                        FieldSpec("flags", 9, 1, .flags(ParameterTables.enablePartitionVtlFlags)), .rsvdZ(10, 6)],
                        sources: [Source.tlfs("HvCallEnablePartitionVtl"), Source.openvmm + " EnablePartitionVtl"]) {
            "enable \($0.text("targetVtl")) for partition \($0.text("targetPartitionId")), flags \($0.text("flags"))"
        },
        ParameterLayout(0x000F, input: [.partition("targetPartitionId"), .vpIndex(8), FieldSpec("targetVtl", 12, 1, .vtl), .rsvdZ(13, 3),
                                        FieldSpec("vpVtlContext", 16, 224, .structure(ParameterTables.initialVpContext))],
                        sources: [Source.tlfs("HvCallEnableVpVtl"), "TLFS datatypes/hv_initial_vp_context.md", Source.linuxMini + " struct hv_enable_vp_vtl", Source.openvmm + " EnableVpVtlX64"],
                        notes: ["TLFS and OpenVMM type TargetVtl as HV_VTL; Linux declares it HV_INPUT_VTL (same byte)"]) {
            "enable \($0.text("targetVtl")) on VP \($0.text("vpIndex")) of partition \($0.text("targetPartitionId")), entry rip \($0.text("vpVtlContext.rip"))"
        },
        ParameterLayout(0x0011, sources: [Source.tlfs("HvCallVtlCall")], notes: ["no parameters"]) { _ in "VTL call to the next higher VTL" },
        ParameterLayout(0x0012, sources: [Source.tlfs("HvCallVtlReturn")], notes: ["no parameters"]) { _ in "VTL return to the next lower VTL" },
        ParameterLayout(0x0013, input: [FieldSpec("addressSpace", 0, 8, .hex), .flushFlags, FieldSpec("processorSet", 16, 0, .composite(.vpSet))],
                        fixedHeader: 32,
                        sources: [Source.tlfs("HvCallFlushVirtualAddressSpaceEx"), "TLFS datatypes/hv_vp_set.md", Source.linuxMini + " struct hv_tlb_flush_ex", Source.linuxVarHeader],
                        notes: ["the fixed header ends after the VP set's valid-bank mask (32 bytes); the bank masks are the variable header"]) {
            "flush address space \($0.text("addressSpace")) on \($0.processors("processorSet")), flags \($0.text("flags"))"
        },
        ParameterLayout(0x0014, input: [FieldSpec("addressSpace", 0, 8, .hex), .flushFlags, FieldSpec("processorSet", 16, 0, .composite(.vpSet))],
                        fixedHeader: 32, element: RepElement(size: 8, [FieldSpec("gvaRange", 0, 8, .composite(.gvaRange))]),
                        sources: [Source.tlfs("HvCallFlushVirtualAddressListEx"), "TLFS datatypes/hv_vp_set.md", Source.linuxMini + " struct hv_tlb_flush_ex", Source.linuxVarHeader],
                        notes: ["GVA ranges follow the bank masks: offset 32 + 8 × variable header size"]) {
            "flush \($0.count("GVA range")) [\($0.elementList())] of address space \($0.text("addressSpace")) on \($0.processors("processorSet")), flags \($0.text("flags"))"
        },
        ParameterLayout(0x0015, input: [FieldSpec("vector", 0, 4, .hex), .inputVtl("targetVtl", 4), .padding(5, 3), FieldSpec("processorSet", 8, 0, .composite(.vpSet))],
                        fixedHeader: 24,
                        sources: [Source.tlfs("HvCallSendSyntheticClusterIpiEx"), Source.linuxHdkMini + " struct hv_send_ipi_ex", Source.linuxVarHeader],
                        validate: ipiVectorRule) {
            "send IPI vector \($0.text("vector")) to \($0.processors("processorSet")) in \($0.inputVtl("targetVtl"))"
        },
        ParameterLayout(0x00AF, input: [FieldSpec("addressSpace", 0, 8, .hex), FieldSpec("flags", 8, 8, .reservedZero)],
                        sources: [Source.tlfs("HvCallFlushGuestPhysicalAddressSpace"), Source.linuxMini + " struct hv_guest_mapping_flush"]) {
            "flush guest physical address space \($0.text("addressSpace"))"
        },
        ParameterLayout(0x00B0, input: [FieldSpec("addressSpace", 0, 8, .hex), FieldSpec("flags", 8, 8, .reservedZero)],
                        element: RepElement(size: 8, [FieldSpec("gpaRange", 0, 8, .composite(.gpaPageRange))]),
                        sources: [Source.tlfs("HvCallFlushGuestPhysicalAddressList"), Source.linuxMini + " union hv_gpa_page_range", Source.openvmm + " HvGpaRange"],
                        notes: ["the TLFS page describes 12 bits of additional pages; Linux and OpenVMM use 11 bits and bit 11 for large pages, which hvlog follows"]) {
            "flush \($0.count("GPA range")) [\($0.elementList())] of guest physical address space \($0.text("addressSpace"))"
        },
    ]
}
