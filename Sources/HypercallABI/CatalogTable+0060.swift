// The call-code catalog, 0x0060–0x00BF: statistics, debugging, devices, power, PASIDs.
// One row per code; each spelling lists every source that uses it (see NameSource for the files read).
// Generated once from the sources listed in docs/catalog.md and maintained by hand since.

extension CatalogRow {
    static let rows0060: [CatalogRow] = [
        CatalogRow(0x0060, .simple, [
            ("HvCallInitializeEventLogBufferGroup", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0061, .simple, fast: .yes, [
            ("HvCallFinalizeEventLogBufferGroup", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0062, .simple, fast: .yes, [
            ("HvCallCreateEventLogBuffer", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0063, .simple, fast: .yes, [
            ("HvCallDeleteEventLogBuffer", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0064, .simple, [
            ("HvCallMapEventLogBuffer", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0065, .simple, fast: .yes, [
            ("HvCallUnmapEventLogBuffer", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0066, .simple, fast: .yes, [
            ("HvCallSetEventLogGroupSources", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0067, .simple, fast: .yes, [
            ("HvCallReleaseEventLogBuffer", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0068, .simple, fast: .yes, [
            ("HvCallFlushEventLogBuffer", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root | Fast"),
        CatalogRow(0x0069, .simple, [
            ("HvPostDebugData", [.tlfsReference]),
            ("HvCallPostDebugData", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_POST_DEBUG_DATA", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/overview.md (version f4143a4e) 0x0069 Simple; KVM arch/x86/kvm/hyperv.c (version read, see md): fast -> HV_STATUS_INVALID_PARAMETER"),
        CatalogRow(0x006A, .simple, [
            ("HvRetrieveDebugData", [.tlfsReference]),
            ("HvCallRetrieveDebugData", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_RETRIEVE_DEBUG_DATA", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/overview.md (version f4143a4e) 0x006A Simple; KVM arch/x86/kvm/hyperv.c (version read, see md): fast -> HV_STATUS_INVALID_PARAMETER"),
        CatalogRow(0x006B, .simple, fast: .yes, [
            ("HvResetDebugSession", [.tlfsReference]),
            ("HvCallResetDebugSession", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_RESET_DEBUG_SESSION", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Fast; TLFS tlfs/hypercalls/overview.md (version f4143a4e) 0x006B Simple"),
        CatalogRow(0x006C, .simple, [
            ("HvCallMapStatsPage", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_MAP_STATS_PAGE", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent; linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_MAP_STATS_PAGE, input, output)"),
        CatalogRow(0x006D, .simple, page: "HvCallUnmapStatsPage", [
            ("HvCallUnmapStatsPage", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_UNMAP_STATS_PAGE", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent; TLFS tlfs/hypercalls/HvCallUnmapStatsPage.md 0x006D (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_UNMAP_STATS_PAGE, input, NULL)"),
        CatalogRow(0x006E, .rep, page: "HvCallMapSparseGpaPages", [
            ("HvCallMapSparseGpaPages", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Parent | Root | Rep; TLFS tlfs/hypercalls/HvCallMapSparseGpaPages.md 0x006E (Rep)"),
        CatalogRow(0x006F, .simple, [
            ("HvCallSetSystemProperty", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SET_SYSTEM_PROPERTY", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root; microsoft/OHCL-Linux-Kernel include/hyperv/hvgdk_mini.h HVCALL_SET_SYSTEM_PROPERTY 0x006f (definition only)"),
        CatalogRow(0x0070, .simple, [
            ("HvCallSetPortProperty", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent | Root"),
        CatalogRow(0x0071, .unknown, [
            ("HvCallOutputDebugCharacter", [.windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved; openvmm vm/hv1/hvdef/src/lib.rs HypercallCode only"),
        CatalogRow(0x0072, .unknown, [
            ("HvCallEchoIncrement", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0073, .unknown, [
            ("HvCallPerfNop", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0074, .unknown, [
            ("HvCallPerfNopInput", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0075, .unknown, [
            ("HvCallPerfNopOutput", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0076, .simple, [
            ("HvCallAddLogicalProcessor", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_ADD_LOGICAL_PROCESSOR", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; linux drivers/hv/hv_proc.c hv_do_hypercall(HVCALL_ADD_LOGICAL_PROCESSOR, input, output)"),
        CatalogRow(0x0077, .simple, [
            ("HvCallRemoveLogicalProcessor", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0078, .simple, [
            ("HvCallQueryNumaDistance", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0079, .simple, [
            ("HvCallSetLogicalProcessorProperty", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x007A, .simple, [
            ("HvCallGetLogicalProcessorProperty", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x007B, .unknown, [
            ("HvCallGetSystemProperty", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_GET_SYSTEM_PROPERTY", [.linux]),
        ], evidence: "linux include/hyperv/hvgdk_mini.h HVCALL_GET_SYSTEM_PROPERTY 0x007b (definition only)"),
        CatalogRow(0x007C, .simple, varHeader: .yes, [
            ("HvCallMapDeviceInterrupt", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_MAP_DEVICE_INTERRUPT", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; linux arch/x86/hyperv/irqdomain.c hv_do_rep_hypercall(HVCALL_MAP_DEVICE_INTERRUPT, 0, var_size, input, output), var_size = nr_bank + 1 (rep count 0 => simple)"),
        CatalogRow(0x007D, .simple, [
            ("HvCallUnmapDeviceInterrupt", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_UNMAP_DEVICE_INTERRUPT", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; linux arch/x86/hyperv/irqdomain.c hv_do_hypercall(HVCALL_UNMAP_DEVICE_INTERRUPT, input, NULL)"),
        CatalogRow(0x007E, .simple, varHeader: .yes, page: "HvCallRetargetDeviceInterrupt", [
            ("HvCallRetargetDeviceInterrupt", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_RETARGET_INTERRUPT", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallRetargetDeviceInterrupt.md 0x007e (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: VariableHypercall<RetargetDeviceInterrupt,(),..>; linux drivers/pci/controller/pci-hyperv.c hv_do_hypercall(HVCALL_RETARGET_INTERRUPT | (var_size << 17), params, NULL), var_size = 1 + nr_bank"),
        CatalogRow(0x007F, .unknown, [
            ("HvCallRetargetRootDeviceInterrupt", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved007f", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved | Root"),
        CatalogRow(0x0080, .simple, [
            ("HvCallAssertDeviceInterrupt", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallMapDevicePages", [.tlfs6Header]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0081, .simple, [
            ("HvCallReserved0081", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallUnmapDevicePages", [.tlfs6Header]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0082, .simple, [
            ("HvCallAttachDevice", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0083, .simple, [
            ("HvCallDetachDevice", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0084, .simple, [
            ("HvCallEnterSleepState", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallNotifyStandbyTransition", [.tlfs6Header]),
            ("HVCALL_ENTER_SLEEP_STATE", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root; microsoft/OHCL-Linux-Kernel include/hyperv/hvgdk_mini.h HVCALL_ENTER_SLEEP_STATE 0x0084 (definition only)"),
        CatalogRow(0x0085, .simple, [
            ("HvCallNotifyStandbyTransition", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallPrepareForSleep", [.tlfs6Header]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0086, .simple, [
            ("HvCallPrepareForHibernate", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0087, .simple, [
            ("HvCallNotifyPartitionEvent", [.windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_NOTIFY_PARTITION_EVENT", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root; openvmm hvdef HypercallCode HvCallNotifyPartitionEvent 0x0087; OHCL hvgdk_mini.h HVCALL_NOTIFY_PARTITION_EVENT (definitions only)"),
        CatalogRow(0x0088, .simple, [
            ("HvCallGetLogicalProcessorRegisters", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0089, .simple, [
            ("HvCallSetLogicalProcessorRegisters", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x008A, .simple, [
            ("HvCallQueryAssociatedLpsForMca", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallQueryAssociatedLpsforMca", [.tlfs6Header]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x008B, .simple, fast: .yes, [
            ("HvCallNotifyPortRingEmpty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallNotifyRingEmpty", [.tlfs6Header]),
            ("HVCALL_NOTIFY_PORT_RING_EMPTY", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall8(HVCALL_NOTIFY_PORT_RING_EMPTY, input.as_uint64)"),
        CatalogRow(0x008C, .simple, [
            ("HvCallInjectSyntheticMachineCheck", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x008D, .simple, [
            ("HvCallScrubPartition", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SCRUB_PARTITION", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x008E, .simple, [
            ("HvCallCollectLivedump", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x008F, .simple, [
            ("HvCallLaunchHypervisor", [.windowsSymbols]),
            ("HvCallDisableHypervisor", [.tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0090, .rep, page: "HvCallModifySparseGpaPages", [
            ("HvCallModifySparseGpaPages", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header simple, usage rep; tlfs-6.0b-header tags: Root; TLFS tlfs/hypercalls/HvCallModifySparseGpaPages.md 0x0090 (Rep)"),
        CatalogRow(0x0091, .simple, page: "HvCallRegisterInterceptResult", [
            ("HvCallRegisterInterceptResult", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_REGISTER_INTERCEPT_RESULT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; TLFS tlfs/hypercalls/HvCallRegisterInterceptResult.md 0x0091 (Simple), Parameters at offset 16 listed as Variable size; in linux drivers/hv/mshv_root_main.c passthru list"),
        CatalogRow(0x0092, .simple, page: "HvCallUnregisterInterceptResult", [
            ("HvCallUnregisterInterceptResult", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; TLFS tlfs/hypercalls/HvCallUnregisterInterceptResult.md 0x0092 (Simple), Parameters Variable"),
        CatalogRow(0x0093, .unknown, [
            ("HvCallGetCoverageData", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved0093", [.tlfs6Header]),
        ]),
        CatalogRow(0x0094, .simple, varHeader: .no, page: "HvCallAssertVirtualInterrupt", [
            ("HvCallAssertVirtualInterrupt", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_ASSERT_VIRTUAL_INTERRUPT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallAssertVirtualInterrupt.md 0x0094 (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<AssertVirtualInterrupt,(),..>; linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_ASSERT_VIRTUAL_INTERRUPT, input, NULL)"),
        CatalogRow(0x0095, .simple, page: "HvCallCreatePort", [
            ("HvCallCreatePort", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_CREATE_PORT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; TLFS tlfs/hypercalls/HvCallCreatePort.md 0x0095 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_CREATE_PORT, input, NULL)"),
        CatalogRow(0x0096, .simple, page: "HvCallConnectPort", [
            ("HvCallConnectPort", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_CONNECT_PORT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Root; TLFS tlfs/hypercalls/HvCallConnectPort.md 0x0096 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_CONNECT_PORT, input, NULL)"),
        CatalogRow(0x0097, .simple, [
            ("HvCallGetSpaPageList", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Root"),
        CatalogRow(0x0098, .unknown, [
            ("HvCallReserved0098", [.windowsSymbols, .tlfs6Header]),
            ("HvCallArm64GetStartStub", [.mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0099, .simple, varHeader: .no, page: "HvCallStartVirtualProcessor", [
            ("HvCallStartVirtualProcessor", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_START_VP", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallStartVirtualProcessor.md 0x0099 (Simple), 16+224-byte input; openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<StartVirtualProcessorX64/Arm64,(),..>; linux arch/x86/hyperv/hv_vtl.c + ivm.c hv_do_hypercall(HVCALL_START_VP, input, NULL)"),
        CatalogRow(0x009A, .rep, varHeader: .no, page: "HvCallGetVpIndexFromApicId", [
            ("HvCallGetVpIndexFromApicId", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_GET_VP_ID_FROM_APIC_ID", [.linux, .linuxAsmGeneric]),
            ("HVCALL_GET_VP_INDEX_FROM_APIC_ID", [.linux]),
        ], evidence: "shape: tlfs-page rep, tlfs-reference rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Public | Rep; TLFS tlfs/hypercalls/HvCallGetVpIndexFromApicId.md 0x009A (Rep); openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<GetVpIndexFromApicId,u32,u32,..>; linux arch/x86/hyperv/hv_vtl.c control = HV_HYPERCALL_REP_COMP_1 | HVCALL_GET_VP_ID_FROM_APIC_ID"),
        CatalogRow(0x009B, .unknown, [
            ("HvCallGetPowerProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved009b", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x009C, .unknown, [
            ("HvCallSetPowerProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved009c", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x009D, .unknown, [
            ("HvCallCreatePasidSpace", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved009d", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x009E, .unknown, [
            ("HvCallDeletePasidSpace", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved009e", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x009F, .unknown, [
            ("HvCallSetPasidAddressSpace", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved009f", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A0, .unknown, [
            ("HvCallFlushPasidAddressSpace", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a0", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A1, .unknown, [
            ("HvCallFlushPasidAddressList", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a1", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A2, .unknown, [
            ("HvCallAttachPasidSpace", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a2", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A3, .unknown, [
            ("HvCallDetachPasidSpace", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a3", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A4, .unknown, [
            ("HvCallEnablePasid", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a4", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A5, .unknown, [
            ("HvCallDisablePasid", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a5", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A6, .unknown, [
            ("HvCallAcknowledgeDevicePageRequest", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a6", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A7, .unknown, [
            ("HvCallCreateDevicePrQueue", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a7", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A8, .unknown, [
            ("HvCallDeleteDevicePrQueue", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a8", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00A9, .unknown, [
            ("HvCallSetDevicePrqProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00a9", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00AA, .unknown, [
            ("HvCallGetPhysicalDeviceProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00aa", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00AB, .unknown, [
            ("HvCallSetPhysicalDeviceProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00ab", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00AC, .simple, varHeader: .no, page: "HvCallTranslateVirtualAddressEx", [
            ("HvCallTranslateVirtualAddressEx", [.tlfsPage, .windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HvCallReserved00ac", [.tlfs6Header]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Reserved; TLFS tlfs/hypercalls/HvCallTranslateVirtualAddressEx.md 0x00AC (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall (HvX64TranslateVirtualAddressEx / HvAarch64TranslateVirtualAddressEx); linux mshv (excerpt) hv_do_hypercall(HVCALL_TRANSLATE_VIRTUAL_ADDRESS_EX, input, output)"),
        CatalogRow(0x00AD, .simple, page: "HvCallCheckForIoIntercept", [
            ("HvCallCheckForIoIntercept", [.tlfsPage, .windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HvCallReserved00ad", [.tlfs6Header]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Reserved; TLFS tlfs/hypercalls/HvCallCheckForIoIntercept.md 0x00AD (Simple)"),
        CatalogRow(0x00AE, .unknown, [
            ("HvCallSetGpaPageAttributes", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00ae", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x00AF, .simple, page: "HvCallFlushGuestPhysicalAddressSpace", [
            ("HvCallFlushGuestPhysicalAddressSpace", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_SPACE", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public | Nested; TLFS tlfs/hypercalls/HvCallFlushGuestPhysicalAddressSpace.md 0x00AF (Simple); linux arch/x86/hyperv/nested.c hv_do_hypercall(HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_SPACE, flush, NULL)"),
        CatalogRow(0x00B0, .rep, page: "HvCallFlushGuestPhysicalAddressList", [
            ("HvCallFlushGuestPhysicalAddressList", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_LIST", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page rep, tlfs-reference rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Public | Rep | Nested; TLFS tlfs/hypercalls/HvCallFlushGuestPhysicalAddressList.md 0x00B0 (Rep); linux arch/x86/hyperv/nested.c hv_do_rep_hypercall(HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_LIST, gpa_n, 0, flush, NULL)"),
        CatalogRow(0x00B1, .unknown, [
            ("HvCallCreateDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b1", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B2, .unknown, [
            ("HvCallAttachDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b2", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B3, .unknown, [
            ("HvCallMapDeviceGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b3", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B4, .unknown, [
            ("HvCallUnmapDeviceGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b4", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B5, .unknown, [
            ("HvCallCreateCpuGroup", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b5", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B6, .unknown, [
            ("HvCallDeleteCpuGroup", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b6", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B7, .unknown, [
            ("HvCallGetCpuGroupProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b7", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B8, .unknown, [
            ("HvCallSetCpuGroupProperty", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b8", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00B9, .unknown, [
            ("HvCallGetCpuGroupAffinity", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00b9", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00BA, .unknown, [
            ("HvCallGetNextCpuGroup", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00ba", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00BB, .unknown, [
            ("HvCallGetNextCpuGroupPartition", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00bb", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00BC, .unknown, [
            ("HvCallAddPhysicalMemory", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00bc", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00BD, .unknown, [
            ("HvCallCompleteIntercept", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00bd", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00BE, .unknown, [
            ("HvCallPrecommitGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00be", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00BF, .unknown, [
            ("HvCallUncommitGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00bf", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
    ]
}
