// The call-code catalog, 0x8000 and up: extended hypercalls and the VBS range.
// One row per code; each spelling lists every source that uses it (see NameSource for the files read).
// Generated once from the sources listed in docs/catalog.md and maintained by hand since.

extension CatalogRow {
    static let rowsExtended: [CatalogRow] = [
        CatalogRow(0x8000, .unknown, [
            ("HvExtCallReserved", [.windowsSymbols]),
        ]),
        CatalogRow(0x8001, .simple, varHeader: .no, page: "HvExtCallQueryCapabilities", [
            ("HvExtCallQueryCapabilities", [.tlfsPage, .tlfsReference, .windowsSymbols, .openvmm, .mileGuestInterface]),
            ("HV_EXT_CALL_QUERY_CAPABILITIES", [.linux, .linuxAsmGeneric]),
            ("HV_EXTCALL_QUERY_CAPABILITIES", [.linux]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/HvExtCallQueryCapabilities.md 0x8001 (Simple), 8-byte output; openvmm vm/hv1/hv1_hypercall/src/imp.rs: SimpleHypercall<(),u64,HvExtCallQueryCapabilities>; linux drivers/hv/hv_common.c hv_do_hypercall(HV_EXT_CALL_QUERY_CAPABILITIES, NULL, &hv_extended_cap); KVM arch/x86/kvm/hyperv.c (version read, see md): rep_cnt -> INVALID_INPUT"),
        CatalogRow(0x8002, .simple, page: "HvExtCallGetBootZeroedMemory", [
            ("HvExtCallGetBootZeroedMemory", [.tlfsPage, .tlfsReference, .windowsSymbols]),
        ], evidence: "shape: tlfs-page simple, tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/HvExtCallGetBootZeroedMemory.md 0x8002 (Simple), 0xFF8-byte output; KVM arch/x86/kvm/hyperv.c (version read, see md): ext calls GET_BOOT_ZEROED_MEMORY..MAX with fast -> HV_STATUS_INVALID_PARAMETER"),
        CatalogRow(0x8003, .rep, [
            ("HvExtCallMemoryHeatHint", [.tlfsReference, .windowsSymbols]),
            ("HV_EXT_CALL_MEMORY_HEAT_HINT", [.linux, .linuxAsmGeneric]),
            ("HV_EXTCALL_MEMORY_HEAT_HINT", [.linux]),
        ], evidence: "rep although the TLFS table says Simple: Linux hv_balloon.c issues it with hv_do_rep_hypercall (rep count = number of ranges), which Hyper-V accepts; shape: tlfs-reference simple; TLFS tlfs/hypercalls/overview.md: 0x8003 Simple; BUT linux drivers/hv/hv_balloon.c hv_do_rep_hypercall(HV_EXT_CALL_MEMORY_HEAT_HINT, nents, 0, hint, NULL) (rep count = nents ranges); KVM arch/x86/kvm/hyperv.c (version read, see md): ext call fast -> INVALID_PARAMETER"),
        CatalogRow(0x8004, .simple, [
            ("HvExtCallEpfSetup", [.tlfsReference, .windowsSymbols]),
        ], evidence: "shape: tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/overview.md: 0x8004 Simple"),
        CatalogRow(0x8005, .unknown, [
            ("HvExtCallSchedulerAssistSetup", [.windowsSymbols]),
        ]),
        CatalogRow(0x8006, .simple, [
            ("HvExtCallMemoryHeatHintAsync", [.tlfsReference, .windowsSymbols]),
        ], evidence: "shape: tlfs-reference simple, usage simple; TLFS tlfs/hypercalls/overview.md: 0x8006 Simple"),
        CatalogRow(0xC001, .unknown, [
            ("HvCallVbsVmCallReport", [.mileGuestInterface]),
        ]),
    ]
}
