// The call-code catalog, 0x0000–0x005F: address spaces, VTLs, partitions, VPs, ports.
// One row per code; each spelling lists every source that uses it (see NameSource for the files read).
// Generated once from the sources listed in docs/catalog.md and maintained by hand since.

extension CatalogRow {
    static let rows0000: [CatalogRow] = [
        CatalogRow(0x0000, .unknown, [
            ("HvCallReserved0000", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x0001, .simple, fast: .yes, [
            ("HvCallSwitchVirtualAddressSpace", [.tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public | Fast; TLFS tlfs/hypercalls/overview.md: 0x0001 Simple; openvmm hvdef HypercallCode only (no handler)"),
        CatalogRow(0x0002, .simple, varHeader: .no, fast: .yes, page: "HvCallFlushVirtualAddressSpace", [
            ("HvCallFlushVirtualAddressSpace", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallFlushVirtualAddressSpace.md 0x0002 (Simple), 24-byte input; openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<FlushVirtualAddressSpace,(),..> (non-variable => var header rejected); linux arch/x86/hyperv/mmu.c hv_do_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE, flush, NULL); linux arch/x86/kvm/hyperv.c: var_cnt->INVALID_HYPERCALL_INPUT, rep->INVALID_HYPERCALL_INPUT, listed in is_xmm_fast_hypercall (fast accepted)"),
        CatalogRow(0x0003, .rep, varHeader: .no, fast: .yes, page: "HvCallFlushVirtualAddressList", [
            ("HvCallFlushVirtualAddressList", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HvCalFlushVirtualAddressList", [.tlfsReference]),
            ("HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page rep, tlfs-reference rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Public | Rep; TLFS tlfs/hypercalls/HvCallFlushVirtualAddressList.md 0x0003 (Rep), 24-byte header + 8-byte GvaRange elements; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<FlushVirtualAddressSpace,HvGvaRange,(),..>; linux arch/x86/hyperv/mmu.c hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST, gva_n, 0, flush, NULL); KVM arch/x86/kvm/hyperv.c (version read, see md): var_cnt->INVALID_INPUT, !rep_cnt||rep_idx->INVALID_INPUT, XMM-fast accepted"),
        CatalogRow(0x0004, .unknown, [
            ("HvCallGetLogicalProcessorRunTime", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "microsoft/OHCL-Linux-Kernel include/hyperv/hvgdk_mini.h HVCALL_GET_LOGICAL_PROCESSOR_RUN_TIME 0x0004 (definition only)"),
        CatalogRow(0x0005, .unknown, [
            ("HvCallUpdateHvProcessorFeatures", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallDeprecated0005", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0006, .unknown, [
            ("HvCallSwitchAliasMap", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallDeprecated0006", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0007, .unknown, [
            ("HvCallUpdateMicrocode", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallDeprecated0007", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0008, .simple, varHeader: .no, fast: .yes, page: "HvCallNotifyLongSpinWait", [
            ("HvCallNotifyLongSpinWait", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_NOTIFY_LONG_SPIN_WAIT", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public | Fast; TLFS tlfs/hypercalls/HvCallNotifyLongSpinWait.md 0x0008 (Simple), 8-byte input, only SUCCESS returned; KVM arch/x86/kvm/hyperv.c (version read, see md): rep||var_cnt -> INVALID_HYPERCALL_INPUT"),
        CatalogRow(0x0009, .unknown, [
            ("HvCallParkedVirtualProcessors", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ]),
        CatalogRow(0x000A, .unknown, [
            ("HvCallInvokeHypervisorDebugger", [.windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented; openvmm vm/hv1/hvdef/src/lib.rs HypercallCode only"),
        CatalogRow(0x000B, .simple, varHeader: .no, fast: .yes, page: "HvCallSendSyntheticClusterIpi", [
            ("HvCallSendSyntheticClusterIpi", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SEND_IPI", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallSendSyntheticClusterIpi.md 0x000b (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<SendSyntheticClusterIpi,(),..>; linux arch/x86/hyperv/hv_apic.c hv_do_fast_hypercall16(HVCALL_SEND_IPI, vector, cpu_mask); KVM arch/x86/kvm/hyperv.c (version read, see md): var_cnt->INVALID_INPUT, rep->INVALID_INPUT"),
        CatalogRow(0x000C, .rep, varHeader: .no, page: "HvCallModifyVtlProtectionMask", [
            ("HvCallModifyVtlProtectionMask", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page rep, tlfs-reference rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Public | Rep; TLFS tlfs/hypercalls/HvCallModifyVtlProtectionMask.md 0x000C (Rep), 16-byte header + 8-byte GPA page elements; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<ModifyVtlProtectionMask,u64,(),..>; openvmm openhcl/openhcl_boot/src/hypercall.rs dispatch_hvcall(HvCallModifyVtlProtectionMask, Some(count))"),
        CatalogRow(0x000D, .simple, varHeader: .no, page: "HvCallEnablePartitionVtl", [
            ("HvCallEnablePartitionVtl", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallEnablePartitionVtl.md 0x000D (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<EnablePartitionVtl,(),..>"),
        CatalogRow(0x000E, .simple, [
            ("HvCallDisablePartitionVtl", [.tlfsReference, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/overview.md (version f4143a4e): 0x000e Simple"),
        CatalogRow(0x000F, .simple, varHeader: .no, page: "HvCallEnableVpVtl", [
            ("HvCallEnableVpVtl", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_ENABLE_VP_VTL", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallEnableVpVtl.md 0x000F (Simple), 16+224-byte input; openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<EnableVpVtlX64/EnableVpVtlArm64,(),..>; linux arch/x86/hyperv/hv_vtl.c hv_do_hypercall(HVCALL_ENABLE_VP_VTL, input, NULL); openhcl_boot hypercall.rs dispatch_hvcall(HvCallEnableVpVtl, None)"),
        CatalogRow(0x0010, .simple, [
            ("HvCallDisableVpVtl", [.tlfsReference, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/overview.md (version f4143a4e): 0x0010 Simple"),
        CatalogRow(0x0011, .simple, varHeader: .no, fast: .no, vtl: .call, page: "HvCallVtlCall", [
            ("HvCallVtlCall", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallVtlCall.md 0x0011 (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: VtlHypercall<HvCallVtlCall> - control must be 0 apart from code and input (RAX on x64) must be 0, else #UD (so fast/var/rep bits must be 0 in OpenVMM); tlfs vsm.md: all VTL call control bits reserved"),
        CatalogRow(0x0012, .simple, varHeader: .no, fast: .no, vtl: .`return`, page: "HvCallVtlReturn", [
            ("HvCallVtlReturn", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallVtlReturn.md 0x0012 (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: VtlHypercall<HvCallVtlReturn> - control must be 0 apart from code; input & !1 == 0 (bit0 = fast return), else #UD; tlfs vsm.md: VTL return input bit0 Fast return, 63:1 RsvdZ"),
        CatalogRow(0x0013, .simple, varHeader: .yes, fast: .yes, page: "HvCallFlushVirtualAddressSpaceEx", [
            ("HvCallFlushVirtualAddressSpaceEx", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallFlushVirtualAddressSpaceEx.md 0x0013 (Simple), ProcessorSet size Variable; openvmm vm/hv1/hv1_hypercall/src/imp.rs: VariableHypercall<FlushVirtualAddressSpaceEx,(),..>; linux arch/x86/hyperv/mmu.c hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX, 0, nr_bank, flush, NULL); KVM arch/x86/kvm/hyperv.c (version read, see md): rep->INVALID_INPUT, in is_xmm_fast_hypercall"),
        CatalogRow(0x0014, .rep, varHeader: .yes, fast: .yes, page: "HvCallFlushVirtualAddressListEx", [
            ("HvCallFlushVirtualAddressListEx", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page rep, tlfs-reference rep, tlfs-6.0b-header simple, usage rep; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallFlushVirtualAddressListEx.md 0x0014 (Rep), ProcessorSet Variable + 8-byte GvaRange elements; openvmm vm/hv1/hv1_hypercall/src/imp.rs: VariableRepHypercall<FlushVirtualAddressSpaceEx,HvGvaRange,(),..>; linux arch/x86/hyperv/mmu.c hv_do_rep_hypercall(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX, gva_n, nr_bank, flush, NULL); KVM arch/x86/kvm/hyperv.c (version read, see md): !rep_cnt||rep_idx->INVALID_INPUT, in is_xmm_fast_hypercall"),
        CatalogRow(0x0015, .simple, varHeader: .yes, page: "HvCallSendSyntheticClusterIpiEx", [
            ("HvCallSendSyntheticClusterIpiEx", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SEND_IPI_EX", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallSendSyntheticClusterIpiEx.md 0x0015 (Simple), ProcessorSet Variable; openvmm vm/hv1/hv1_hypercall/src/imp.rs: VariableHypercall<SendSyntheticClusterIpiEx,(),..>; linux arch/x86/hyperv/hv_apic.c hv_do_rep_hypercall(HVCALL_SEND_IPI_EX, 0, nr_bank, ipi_arg, NULL); KVM arch/x86/kvm/hyperv.c (version read, see md): rep->INVALID_INPUT"),
        CatalogRow(0x0016, .unknown, [
            ("HvCallQueryImageInfo", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved0016", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0017, .unknown, [
            ("HvCallMapImagePages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved0017", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0018, .unknown, [
            ("HvCallCommitPatch", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved0018", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0019, .unknown, [
            ("HvCallSyncContext", [.windowsSymbols]),
            ("HvCallReserved0019", [.tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x001A, .unknown, [
            ("HvCallSyncContextEx", [.windowsSymbols]),
            ("HvCallReserved001a", [.tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x001B, .unknown, [
            ("HvCallSetPerfRegister", [.windowsSymbols]),
            ("HvCallReserved001b", [.tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x001C, .unknown, [
            ("HvCallGetPerfRegister", [.windowsSymbols]),
            ("HvCallReserved001c", [.tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x001D, .unknown, [
            ("HvCallFlushCache", [.windowsSymbols]),
            ("HvCallReserved001d", [.tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x001E, .unknown, [
            ("HvCallReserved001e", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x001F, .unknown, [
            ("HvCallReserved001f", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0020, .unknown, [
            ("HvCallReserved0020", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0021, .unknown, [
            ("HvCallReserved0021", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0022, .unknown, [
            ("HvCallReserved0022", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0023, .unknown, [
            ("HvCallReserved0023", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0024, .unknown, [
            ("HvCallReserved0024", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0025, .unknown, [
            ("HvCallReserved0025", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0026, .unknown, [
            ("HvCallReserved0026", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0027, .unknown, [
            ("HvCallReserved0027", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0028, .unknown, [
            ("HvCallReserved0028", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0029, .unknown, [
            ("HvCallReserved0029", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x002A, .unknown, [
            ("HvCallReserved002a", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x002B, .unknown, [
            ("HvCallReserved002b", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x002C, .unknown, [
            ("HvCallReserved002c", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x002D, .unknown, [
            ("HvCallReserved002d", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x002E, .unknown, [
            ("HvCallReserved002e", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x002F, .unknown, [
            ("HvCallReserved002f", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0030, .unknown, [
            ("HvCallReserved0030", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0031, .unknown, [
            ("HvCallReserved0031", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0032, .unknown, [
            ("HvCallReserved0032", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0033, .unknown, [
            ("HvCallReserved0033", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0034, .unknown, [
            ("HvCallReserved0034", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0035, .unknown, [
            ("HvCallReserved0035", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0036, .unknown, [
            ("HvCallReserved0036", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0037, .unknown, [
            ("HvCallReserved0037", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0038, .unknown, [
            ("HvCallReserved0038", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0039, .unknown, [
            ("HvCallReserved0039", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x003A, .unknown, [
            ("HvCallReserved003a", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x003B, .unknown, [
            ("HvCallReserved003b", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x003C, .unknown, [
            ("HvCallReserved003c", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x003D, .unknown, [
            ("HvCallReserved003d", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x003E, .unknown, [
            ("HvCallReserved003e", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x003F, .unknown, [
            ("HvCallReserved003f", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Reserved"),
        CatalogRow(0x0040, .simple, page: "HvCallCreatePartition", [
            ("HvCallCreatePartition", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_CREATE_PARTITION", [.linux]),
        ], evidence: "shape: tlfs-page simple, usage simple; TLFS tlfs/hypercalls/HvCallCreatePartition.md 0x0040 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_CREATE_PARTITION, input, output)"),
        CatalogRow(0x0041, .simple, fast: .yes, page: "HvCallInitializePartition", [
            ("HvCallInitializePartition", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_INITIALIZE_PARTITION", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Fast; TLFS tlfs/hypercalls/HvCallInitializePartition.md 0x0041 (Simple), 8-byte input; linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall8(HVCALL_INITIALIZE_PARTITION, ...)"),
        CatalogRow(0x0042, .simple, fast: .yes, page: "HvCallFinalizePartition", [
            ("HvCallFinalizePartition", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_FINALIZE_PARTITION", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Fast; TLFS tlfs/hypercalls/HvCallFinalizePartition.md 0x0042 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall8(HVCALL_FINALIZE_PARTITION, ...)"),
        CatalogRow(0x0043, .simple, fast: .yes, page: "HvCallDeletePartition", [
            ("HvCallDeletePartition", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_DELETE_PARTITION", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Fast; TLFS tlfs/hypercalls/HvCallDeletePartition.md 0x0043 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall8(HVCALL_DELETE_PARTITION, ...)"),
        CatalogRow(0x0044, .simple, page: "HvCallGetPartitionProperty", [
            ("HvCallGetPartitionProperty", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_GET_PARTITION_PROPERTY", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Root; TLFS tlfs/hypercalls/HvCallGetPartitionProperty.md 0x0044 (Simple); linux drivers/hv/mshv_common.c hv_do_hypercall(HVCALL_GET_PARTITION_PROPERTY, input, output)"),
        CatalogRow(0x0045, .simple, page: "HvCallSetPartitionProperty", [
            ("HvCallSetPartitionProperty", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SET_PARTITION_PROPERTY", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Root; TLFS tlfs/hypercalls/HvCallSetPartitionProperty.md 0x0045 (Simple); linux mshv (excerpt) hv_do_hypercall(HVCALL_SET_PARTITION_PROPERTY, input, NULL), may return HV_STATUS_CALL_PENDING (async per drivers/hv/mshv_root_main.c mshv_hvcall_is_async)"),
        CatalogRow(0x0046, .simple, [
            ("HvCallGetPartitionId", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_GET_PARTITION_ID", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: usage simple; linux drivers/hv/hv_common.c hv_do_hypercall(HVCALL_GET_PARTITION_ID, NULL, &output) (no rep count; output only); no TLFS page read"),
        CatalogRow(0x0047, .simple, page: "HvCallGetNextChildPartition", [
            ("HvCallGetNextChildPartition", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent; TLFS tlfs/hypercalls/HvCallGetNextChildPartition.md 0x0047 (Simple)"),
        CatalogRow(0x0048, .rep, page: "HvCallDepositMemory", [
            ("HvCallDepositMemory", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_DEPOSIT_MEMORY", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Parent | Root | Rep; TLFS tlfs/hypercalls/HvCallDepositMemory.md 0x0048 (Rep), 8-byte header + 8-byte page elements; linux drivers/hv/hv_proc.c hv_do_rep_hypercall(HVCALL_DEPOSIT_MEMORY, page_count, 0, input_page, NULL)"),
        CatalogRow(0x0049, .rep, page: "HvCallWithdrawMemory", [
            ("HvCallWithdrawMemory", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_WITHDRAW_MEMORY", [.linux]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Parent | Root | Rep; TLFS tlfs/hypercalls/HvCallWithdrawMemory.md 0x0049 (Rep), 16-byte header, 8-byte output elements; linux drivers/hv/mshv_root_hv_call.c hv_do_rep_hypercall(HVCALL_WITHDRAW_MEMORY, n, 0, input_page, output_page)"),
        CatalogRow(0x004A, .simple, page: "HvCallGetMemoryBalance", [
            ("HvCallGetMemoryBalance", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Root; TLFS tlfs/hypercalls/HvCallGetMemoryBalance.md 0x004A (Simple)"),
        CatalogRow(0x004B, .rep, page: "HvCallMapGpaPages", [
            ("HvCallMapGpaPages", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_MAP_GPA_PAGES", [.linux]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Parent | Root | Rep; TLFS tlfs/hypercalls/HvCallMapGpaPages.md 0x004B (Rep), 24-byte header + 8-byte elements; linux drivers/hv/mshv_root_hv_call.c hv_do_rep_hypercall(HVCALL_MAP_GPA_PAGES, rep_count, 0, input_page, NULL)"),
        CatalogRow(0x004C, .rep, page: "HvCallUnmapGpaPages", [
            ("HvCallUnmapGpaPages", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_UNMAP_GPA_PAGES", [.linux]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Parent | Rep; TLFS tlfs/hypercalls/HvCallUnmapGpaPages.md 0x004C (Rep), header only (rep count = pages); linux drivers/hv/mshv_root_hv_call.c hv_do_rep_hypercall(HVCALL_UNMAP_GPA_PAGES, rep_count, 0, input_page, NULL)"),
        CatalogRow(0x004D, .simple, varHeader: .no, page: "HvCallInstallIntercept", [
            ("HvCallInstallIntercept", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_INSTALL_INTERCEPT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent; TLFS tlfs/hypercalls/HvCallInstallIntercept.md 0x004d (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<InstallIntercept,(),..>; linux mshv (excerpt) hv_do_hypercall(HVCALL_INSTALL_INTERCEPT, input, NULL)"),
        CatalogRow(0x004E, .simple, page: "HvCallCreateVp", [
            ("HvCallCreateVp", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_CREATE_VP", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent; TLFS tlfs/hypercalls/HvCallCreateVp.md 0x004e (Simple); linux drivers/hv/hv_proc.c hv_do_hypercall(HVCALL_CREATE_VP, input, NULL)"),
        CatalogRow(0x004F, .simple, fast: .yes, page: "HvCallDeleteVp", [
            ("HvCallDeleteVp", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_DELETE_VP", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Fast; TLFS tlfs/hypercalls/HvCallDeleteVp.md 0x004f (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall16(HVCALL_DELETE_VP, ...)"),
        CatalogRow(0x0050, .rep, varHeader: .no, fast: .yes, page: "HvCallGetVpRegisters", [
            ("HvCallGetVpRegisters", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_GET_VP_REGISTERS", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Public | Rep; TLFS tlfs/hypercalls/HvCallGetVpRegisters.md 0x0050 (Rep), 16-byte header, 4-byte name elements, 16-byte value output elements; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<GetSetVpRegisters,HvRegisterName,HvRegisterValue,..>; linux drivers/hv/mshv_common.c hv_do_rep_hypercall(HVCALL_GET_VP_REGISTERS, rep_count, 0, ...); linux arch/arm64/hyperv/hv_core.c HVCALL_GET_VP_REGISTERS|HV_HYPERCALL_FAST_BIT|HV_HYPERCALL_REP_COMP_1 (fast, rep 1); openvmm openhcl/minimal_rt/src/arch/aarch64/hypercall.rs get_register_fast (fast, rep 1)"),
        CatalogRow(0x0051, .rep, varHeader: .no, fast: .yes, page: "HvCallSetVpRegisters", [
            ("HvCallSetVpRegisters", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SET_VP_REGISTERS", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page rep, tlfs-6.0b-header rep, usage rep; tlfs-6.0b-header tags: Public | Rep; TLFS tlfs/hypercalls/HvCallSetVpRegisters.md 0x0051 (Rep), 16-byte header, 32-byte elements; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<GetSetVpRegisters,HvRegisterAssoc,(),..>; linux drivers/hv/mshv_common.c hv_do_rep_hypercall(HVCALL_SET_VP_REGISTERS, rep_count, 0, ...); linux arch/arm64/hyperv/hv_core.c hv_set_vpreg: SET_VP_REGISTERS|FAST|REP_COMP_1; openvmm minimal_rt aarch64 set_register_fast; openhcl_boot dispatch_hvcall(HvCallSetVpRegisters, Some(1))"),
        CatalogRow(0x0052, .simple, varHeader: .no, page: "HvCallTranslateVirtualAddress", [
            ("HvCallTranslateVirtualAddress", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_TRANSLATE_VIRTUAL_ADDRESS", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallTranslateVirtualAddress.md 0x0052 (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<TranslateVirtualAddressX64,TranslateVirtualAddressOutput,..>; linux mshv (excerpt) hv_do_hypercall(HVCALL_TRANSLATE_VIRTUAL_ADDRESS, input, output); KVM arch/x86/kvm/hyperv.c (version read, see md): rep_cnt -> INVALID_INPUT"),
        CatalogRow(0x0053, .simple, [
            ("HvCallReadGpa", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent"),
        CatalogRow(0x0054, .simple, [
            ("HvCallWriteGpa", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent"),
        CatalogRow(0x0055, .simple, [
            ("HvCallAssertVirtualInterruptDeprecated", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent"),
        CatalogRow(0x0056, .simple, fast: .yes, [
            ("HvCallClearVirtualInterrupt", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_CLEAR_VIRTUAL_INTERRUPT", [.linux]),
        ], evidence: "shape: tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Fast; linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall8(HVCALL_CLEAR_VIRTUAL_INTERRUPT, partition_id)"),
        CatalogRow(0x0057, .simple, [
            ("HvCallCreatePortDeprecated", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent | Root"),
        CatalogRow(0x0058, .simple, fast: .yes, page: "HvCallDeletePort", [
            ("HvCallDeletePort", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_DELETE_PORT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Root | Fast; TLFS tlfs/hypercalls/HvCallDeletePort.md 0x0058 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall16(HVCALL_DELETE_PORT, ...)"),
        CatalogRow(0x0059, .simple, [
            ("HvCallConnectPortDeprecated", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent | Root"),
        CatalogRow(0x005A, .simple, [
            ("HvCallGetPortProperty", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent | Root"),
        CatalogRow(0x005B, .simple, fast: .yes, page: "HvCallDisconnectPort", [
            ("HvCallDisconnectPort", [.tlfsPage, .windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_DISCONNECT_PORT", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Parent | Root | Fast; TLFS tlfs/hypercalls/HvCallDisconnectPort.md 0x005b (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_fast_hypercall16(HVCALL_DISCONNECT_PORT, ...)"),
        CatalogRow(0x005C, .simple, varHeader: .no, page: "HvCallPostMessage", [
            ("HvCallPostMessage", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HvPostMessage", [.tlfsReference]),
            ("HVCALL_POST_MESSAGE", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public; TLFS tlfs/hypercalls/HvCallPostMessage.md 0x005C (Simple), input 16+240=256 bytes (> 112-byte XMM fast limit in hypercall-interface.md => derived: cannot be fast); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<PostMessage,(),..>; linux drivers/hv/hv.c hv_do_hypercall(HVCALL_POST_MESSAGE, aligned_msg, NULL); KVM arch/x86/kvm/hyperv.c (version read, see md): rep||var_cnt -> INVALID_INPUT"),
        CatalogRow(0x005D, .simple, varHeader: .no, fast: .yes, page: "HvCallSignalEvent", [
            ("HvCallSignalEvent", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_SIGNAL_EVENT", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: tlfs-page simple, tlfs-6.0b-header simple, usage simple; tlfs-6.0b-header tags: Public | Fast; TLFS tlfs/hypercalls/HvCallSignalEvent.md 0x005D (Simple), 8-byte input; openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<SignalEvent,(),..>; linux drivers/hv/connection.c hv_do_fast_hypercall8(HVCALL_SIGNAL_EVENT, channel->sig_event); KVM arch/x86/kvm/hyperv.c (version read, see md): rep||var_cnt -> INVALID_INPUT"),
        CatalogRow(0x005E, .simple, [
            ("HvCallSavePartitionState", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent | Root"),
        CatalogRow(0x005F, .simple, [
            ("HvCallRestorePartitionState", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
        ], evidence: "shape: tlfs-6.0b-header simple; tlfs-6.0b-header tags: Parent | Root"),
    ]
}
