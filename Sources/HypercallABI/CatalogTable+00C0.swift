// The call-code catalog, 0x00C0–0x0131: direct SynIC calls, GPA access, VP state, newer calls.
// One row per code; each spelling lists every source that uses it (see NameSource for the files read).
// Generated once from the sources listed in docs/catalog.md and maintained by hand since.

extension CatalogRow {
    static let rows00C0: [CatalogRow] = [
        CatalogRow(0x00C0, .simple, varHeader: .no, page: "HvCallSignalEventDirect", [
            ("HvCallSignalEventDirect", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HvCallConfigureVirtualInterruptLine", [.mileGuestInterface]),
            ("HVCALL_SIGNAL_EVENT_DIRECT", [.linux]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Undocumented; TLFS tlfs/hypercalls/HvCallSignalEventDirect.md 0x00C0 (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<SignalEventDirect,SignalEventDirectOutput,..>; linux mshv (excerpt) hv_do_hypercall(HVCALL_SIGNAL_EVENT_DIRECT, in, out)"),
        CatalogRow(0x00C1, .simple, varHeader: .no, page: "HvCallPostMessageDirect", [
            ("HvCallPostMessageDirect", [.tlfsPage, .windowsSymbols, .openvmm, .tlfs6Header, .mileGuestInterface]),
            ("HvCallSetVirtualInterruptLineState", [.mileGuestInterface]),
            ("HVCALL_POST_MESSAGE_DIRECT", [.linux]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Undocumented; TLFS tlfs/hypercalls/HvCallPostMessageDirect.md 0x00C1 (Simple); openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<PostMessageDirect,(),..>; linux mshv (excerpt) hv_do_hypercall(HVCALL_POST_MESSAGE_DIRECT, in, NULL)"),
        CatalogRow(0x00C2, .simple, [
            ("HvCallDispatchVp", [.windowsSymbols, .tlfs6Header, .mileGuestInterface]),
            ("HVCALL_DISPATCH_VP", [.linux]),
        ], evidence: "shape: usage simple; tlfs-6.0b-header tags: Undocumented; linux drivers/hv/mshv_root_main.c hv_do_hypercall(HVCALL_DISPATCH_VP, input, output)"),
        CatalogRow(0x00C3, .unknown, [
            ("HvCallProcessIommuPrq", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00c3", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00C4, .unknown, [
            ("HvCallDetachDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00c4", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00C5, .unknown, [
            ("HvCallDeleteDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00c5", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00C6, .unknown, [
            ("HvCallQueryDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00c6", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00C7, .unknown, [
            ("HvCallMapSparseDeviceGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00c7", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00C8, .unknown, [
            ("HvCallUnmapSparseDeviceGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00c8", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00C9, .rep, [
            ("HvCallGetGpaPagesAccessState", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallGetGpaPagesAccessStates", [.tlfs6Header]),
            ("HVCALL_GET_GPA_PAGES_ACCESS_STATES", [.linux]),
        ], evidence: "shape: usage rep; tlfs-6.0b-header tags: Undocumented; linux drivers/hv/mshv_root_hv_call.c hv_do_rep_hypercall(HVCALL_GET_GPA_PAGES_ACCESS_STATES, rep_count, 0, input_page, output_page)"),
        CatalogRow(0x00CA, .unknown, [
            ("HvCallGetSparseGpaPagesAccessState", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00ca", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00CB, .unknown, [
            ("HvCallInvokeTestFramework", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00cb", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00CC, .unknown, [
            ("HvCallQueryVtlProtectionMaskRange", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00cc", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00CD, .unknown, [
            ("HvCallModifyVtlProtectionMaskRange", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00cd", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00CE, .unknown, [
            ("HvCallConfigureDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00ce", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00CF, .unknown, [
            ("HvCallQueryDeviceDomainProperties", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00cf", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D0, .unknown, [
            ("HvCallFlushDeviceDomain", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d0", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D1, .unknown, [
            ("HvCallFlushDeviceDomainList", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d1", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D2, .unknown, [
            ("HvCallAcquireSparseGpaPageHostAccess", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d2", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D3, .unknown, [
            ("HvCallReleaseSparseGpaPageHostAccess", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d3", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D4, .unknown, [
            ("HvCallCheckSparseGpaPageVtlAccess", [.windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HvCallReserved00d4", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented; openvmm hvdef HypercallCode + hypercall::CheckSparseGpaPageVtlAccess struct; no dispatcher declaration found in imp.rs"),
        CatalogRow(0x00D5, .unknown, [
            ("HvCallReserved00d5", [.windowsSymbols, .tlfs6Header]),
            ("HvCallEnableDeviceInterrupt", [.mileGuestInterface]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D6, .unknown, [
            ("HvCallFlushTlb", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d6", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00D7, .rep, [
            ("HvCallAcquireSparseSpaPageHostAccess", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d7", [.tlfs6Header]),
            ("HVCALL_ACQUIRE_SPARSE_SPA_PAGE_HOST_ACCESS", [.linux]),
        ], evidence: "shape: usage rep; tlfs-6.0b-header tags: Undocumented; linux drivers/hv/mshv_root_hv_call.c hv_do_rep_hypercall(code, rep_count, 0, input_page, NULL) (hv_call_modify_spa_host_access)"),
        CatalogRow(0x00D8, .rep, [
            ("HvCallReleaseSparseSpaPageHostAccess", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00d8", [.tlfs6Header]),
            ("HVCALL_RELEASE_SPARSE_SPA_PAGE_HOST_ACCESS", [.linux]),
        ], evidence: "shape: usage rep; tlfs-6.0b-header tags: Undocumented; linux drivers/hv/mshv_root_hv_call.c hv_do_rep_hypercall(code, rep_count, 0, input_page, NULL)"),
        CatalogRow(0x00D9, .rep, varHeader: .no, [
            ("HvCallAcceptGpaPages", [.windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HvCallReserved00d9", [.tlfs6Header]),
        ], evidence: "shape: usage rep; tlfs-6.0b-header tags: Undocumented; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<AcceptGpaPages,u64,(),..>; openvmm openhcl/openhcl_boot/src/hypercall.rs dispatch_hvcall(HvCallAcceptGpaPages, Some(count))"),
        CatalogRow(0x00DA, .unknown, [
            ("HvCallUnacceptGpaPages", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00da", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00DB, .rep, varHeader: .no, [
            ("HvCallModifySparseGpaPageHostVisibility", [.windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HvCallReserved00db", [.tlfs6Header]),
            ("HVCALL_MODIFY_SPARSE_GPA_PAGE_HOST_VISIBILITY", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: usage rep; tlfs-6.0b-header tags: Undocumented; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<ModifySparsePageVisibility,u64,(),..>; linux arch/x86/hyperv/ivm.c hv_do_rep_hypercall(HVCALL_MODIFY_SPARSE_GPA_PAGE_HOST_VISIBILITY, count, 0, input, &pages_processed)"),
        CatalogRow(0x00DC, .unknown, [
            ("HvCallLockSparseGpaPageMapping", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00dc", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00DD, .unknown, [
            ("HvCallUnlockSparseGpaPageMapping", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00dd", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00DE, .unknown, [
            ("HvCallRequestProcessorHalt", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00de", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00DF, .unknown, [
            ("HvCallGetInterceptData", [.windowsSymbols, .mileGuestInterface]),
            ("HvCallReserved00df", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00E0, .unknown, [
            ("HvCallQueryDeviceInterruptTarget", [.windowsSymbols]),
            ("HvCallReserved00e0", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00E1, .simple, page: "HvCallMapVpStatePage", [
            ("HvCallMapVpStatePage", [.tlfsPage, .windowsSymbols, .tlfs6Header]),
            ("HVCALL_MAP_VP_STATE_PAGE", [.linux]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Undocumented; TLFS tlfs/hypercalls/HvCallMapVpStatePage.md 0x00E1 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_MAP_VP_STATE_PAGE, input, output)"),
        CatalogRow(0x00E2, .simple, page: "HvCallUnmapVpStatePage", [
            ("HvCallUnmapVpStatePage", [.tlfsPage, .windowsSymbols, .tlfs6Header]),
            ("HVCALL_UNMAP_VP_STATE_PAGE", [.linux]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Undocumented; TLFS tlfs/hypercalls/HvCallUnmapVpStatePage.md 0x00E2 (Simple); linux drivers/hv/mshv_root_hv_call.c hv_do_hypercall(HVCALL_UNMAP_VP_STATE_PAGE, input, NULL)"),
        CatalogRow(0x00E3, .simple, varHeader: .yes, [
            ("HvCallGetVpState", [.windowsSymbols, .tlfs6Header]),
            ("HVCALL_GET_VP_STATE", [.linux]),
        ], evidence: "shape: usage simple; tlfs-6.0b-header tags: Undocumented; linux drivers/hv/mshv_root_hv_call.c control = HVCALL_GET_VP_STATE | (page_count << HV_HYPERCALL_VARHEAD_OFFSET); hv_do_hypercall(control, input, output)"),
        CatalogRow(0x00E4, .simple, varHeader: .yes, [
            ("HvCallSetVpState", [.windowsSymbols, .tlfs6Header]),
            ("HVCALL_SET_VP_STATE", [.linux]),
        ], evidence: "shape: usage simple; tlfs-6.0b-header tags: Undocumented; linux drivers/hv/mshv_root_hv_call.c control = HVCALL_SET_VP_STATE | (varhead_sz << HV_HYPERCALL_VARHEAD_OFFSET), varhead_sz = (num_bytes+7)>>3 or page_count"),
        CatalogRow(0x00E5, .simple, page: "HvCallGetVpSetFromMda", [
            ("HvCallGetVpSetFromMda", [.tlfsPage, .windowsSymbols]),
            ("HvCallReserved00e5", [.tlfs6Header]),
        ], evidence: "shape: tlfs-page simple, usage simple; tlfs-6.0b-header tags: Undocumented; TLFS tlfs/hypercalls/HvCallGetVpSetFromMda.md 0x00E5 (Simple)"),
        CatalogRow(0x00E6, .unknown, [
            ("HvCallReserved00e6", [.windowsSymbols, .tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00E7, .unknown, [
            ("HvCallCreateIptBuffers", [.windowsSymbols]),
            ("HvCallReserved00e7", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00E8, .unknown, [
            ("HvCallDeleteIptBuffers", [.windowsSymbols]),
            ("HvCallReserved00e8", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00E9, .unknown, [
            ("HvCallControlHypervisorIptTrace", [.windowsSymbols]),
            ("HvCallReserved00e9", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00EA, .unknown, [
            ("HvCallReserveDeviceInterrupt", [.windowsSymbols]),
            ("HvCallReserved00ea", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00EB, .unknown, [
            ("HvCallPersistDevice", [.windowsSymbols]),
            ("HvCallReserved00eb", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00EC, .unknown, [
            ("HvCallUnpersistDevice", [.windowsSymbols]),
            ("HvCallReserved00ec", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00ED, .unknown, [
            ("HvCallPersistDeviceInterrupt", [.windowsSymbols]),
            ("HvCallReserved00ed", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00EE, .unknown, [
            ("HvCallRefreshPerformanceCounters", [.windowsSymbols]),
            ("HvCallReserved00ee", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00EF, .unknown, [
            ("HvCallImportIsolatedPages", [.windowsSymbols]),
            ("HvCallReserved00ef", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00F0, .unknown, [
            ("HvCallReserved00f0", [.windowsSymbols, .tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00F1, .unknown, [
            ("HvCallCompleteIsolatedImport", [.windowsSymbols]),
            ("HvCallReserved00f1", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00F2, .unknown, [
            ("HvCallIssueSnpPspGuestRequest", [.windowsSymbols]),
            ("HvCallReserved00f2", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00F3, .unknown, [
            ("HvCallRootSignalEvent", [.windowsSymbols]),
            ("HvCallReserved00f3", [.tlfs6Header]),
        ], evidence: "tlfs-6.0b-header tags: Undocumented"),
        CatalogRow(0x00F4, .rep, page: "HvCallGetVpCpuidValues", [
            ("HvCallGetVpCpuidValues", [.tlfsPage, .windowsSymbols, .tlfs6Header]),
            ("HVCALL_GET_VP_CPUID_VALUES", [.linux]),
        ], evidence: "shape: tlfs-page rep, usage rep; tlfs-6.0b-header tags: Undocumented; TLFS tlfs/hypercalls/HvCallGetVpCpuidValues.md 0x00F4 (Rep); linux mshv (excerpt) hv_do_rep_hypercall(HVCALL_GET_VP_CPUID_VALUES, 1, 0, in, out)"),
        CatalogRow(0x00F5, .unknown, [
            ("HvCallReadSystemMemory", [.windowsSymbols]),
        ]),
        CatalogRow(0x00F6, .unknown, [
            ("HvCallSetHwWatchdogConfig", [.windowsSymbols]),
        ]),
        CatalogRow(0x00F7, .unknown, [
            ("HvCallRemovePhysicalMemory", [.windowsSymbols]),
        ]),
        CatalogRow(0x00F8, .unknown, [
            ("HvCallLogHypervisorSystemConfig", [.windowsSymbols]),
        ]),
        CatalogRow(0x00F9, .unknown, [
            ("HvCallIssueNestedSnpPspRequests", [.windowsSymbols]),
        ]),
        CatalogRow(0x00FA, .unknown, [
            ("HvCallReserved00fa", [.windowsSymbols]),
        ]),
        CatalogRow(0x00FB, .unknown, [
            ("HvCallSubsumeInitializedMemory", [.windowsSymbols]),
        ]),
        CatalogRow(0x00FC, .unknown, [
            ("HvCallSubsumeVp", [.windowsSymbols]),
        ]),
        CatalogRow(0x00FD, .unknown, [
            ("HvCallDestroySubsumedContext", [.windowsSymbols]),
        ]),
        CatalogRow(0x00FE, .unknown, [
            ("HvCallWriteSysDiagEvent", [.windowsSymbols]),
        ]),
        CatalogRow(0x00FF, .unknown, [
            ("HvCallDepositMemoryMirroring", [.windowsSymbols]),
        ]),
        CatalogRow(0x0100, .unknown, [
            ("HvCallSetDeviceCapabilities", [.windowsSymbols]),
        ]),
        CatalogRow(0x0101, .unknown, [
            ("HvCallGetPartitionPropertyEx", [.windowsSymbols]),
            ("HVCALL_GET_PARTITION_PROPERTY_EX", [.linux]),
        ], evidence: "microsoft/OHCL-Linux-Kernel include/hyperv/hvgdk_mini.h HVCALL_GET_PARTITION_PROPERTY_EX 0x0101 (definition only)"),
        CatalogRow(0x0102, .unknown, [
            ("HvCallGetGpaRangesAccessState", [.windowsSymbols]),
        ]),
        CatalogRow(0x0103, .simple, varHeader: .no, page: "HvCallRestorePartitionTime", [
            ("HvCallRestorePartitionTime", [.tlfsPage, .windowsSymbols, .openvmm]),
        ], evidence: "shape: tlfs-page simple, usage simple; TLFS tlfs/hypercalls/HvCallRestorePartitionTime.md 0x0103 (Simple), 32-byte input; openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<RestorePartitionTime,(),..>"),
        CatalogRow(0x0104, .unknown, [
            ("HvCallQueryAssociatedLpsForMcaEx", [.windowsSymbols]),
        ]),
        CatalogRow(0x0105, .unknown, [
            ("HvCallQueryPartitionReservedPages", [.windowsSymbols]),
        ]),
        CatalogRow(0x0106, .simple, [
            ("HvCallMemoryMappedIoRead", [.windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HVCALL_MMIO_READ", [.linux, .linuxAsmGeneric]),
        ], evidence: "shape: usage simple; linux drivers/pci/controller/pci-hyperv.c (excerpt) hv_do_hypercall(HVCALL_MMIO_READ, in, out); openvmm HypercallCode HvCallMemoryMappedIoRead"),
        CatalogRow(0x0107, .unknown, [
            ("HvCallMemoryMappedIoWrite", [.windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HVCALL_MMIO_WRITE", [.linux, .linuxAsmGeneric]),
        ], evidence: "linux hvgdk_mini.h HVCALL_MMIO_WRITE 0x0107; openvmm HypercallCode HvCallMemoryMappedIoWrite (call site not verified)"),
        CatalogRow(0x0108, .unknown, [
            ("HvCallMapDmaRange", [.windowsSymbols]),
        ]),
        CatalogRow(0x0109, .unknown, [
            ("HvCallUnmapDmaRange", [.windowsSymbols]),
        ]),
        CatalogRow(0x010A, .simple, varHeader: .yes, page: "HvCallSetPartitionPropertyEx", [
            ("HvCallSetPartitionPropertyEx", [.tlfsPage, .windowsSymbols]),
        ], evidence: "shape: tlfs-page simple, usage simple; TLFS tlfs/hypercalls/HvCallSetPartitionPropertyEx.md 0x010A (Variable, simple input), PropertyValue sized by VariableHeaderSize"),
        CatalogRow(0x010B, .unknown, [
            ("HvCallAttachDevicePrQueue", [.windowsSymbols]),
        ]),
        CatalogRow(0x010C, .unknown, [
            ("HvCallDetachDevicePrQueue", [.windowsSymbols]),
        ]),
        CatalogRow(0x010D, .unknown, [
            ("HvCallReserveDeviceDomainAttachment", [.windowsSymbols]),
        ]),
        CatalogRow(0x010E, .unknown, [
            ("HvCallUnreserveDeviceDomainAttachment", [.windowsSymbols]),
        ]),
        CatalogRow(0x010F, .unknown, [
            ("HvCallDisableHypervisorEx", [.windowsSymbols]),
            ("HVCALL_DISABLE_HYP_EX", [.linux]),
        ], evidence: "microsoft/OHCL-Linux-Kernel include/hyperv/hvgdk_mini.h HVCALL_DISABLE_HYP_EX 0x010f (definition only)"),
        CatalogRow(0x0110, .rep, page: "HvCallInstallInterceptEx", [
            ("HvCallInstallInterceptEx", [.tlfsPage, .windowsSymbols]),
        ], evidence: "shape: tlfs-page rep, usage rep; TLFS tlfs/hypercalls/HvCallInstallInterceptEx.md 0x0110 (Rep), ARM64 only, InterceptParametersEx at offset 48 'Variable'"),
        CatalogRow(0x0111, .unknown, [
            ("HvCallReserved0111", [.windowsSymbols]),
        ]),
        CatalogRow(0x0112, .rep, [
            ("HvCallPinGpaPageRanges", [.windowsSymbols, .openvmm, .mileGuestInterface]),
        ], evidence: "shape: usage rep; openvmm openhcl_boot hypercall.rs (fork version, id 12576449296) dispatch_hvcall(HvCallPinGpaPageRanges, Some(gva_ranges.len())); openvmm hcl code (excerpt) mshv_hvcall.hvcall_rep(HvCallPinGpaPageRanges, ...)"),
        CatalogRow(0x0113, .rep, [
            ("HvCallUnpinGpaPageRanges", [.windowsSymbols, .openvmm, .mileGuestInterface]),
        ], evidence: "shape: usage rep; openvmm hcl code (excerpt) mshv_hvcall.hvcall_rep(HvCallUnpinGpaPageRanges, &header, HvcallRepInput::Elements(chunk))"),
        CatalogRow(0x0114, .unknown, [
            ("HvCallWakeVps", [.windowsSymbols]),
        ]),
        CatalogRow(0x0115, .unknown, [
            ("HvCallSetCpuGroupAffinity", [.windowsSymbols]),
        ]),
        CatalogRow(0x0116, .unknown, [
            ("HvCallMapPartitionEventLogBuffer", [.windowsSymbols]),
        ]),
        CatalogRow(0x011C, .rep, varHeader: .no, [
            ("HvCallQuerySparseGpaPageHostVisibility", [.openvmm, .mileGuestInterface]),
        ], evidence: "shape: usage rep; openvmm vm/hv1/hv1_hypercall/src/imp.rs: RepHypercall<QuerySparsePageVisibility,u64,HostVisibilityType,..>"),
        CatalogRow(0x011F, .simple, page: "HvCallSetVirtualInterruptTarget", [
            ("HvCallSetVirtualInterruptTarget", [.tlfsPage]),
        ], evidence: "shape: tlfs-page simple, usage simple; TLFS tlfs/hypercalls/HvCallSetVirtualInterruptTarget.md 0x011F (Simple)"),
        CatalogRow(0x0131, .simple, page: "HvCallMapStatsPage2", [
            ("HvCallMapStatsPage2", [.tlfsPage]),
            ("HVCALL_MAP_STATS_PAGE2", [.linux]),
        ], evidence: "shape: tlfs-page simple, usage simple; TLFS tlfs/hypercalls/HvCallMapStatsPage2.md 0x0131 (Simple)"),
    ]
}
