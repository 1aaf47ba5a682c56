// Parameter layouts: partitions, memory, virtual processors and their registers
// (0x0040–0x0052, 0x0090, 0x0099, 0x009A, 0x00AC, 0x00E1).

extension ParameterLayouts {
    private static let getSetVpHeader: [FieldSpec] = [.partition(), .vpIndex(8), .inputVtl("inputVtl", 12), .rsvdZ(13, 3)]
    private static let translateInput: [FieldSpec] = [
        .partition(), .vpIndex(8), .rsvdZ(12, 4), FieldSpec("controlFlags", 16, 8, .bits(ParameterTables.translateGvaControlFlags)),
        FieldSpec("gvaPage", 24, 8, .pageNumber),
    ]
    private static let translateSources = [Source.openvmm + " TranslateVirtualAddressX64 (reserved u32 after VpIndex, confirmed by debugger)",
                                           "TLFS datatypes/hv_translate_gva_control_flags.md", Source.mile]

    static let partition: [ParameterLayout] = [
        ParameterLayout(0x0040, input: [
            FieldSpec("flags", 0, 8, .flags(ParameterTables.partitionCreationFlags)), .proximity(8),
            FieldSpec("compatibilityVersion", 16, 4, .hex), .rsvdZ(20, 4, name: "padding"),
            FieldSpec("disabledProcessorFeatures", 24, 16, .structure([FieldSpec("bank0", 0, 8, .hex), FieldSpec("bank1", 8, 8, .hex)])),
            FieldSpec("disabledProcessorXsaveFeatures", 40, 8, .hex), FieldSpec("reservedZ0", 48, 8, .hex),
        ], output: [.partition("newPartitionId")],
           sources: [Source.tlfs("HvCallCreatePartition") + " (AMD64 layout, 56 bytes)", Source.linuxHdk + " struct hv_input_create_partition"],
           notes: ["TLFS: ReservedZ0 at 48 must be 0; Linux names that slot isolation_properties, so it is shown, not flagged",
                   "creation flag bits the TLFS does not name are only noted"]) {
            "create partition, flags \($0.text("flags")) → partition \($0.out("newPartitionId"))"
        },
        ParameterLayout(0x0041, input: [.partition()], sources: [Source.tlfs("HvCallInitializePartition"), Source.linuxHdk]) {
            "initialize partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x0042, input: [.partition()], sources: [Source.tlfs("HvCallFinalizePartition"), Source.linuxHdk]) {
            "finalize partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x0043, input: [.partition()], sources: [Source.tlfs("HvCallDeletePartition"), Source.linuxHdk]) {
            "delete partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x0044, input: [.partition(), FieldSpec("propertyCode", 8, 4, .enumeration(ParameterTables.partitionPropertyCode)), .rsvdZ(12, 4)],
                        output: [FieldSpec("propertyValue", 0, 8, .hex)],
                        sources: [Source.tlfs("HvCallGetPartitionProperty"), Source.linuxHdk + " struct hv_input_get_partition_property",
                                  "TLFS datatypes/hv_partition_property_code.md"]) {
            "get property \($0.text("propertyCode")) of partition \($0.text("partitionId")) → \($0.out("propertyValue"))"
        },
        ParameterLayout(0x0045, input: [.partition(), FieldSpec("propertyCode", 8, 4, .enumeration(ParameterTables.partitionPropertyCode)),
                                        .rsvdZ(12, 4, name: "padding"), FieldSpec("propertyValue", 16, 8, .hex)],
                        sources: [Source.tlfs("HvCallSetPartitionProperty"), Source.linuxHdk + " struct hv_input_set_partition_property"],
                        notes: ["the TLFS page gives no offsets; they are Linux's"]) {
            "set property \($0.text("propertyCode")) of partition \($0.text("partitionId")) to \($0.text("propertyValue"))"
        },
        ParameterLayout(0x0046, output: [.partition()], sources: [Source.linuxMini + " struct hv_output_get_partition_id"],
                        notes: ["no TLFS page; no input, one 8-byte output"]) {
            "get partition id → \($0.out("partitionId"))"
        },
        ParameterLayout(0x0048, input: [.partition()], element: RepElement(size: 8, [FieldSpec("gpaPageNumber", 0, 8, .pageNumber)]),
                        sources: [Source.tlfs("HvCallDepositMemory"), Source.linuxHdkMini + " struct hv_deposit_memory"]) {
            "deposit \($0.count("page")) into partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x0049, input: [.partition(), .proximity(8)],
                        outputElement: RepElement(size: 8, [FieldSpec("gpaPageNumber", 0, 8, .pageNumber)]),
                        sources: [Source.tlfs("HvCallWithdrawMemory"), Source.linuxHdkMini + " struct hv_input_withdraw_memory"]) {
            "withdraw up to \($0.count("page")) from partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x004A, input: [.partition(), .proximity(8)],
                        output: [FieldSpec("pagesAvailable", 0, 8, .decimal), FieldSpec("pagesInUse", 8, 8, .decimal)],
                        sources: [Source.tlfs("HvCallGetMemoryBalance"), Source.hdk + " HV_OUTPUT_GET_MEMORY_BALANCE"],
                        notes: ["the TLFS table puts both outputs at offset 0; HV_OUTPUT_GET_MEMORY_BALANCE has PagesInUse at 8"]) {
            "memory balance of partition \($0.text("partitionId")) → \($0.out("pagesAvailable")) pages available, \($0.out("pagesInUse")) in use"
        },
        ParameterLayout(0x004B, input: [.partition("targetPartitionId"), FieldSpec("targetGpaBase", 8, 8, .pageNumber),
                                        FieldSpec("mapFlags", 16, 4, .flags(ParameterTables.mapGpaFlags)), .padding(20, 4)],
                        element: RepElement(size: 8, [FieldSpec("sourceGpaPage", 0, 8, .pageNumber)]),
                        sources: [Source.tlfs("HvCallMapGpaPages"), Source.linuxHdkMini + " struct hv_input_map_gpa_pages", "TLFS datatypes/hv_map_gpa_flags.md"],
                        notes: ["TLFS gives MapFlags 8 bytes; HV_MAP_GPA_FLAGS is a UINT32 followed by 4 bytes of padding (Linux)"]) {
            "map \($0.count("page")) at \($0.text("targetGpaBase")) in partition \($0.text("targetPartitionId")), flags \($0.text("mapFlags"))"
        },
        ParameterLayout(0x004C, input: [.partition("targetPartitionId"), FieldSpec("targetGpaBase", 8, 8, .pageNumber),
                                        FieldSpec("unmapFlags", 16, 4, .flags(ParameterTables.unmapGpaFlags)), .padding(20, 4)],
                        sources: [Source.tlfs("HvCallUnmapGpaPages"), "TLFS datatypes/hv_unmap_gpa_flags.md", Source.linuxMini + " HV_UNMAP_GPA_LARGE_PAGE"],
                        notes: ["a rep call without list elements: the rep count is the number of pages (large pages with LARGE_PAGE)"]) {
            "unmap \($0.count("page")) at \($0.text("targetGpaBase")) from partition \($0.text("targetPartitionId")), flags \($0.text("unmapFlags"))"
        },
        ParameterLayout(0x004D, input: [.partition(), FieldSpec("accessType", 8, 4, .flags(ParameterTables.interceptAccessMask)),
                                        FieldSpec("interceptType", 12, 4, .enumeration(ParameterTables.interceptType)), FieldSpec("interceptParameter", 16, 8, .hex)],
                        sources: [Source.tlfs("HvCallInstallIntercept"), Source.openvmm + " InstallIntercept", Source.linuxMini + " enum hv_intercept_type"]) {
            "install intercept \($0.text("interceptType")) (\($0.text("accessType")), parameter \($0.text("interceptParameter"))) in partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x004E, input: [.partition(), .vpIndex(8), .rsvdZ(12, 3), FieldSpec("subnodeType", 15, 1, .decimal),
                                        FieldSpec("subnodeId", 16, 8, .hex), .proximity(24), FieldSpec("flags", 32, 8, .reservedZero)],
                        sources: [Source.tlfs("HvCallCreateVp"), Source.linuxHdkMini + " struct hv_create_vp"]) {
            "create VP \($0.text("vpIndex")) in partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x004F, input: [.partition(), .vpIndex(8), .rsvdZ(12, 4)],
                        sources: [Source.tlfs("HvCallDeleteVp"), Source.linuxHdk + " union hv_input_delete_vp"]) {
            "delete VP \($0.text("vpIndex")) of partition \($0.text("partitionId"))"
        },
        ParameterLayout(0x0050, input: getSetVpHeader, element: RepElement(size: 4, [FieldSpec("registerName", 0, 4, .composite(.registerName))]),
                        outputElement: RepElement(size: 16, [FieldSpec("registerValue", 0, 16, .composite(.registerValue))]),
                        sources: [Source.tlfs("HvCallGetVpRegisters"), Source.linuxMini + " struct hv_input_get_vp_registers", Source.openvmm + " GetSetVpRegisters",
                                  "register names: " + Source.openvmm + " HvX64RegisterName, " + Source.linuxMini + " enum hv_register_name"]) {
            "get \($0.count("register")) [\($0.elementList())] of VP \($0.text("vpIndex")) in partition \($0.text("partitionId")), \($0.inputVtl("inputVtl"))"
        },
        ParameterLayout(0x0051, input: getSetVpHeader,
                        element: RepElement(size: 32, [FieldSpec("registerName", 0, 4, .composite(.registerName)), .rsvdZ(4, 12),
                                                       FieldSpec("registerValue", 16, 16, .composite(.registerValue))]),
                        sources: [Source.tlfs("HvCallSetVpRegisters"), Source.linuxMini + " struct hv_register_assoc", Source.openvmm + " HvRegisterAssoc"]) {
            "set \($0.count("register")) [\($0.elementList())] of VP \($0.text("vpIndex")) in partition \($0.text("partitionId")), \($0.inputVtl("inputVtl"))"
        },
        ParameterLayout(0x0052, input: translateInput,
                        output: [FieldSpec("translationResult", 0, 8, .bits(ParameterTables.translateGvaResult)), FieldSpec("gpaPage", 8, 8, .pageNumber)],
                        sources: [Source.tlfs("HvCallTranslateVirtualAddress")] + translateSources,
                        notes: ["TLFS omits the 4 reserved bytes at 12 from its table but places ControlFlags at 16"]) {
            "translate GVA page \($0.text("gvaPage")) on VP \($0.text("vpIndex")) → \($0.out("translationResult.resultCode")), GPA page \($0.out("gpaPage"))"
        },
        ParameterLayout(0x0090, input: [.partition("targetPartitionId"), FieldSpec("mapFlags", 8, 4, .flags(ParameterTables.mapGpaFlags)), .rsvdZ(12, 4)],
                        element: RepElement(size: 8, [FieldSpec("gpaPageNumber", 0, 8, .pageNumber)]),
                        sources: [Source.tlfs("HvCallModifySparseGpaPages")]) {
            "modify \($0.count("page")) of partition \($0.text("targetPartitionId")) to \($0.text("mapFlags"))"
        },
        ParameterLayout(0x0099, input: [.partition(), .vpIndex(8), FieldSpec("targetVtl", 12, 1, .vtl), .rsvdZ(13, 3),
                                        FieldSpec("vpContext", 16, 224, .structure(ParameterTables.initialVpContext))],
                        sources: [Source.tlfs("HvCallStartVirtualProcessor"), Source.openvmm + " StartVirtualProcessorX64", Source.mile]) {
            "start VP \($0.text("vpIndex")) of partition \($0.text("partitionId")) in \($0.text("targetVtl")) at rip \($0.text("vpContext.rip"))"
        },
        ParameterLayout(0x009A, input: [.partition(), FieldSpec("targetVtl", 8, 1, .vtl), .padding(9, 7)],
                        element: RepElement(size: 8, [FieldSpec("apicId", 0, 4, .decimal), .padding(4, 4)]),
                        outputElement: RepElement(size: 8, [FieldSpec("vpIndex", 0, 4, .vpIndex), .padding(4, 4)]),
                        sources: [Source.tlfs("HvCallGetVpIndexFromApicId"), Source.mile + " HV_APIC_ID_ASSOC", Source.openvmm + " GetVpIndexFromApicId"],
                        notes: ["Linux hv_get_vp_from_apic_id_in declares 4-byte APIC ids; TLFS and Mile.HyperV have 8-byte elements, which hvlog follows"]) {
            "VP index of \($0.count("APIC id")) [\($0.elementList())] in partition \($0.text("partitionId")) → [\($0.elementList(output: true))]"
        },
        ParameterLayout(0x00AC, input: translateInput,
                        output: [FieldSpec("translationResult", 0, 8, .bits(ParameterTables.translateGvaResult)), .rsvdZ(8, 8),
                                 FieldSpec("eventInfo", 16, 32, .bytes), FieldSpec("gpaPage", 48, 8, .pageNumber), .padding(56, 8)],
                        sources: [Source.tlfs("HvCallTranslateVirtualAddressEx"), "TLFS datatypes/hv_translate_gva_result_ex.md",
                                  Source.openvmm + " TranslateVirtualAddressExOutputX64 (0x40 bytes)"] + translateSources,
                        notes: ["the TLFS table gives a 16-byte result and GpaPage at 16; its own HV_TRANSLATE_GVA_RESULT_EX holds a 32-byte HV_X64_PENDING_EVENT, and OpenVMM (checked in a debugger) puts GpaPage at 48"]) {
            "translate GVA page \($0.text("gvaPage")) on VP \($0.text("vpIndex")) → \($0.out("translationResult.resultCode")), GPA page \($0.out("gpaPage"))"
        },
        ParameterLayout(0x00E1, input: [.partition(), .vpIndex(8), FieldSpec("type", 12, 2, .enumeration(ParameterTables.vpStatePageType)),
                                        .inputVtl("inputVtl", 14), FieldSpec("flags", 15, 1, .flags(FlagTable("MapVpStatePage flags", source: "TLFS", [(1, "MAP_LOCATION_PROVIDED")]))),
                                        FieldSpec("requestedMapLocation", 16, 8, .pageNumber)],
                        output: [FieldSpec("mapLocation", 0, 8, .pageNumber)],
                        sources: [Source.tlfs("HvCallMapVpStatePage"), Source.linuxHdk + " struct hv_input_map_vp_state_page, enum hv_vp_state_page_type"]) {
            "map \($0.text("type")) state page of VP \($0.text("vpIndex")) in partition \($0.text("partitionId")) → \($0.out("mapLocation"))"
        },
    ]
}
