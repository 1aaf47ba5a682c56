// Enumerations and flag words used by the parameter layouts, each with the source of its numbers.

enum ParameterTables {
    static let tlfs = "TLFS (MicrosoftDocs/Virtualization-Documentation tlfs/)"

    /// HV_FLUSH_FLAGS: Linux hvgdk_mini.h HV_FLUSH_* (bits 0–3); OpenVMM hvdef HvFlushFlags (bits 4, 8, 9).
    static let flushFlags = FlagTable("HV_FLUSH_FLAGS", source: "Linux include/hyperv/hvgdk_mini.h HV_FLUSH_*; OpenVMM vm/hv1/hvdef HvFlushFlags", [
        (1 << 0, "ALL_PROCESSORS"), (1 << 1, "ALL_VIRTUAL_ADDRESS_SPACES"), (1 << 2, "NON_GLOBAL_MAPPINGS_ONLY"),
        (1 << 3, "USE_EXTENDED_RANGE_FORMAT"), (1 << 4, "USE_TARGET_VTL"), (1 << 8, "TARGET_VTL0"), (1 << 9, "TARGET_VTL1"),
    ])
    static let flushAllProcessors: UInt64 = 1 << 0
    static let flushExtendedRangeFormat: UInt64 = 1 << 3

    /// HV_MAP_GPA_FLAGS: TLFS datatypes/hv_map_gpa_flags.md; bits 4–6 and 15 from OpenVMM HvMapGpaFlags and Linux HV_MAP_GPA_ADJUSTABLE.
    static let mapGpaFlags = FlagTable("HV_MAP_GPA_FLAGS", source: "TLFS hv_map_gpa_flags.md; Linux hvhdk_mini.h HV_MAP_GPA_*; OpenVMM HvMapGpaFlags", [
        (0x1, "READABLE"), (0x2, "WRITABLE"), (0x4, "KERNEL_EXECUTABLE"), (0x8, "USER_EXECUTABLE"),
        (0x10, "SUPERVISOR_SHADOW_STACK"), (0x20, "PAGING_WRITABILITY"), (0x40, "VERIFY_PAGING_WRITABILITY"),
        (0x8000, "ADJUSTABLE"), (0x100000, "NO_OVERLAY"), (0x200000, "NOT_CACHED"),
        (0x0100_0000, "CLEAR_ACCESSED"), (0x0200_0000, "SET_ACCESSED"), (0x0400_0000, "CLEAR_DIRTY"), (0x0800_0000, "SET_DIRTY"),
        (0x1000_0000, "DONT_SET_RANGE_ACCESSED"), (0x8000_0000, "LARGE_PAGE"),
    ], fields: [(0x30000, 0x10000, "NO_ACCESS"), (0x30000, 0x20000, "ZEROED"), (0x30000, 0x30000, "ONES")])

    /// HV_UNMAP_GPA_FLAGS: TLFS datatypes/hv_unmap_gpa_flags.md lists 1 and 2; Linux HV_UNMAP_GPA_LARGE_PAGE is 0x2, so the table's values are masks.
    static let unmapGpaFlags = FlagTable("HV_UNMAP_GPA_FLAGS", source: "TLFS hv_unmap_gpa_flags.md; Linux hvgdk_mini.h HV_UNMAP_GPA_LARGE_PAGE 0x2", [
        (0x1, "KEEP_PRECOMMITTED"), (0x2, "LARGE_PAGE"),
    ])

    /// HV_ENABLE_PARTITION_VTL_FLAGS: TLFS HvCallEnablePartitionVtl.md (bit 0); OpenVMM EnablePartitionVtlFlags (bits 1, 2).
    static let enablePartitionVtlFlags = FlagTable("HV_ENABLE_PARTITION_VTL_FLAGS", source: "TLFS HvCallEnablePartitionVtl.md; OpenVMM EnablePartitionVtlFlags", [
        (0x1, "ENABLE_MBEC"), (0x2, "ENABLE_SUPERVISOR_SHADOW_STACK"), (0x4, "ENABLE_HARDWARE_HVPT"),
    ])

    /// HV_TRANSLATE_GVA_CONTROL_FLAGS (x64): TLFS datatypes/hv_translate_gva_control_flags.md; OpenVMM TranslateGvaControlFlagsX64.
    static let translateGvaControlFlags: [BitSpec] = [
        BitSpec("validateRead", bits: 0, width: 1), BitSpec("validateWrite", bits: 1, width: 1), BitSpec("validateExecute", bits: 2, width: 1),
        BitSpec("privilegeExempt", bits: 3, width: 1), BitSpec("setPageTableBits", bits: 4, width: 1), BitSpec("tlbFlushInhibit", bits: 5, width: 1),
        BitSpec("supervisorAccess", bits: 6, width: 1), BitSpec("userAccess", bits: 7, width: 1), BitSpec("enforceSmap", bits: 8, width: 1),
        BitSpec("overrideSmap", bits: 9, width: 1), BitSpec("shadowStack", bits: 10, width: 1),
        BitSpec("reserved", bits: 11, width: 45, reserved: true), BitSpec("inputVtl", bits: 56, width: 8),
    ]

    /// HV_TRANSLATE_GVA_RESULT_CODE: TLFS datatypes/hv_translate_gva_result_ex.md; OpenVMM TranslateGvaResultCode.
    static let translateResultCode = EnumTable("HV_TRANSLATE_GVA_RESULT_CODE", source: "TLFS hv_translate_gva_result_ex.md; OpenVMM", [
        (0, "Success"), (1, "PageNotPresent"), (2, "PrivilegeViolation"), (3, "InvalidPageTableFlags"), (4, "GpaUnmapped"),
        (5, "GpaNoReadAccess"), (6, "GpaNoWriteAccess"), (7, "GpaIllegalOverlayAccess"), (8, "Intercept"), (9, "GpaUnaccepted"),
    ])
    /// HV_CACHE_TYPE: TLFS hv_translate_gva_result_ex.md; OpenVMM HvCacheType.
    static let cacheType = EnumTable("HV_CACHE_TYPE", source: "TLFS hv_translate_gva_result_ex.md", [
        (0, "Uncached"), (1, "WriteCombining"), (4, "WriteThrough"), (5, "WriteProtected"), (6, "WriteBack"),
    ])
    /// HV_TRANSLATE_GVA_RESULT: result code (32 bits), cache type (8), overlay page (1); OpenVMM TranslateGvaResult.
    static let translateGvaResult: [BitSpec] = [
        BitSpec("resultCode", bits: 0, width: 32, names: translateResultCode), BitSpec("cacheType", bits: 32, width: 8, names: cacheType),
        BitSpec("overlayPage", bits: 40, width: 1), BitSpec("reserved", bits: 41, width: 23, reserved: true),
    ]

    /// HV_GENERIC_SET_FORMAT: Linux hvhdk_mini.h hv_generic_set_format; TLFS datatypes/hv_vp_set.md.
    static let vpSetFormat = EnumTable("HV_GENERIC_SET_FORMAT", source: "TLFS hv_vp_set.md; Linux hvhdk_mini.h", [
        (0, "SPARSE_4K"), (1, "ALL"),
    ])

    /// HV_INPUT_VTL: TLFS datatypes/hv_input_vtl.md; Linux hvgdk_mini.h union hv_input_vtl.
    static let inputVtl: [BitSpec] = [
        BitSpec("targetVtl", bits: 0, width: 4), BitSpec("useTargetVtl", bits: 4, width: 1), BitSpec("reserved", bits: 5, width: 3, reserved: true),
    ]

    /// HV_PROXIMITY_DOMAIN_INFO: TLFS datatypes/hv_proximity_domain_info.md; Linux hvhdk_mini.h.
    static let proximityDomainInfo: [FieldSpec] = [
        FieldSpec("id", 0, 4, .decimal),
        FieldSpec("flags", 4, 4, .bits([
            BitSpec("proximityPreferred", bits: 0, width: 1), BitSpec("reserved", bits: 1, width: 30, reserved: true),
            BitSpec("proximityInfoValid", bits: 31, width: 1),
        ])),
    ]

    /// HV_X64_SEGMENT_REGISTER: TLFS datatypes/hv_x64_segment_register.md; Linux hvgdk_mini.h.
    static let segmentRegister: [FieldSpec] = [
        FieldSpec("base", 0, 8, .hex), FieldSpec("limit", 8, 4, .hex), FieldSpec("selector", 12, 2, .hex),
        FieldSpec("attributes", 14, 2, .bits([
            BitSpec("segmentType", bits: 0, width: 4), BitSpec("nonSystemSegment", bits: 4, width: 1),
            BitSpec("descriptorPrivilegeLevel", bits: 5, width: 2), BitSpec("present", bits: 7, width: 1),
            BitSpec("reserved", bits: 8, width: 4), BitSpec("available", bits: 12, width: 1), BitSpec("long", bits: 13, width: 1),
            BitSpec("default", bits: 14, width: 1), BitSpec("granularity", bits: 15, width: 1),
        ])),
    ]

    /// HV_X64_TABLE_REGISTER: Linux hvgdk_mini.h hv_x64_table_register (pad[3], limit, base); OpenVMM HvX64TableRegister.
    static let tableRegister: [FieldSpec] = [.padding(0, 6), FieldSpec("limit", 6, 2, .hex), FieldSpec("base", 8, 8, .hex)]

    /// HV_INITIAL_VP_CONTEXT (x64), 224 bytes: TLFS datatypes/hv_initial_vp_context.md; Linux hv_init_vp_context; OpenVMM InitialVpContextX64.
    static let initialVpContext: [FieldSpec] = {
        var fields = [FieldSpec("rip", 0, 8, .hex), FieldSpec("rsp", 8, 8, .hex), FieldSpec("rflags", 16, 8, .hex)]
        for (index, name) in ["cs", "ds", "es", "fs", "gs", "ss", "tr", "ldtr"].enumerated() {
            fields.append(FieldSpec(name, 24 + 16 * index, 16, .structure(segmentRegister)))
        }
        fields += [FieldSpec("idtr", 152, 16, .structure(tableRegister)), FieldSpec("gdtr", 168, 16, .structure(tableRegister))]
        for (index, name) in ["efer", "cr0", "cr3", "cr4", "msrCrPat"].enumerated() {
            fields.append(FieldSpec(name, 184 + 8 * index, 8, .hex))
        }
        return fields
    }()

    /// HV_INTERRUPT_TYPE: Linux hvgdk_mini.h enum hv_interrupt_type; OpenVMM HvInterruptType.
    static let interruptType = EnumTable("HV_INTERRUPT_TYPE", source: "Linux hvgdk_mini.h hv_interrupt_type", [
        (0, "FIXED"), (1, "LOWESTPRIORITY"), (2, "SMI"), (3, "REMOTEREAD"), (4, "NMI"), (5, "INIT"), (6, "SIPI"),
        (7, "EXTINT"), (8, "LOCALINT0"), (9, "LOCALINT1"),
    ])

    /// HV_INTERRUPT_CONTROL (x64): TLFS datatypes/hv_interrupt_control.md; Linux hvhdk.h; OpenVMM (bit 34 arm64 Asserted).
    static let interruptControl: [BitSpec] = [
        BitSpec("interruptType", bits: 0, width: 32, names: interruptType), BitSpec("levelTriggered", bits: 32, width: 1),
        BitSpec("logicalDestinationMode", bits: 33, width: 1), BitSpec("arm64Asserted", bits: 34, width: 1),
        BitSpec("reserved", bits: 35, width: 29, reserved: true),
    ]

    /// HV_INTERRUPT_SOURCE: TLFS datatypes/hv_interrupt_entry.md (MSI); Linux hvgdk_mini.h (IOAPIC).
    static let interruptSource = EnumTable("HV_INTERRUPT_SOURCE", source: "TLFS hv_interrupt_entry.md; Linux hvgdk_mini.h", [(1, "MSI"), (2, "IOAPIC")])

    /// HV_INTERRUPT_ENTRY, 16 bytes: TLFS datatypes/hv_interrupt_entry.md, hv_msi_entry.md; Linux hv_interrupt_entry.
    static let interruptEntry: [FieldSpec] = [
        FieldSpec("source", 0, 4, .enumeration(interruptSource)), .rsvdZ(4, 4),
        FieldSpec("msiAddress", 8, 4, .hex), FieldSpec("msiData", 12, 4, .hex),
    ]

    /// HV_DEVICE_INTERRUPT_TARGET flags: TLFS datatypes/hv_device_interrupt_target.md; Linux hvgdk_mini.h.
    static let deviceInterruptTargetFlags = FlagTable("HV_DEVICE_INTERRUPT_TARGET flags", source: "TLFS hv_device_interrupt_target.md", [
        (1, "MULTICAST"), (2, "PROCESSOR_SET"),
    ])

    /// HV_PORT_TYPE: Linux hvhdk.h enum hv_port_type; TLFS hv_connection_info.md (doorbell 4).
    static let portType = EnumTable("HV_PORT_TYPE", source: "Linux hvhdk.h hv_port_type", [(1, "MESSAGE"), (2, "EVENT"), (3, "MONITOR"), (4, "DOORBELL")])

    /// Doorbell connection flags: TLFS datatypes/hv_connection_info.md; Linux hvhdk_mini.h HV_DOORBELL_FLAG_*.
    static let doorbellFlags = FlagTable("HV_DOORBELL_FLAG", source: "TLFS hv_connection_info.md", [(0x8000_0000, "TRIGGER_ANY_VALUE")], fields: [
        (7, 1, "TRIGGER_SIZE_BYTE"), (7, 2, "TRIGGER_SIZE_WORD"), (7, 3, "TRIGGER_SIZE_DWORD"), (7, 4, "TRIGGER_SIZE_QWORD"),
    ])

    /// HV_STATS_OBJECT_TYPE: Linux hvhdk_mini.h enum hv_stats_object_type.
    static let statsObjectType = EnumTable("HV_STATS_OBJECT_TYPE", source: "Linux hvhdk_mini.h hv_stats_object_type", [
        (0x1, "HYPERVISOR"), (0x2, "LOGICAL_PROCESSOR"), (0x10001, "PARTITION"), (0x10002, "VP"),
    ])
    /// HV_STATS_AREA_TYPE: Linux hvhdk_mini.h.
    static let statsAreaType = EnumTable("HV_STATS_AREA_TYPE", source: "Linux hvhdk_mini.h hv_stats_area_type", [(0, "SELF"), (1, "PARENT"), (2, "INTERNAL")])
    /// HV_STATS_OBJECT_IDENTITY, 16 bytes, read in its VP form (partition, VP index, flags, area type); Linux hvhdk_mini.h; TLFS hv_stats_object_identity.md.
    static let statsObjectIdentity: [FieldSpec] = [
        FieldSpec("partitionIdOrLpIndex", 0, 8, .hex), FieldSpec("vpIndex", 8, 4, .decimal), FieldSpec("flags", 12, 2, .hex),
        .rsvdZ(14, 1), FieldSpec("statsAreaType", 15, 1, .enumeration(statsAreaType)),
    ]

    /// HV_VP_STATE_PAGE_TYPE: Linux hvhdk.h enum hv_vp_state_page_type.
    static let vpStatePageType = EnumTable("HV_VP_STATE_PAGE_TYPE", source: "Linux hvhdk.h", [(0, "REGISTERS"), (1, "INTERCEPT_MESSAGE"), (2, "GHCB")])

    /// HV_INTERCEPT_TYPE: Linux hvgdk_mini.h enum hv_intercept_type; OpenVMM HvInterceptType (0x0D–0x11).
    static let interceptType = EnumTable("HV_INTERCEPT_TYPE", source: "Linux hvgdk_mini.h hv_intercept_type; OpenVMM HvInterceptType", [
        (0x0, "X64_IO_PORT"), (0x1, "X64_MSR"), (0x2, "X64_CPUID"), (0x3, "EXCEPTION"), (0x4, "RESERVED0"), (0x5, "MMIO"),
        (0x6, "X64_GLOBAL_CPUID"), (0x7, "X64_APIC_SMI"), (0x8, "HYPERCALL"), (0x9, "X64_APIC_INIT_SIPI"),
        (0xA, "MC_UPDATE_PATCH_LEVEL_MSR_READ"), (0xB, "X64_APIC_WRITE"), (0xC, "X64_MSR_INDEX"),
        (0xD, "UNKNOWN_SYNIC_CONNECTION"), (0xE, "X64_APIC_EOI"), (0xF, "RETARGET_INTERRUPT_WITH_UNKNOWN_DEVICE_ID"),
        (0x11, "X64_IO_PORT_RANGE"), (0xFFFF_FFFF, "INVALID"),
    ])
    /// HV_INTERCEPT_ACCESS_TYPE_MASK: OpenVMM HV_INTERCEPT_ACCESS_MASK_*.
    static let interceptAccessMask = FlagTable("HV_INTERCEPT_ACCESS_TYPE_MASK", source: "OpenVMM hvdef HV_INTERCEPT_ACCESS_MASK_*", [
        (1, "READ"), (2, "WRITE"), (4, "EXECUTE"),
    ])

    /// HV_EXT_MEMORY_HEAT_HINT_TYPE: Linux hvgdk_ext.h.
    static let heatHintType = EnumTable("HV_EXT_MEMORY_HEAT_HINT_TYPE", source: "Linux hvgdk_ext.h", [(0, "COLD"), (1, "HOT"), (2, "COLD_DISCARD")])
    /// HvExtCallQueryCapabilities bits: TLFS HvExtCallQueryCapabilities.md (0–4); Linux hvgdk_ext.h (bit 8).
    static let extendedCapabilities = FlagTable("HV_EXT_CAPABILITIES", source: "TLFS HvExtCallQueryCapabilities.md; Linux hvgdk_ext.h", [
        (1 << 0, "GetBootZeroedMemory"), (1 << 1, "MemoryHeatHint"), (1 << 2, "EpfSetup"), (1 << 3, "SchedulerAssistSetup"),
        (1 << 4, "MemoryHeatHintAsync"), (1 << 8, "MemoryColdDiscardHint"),
    ])

    /// HV_PARTITION_CREATION_FLAGS: TLFS datatypes/hv_partition_creation_flags.md (all 12 bits);
    /// Linux hvhdk.h HV_PARTITION_CREATION_FLAG_* agrees on the 7 it names. Other bits are only noted.
    static let partitionCreationFlags = FlagTable("HV_PARTITION_CREATION_FLAGS", source: "TLFS hv_partition_creation_flags.md; Linux hvhdk.h", [
        (1 << 0, "SMT_ENABLED_GUEST"), (1 << 1, "NESTED_VIRTUALIZATION_CAPABLE"), (1 << 4, "GPA_SUPER_PAGES_ENABLED"),
        (1 << 8, "EXO_PARTITION"), (1 << 9, "VTL1_OVERRIDE"), (1 << 10, "VTL2_OVERRIDE"), (1 << 13, "LAPIC_ENABLED"),
        (1 << 15, "ENABLE_PERFMON_PMU"), (1 << 16, "ENABLE_PERFMON_LBR"), (1 << 19, "INTERCEPT_MESSAGE_PAGE_ENABLED"),
        (1 << 20, "HYPERCALL_DOORBELL_PAGE_ENABLED"), (1 << 22, "X2APIC_CAPABLE"),
    ], undefinedBitsReserved: false)

    /// HV_PARTITION_PROPERTY_CODE: TLFS datatypes/hv_partition_property_code.md; Linux hvhdk_mini.h (0x00020005).
    static let partitionPropertyCode = EnumTable("HV_PARTITION_PROPERTY_CODE", source: "TLFS hv_partition_property_code.md; Linux hvhdk_mini.h", [
        (0x0001_0000, "PrivilegeFlags"), (0x0001_0001, "SyntheticProcFeatures"),
        (0x0002_0000, "Suspend"), (0x0002_0001, "CpuReserve"), (0x0002_0002, "CpuCap"), (0x0002_0003, "CpuWeight"),
        (0x0002_0004, "CpuGroupId"), (0x0002_0005, "IntegratedSchedulerEnabled"),
        (0x0003_0003, "TimeFreeze"), (0x0003_0005, "ReferenceTime"),
        (0x0005_0000, "VirtualTlbPageCount"), (0x0005_0001, "VsmConfig"), (0x0005_0002, "ZeroMemoryOnReset"),
        (0x0005_0003, "ProcessorsPerSocket"), (0x0005_0004, "NestedTlbSize"), (0x0005_0005, "GpaPageAccessTracking"),
        (0x0005_0006, "VsmPermissionsDirtySinceLastQuery"), (0x0005_000C, "IsolationState"), (0x0005_000D, "IsolationControl"),
        (0x0005_000E, "AllocationId"), (0x0005_000F, "MonitoringId"), (0x0005_0010, "ImplementedPhysicalAddressBits"),
        (0x0005_0011, "NonArchitecturalCoreSharing"), (0x0005_0012, "HypercallDoorbellPage"), (0x0005_0014, "IsolationPolicy"),
        (0x0005_0017, "UnimplementedMsrAction"), (0x0005_0022, "SevVmgexitOffloads"), (0x0005_0026, "PartitionDiagBufferConfig"),
        (0x0005_0028, "GicdBaseAddress"), (0x0005_0029, "GitsTranslaterBaseAddress"),
        (0x0006_0000, "ProcessorVendor"), (0x0006_0002, "ProcessorXsaveFeatures"), (0x0006_0003, "ProcessorCLFlushSize"),
        (0x0006_0004, "EnlightenmentModifications"), (0x0006_0005, "CompatibilityVersion"), (0x0006_0006, "PhysicalAddressWidth"),
        (0x0006_0007, "XsaveStates"), (0x0006_0008, "MaxXsaveDataSize"), (0x0006_0009, "ProcessorClockFrequency"),
        (0x0006_000A, "ProcessorFeatures0"), (0x0006_000B, "ProcessorFeatures1"),
        (0x0007_0000, "GuestOsId"), (0x0008_0000, "ProcessorVirtualizationFeatures"), (0x0009_0007, "VmmCapabilities"),
        (0x1000_1000, "VpSchedulingAffinitySet"),
    ])
}
