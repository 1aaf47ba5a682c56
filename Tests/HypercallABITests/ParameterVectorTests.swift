import Testing
@testable import HypercallABI

/// Byte-exact vectors for every declared layout, built by hand from the TLFS tables (and Linux /
/// OpenVMM where the TLFS has no page): each names the fields the decoder must find and the summary.
@Suite("parameter layouts: byte-exact vectors")
struct ParameterVectorTests {
    static let me = UInt64.max  // HV_PARTITION_ID_SELF

    /// HV_INITIAL_VP_CONTEXT (224 bytes): rip, rsp, rflags, cs…ldtr (16 each), idtr, gdtr, efer, cr0, cr3, cr4, pat.
    static let vpContext = Block().u64(0xFFFF_F800_0000_1000).u64(0x2000).u64(0x2)
        .u64(0).u32(0xFFFF_FFFF).u16(0x10).u16(0xA09B)           // cs: base, limit, selector, attributes
        .zeros(7 * 16)                                           // ds, es, fs, gs, ss, tr, ldtr
        .zeros(6).u16(0xFFF).u64(0x5000)                         // idtr: pad[3], limit, base
        .zeros(6).u16(0x7F).u64(0x6000)                          // gdtr
        .u64(0xD01).u64(0x8005_0033).u64(0x1000).u64(0x6F8).u64(0x0007_0406_0007_0406)

    static let vectors: [Vector] = [
        Vector(code: 0x0001, fast: true, input: Block().u64(0x1A2B000).u64(0), convention: .fast,
               expect: ["addressSpace": "0x1A2B000"], summary: "switch to address space 0x1A2B000"),
        Vector(code: 0x0002, input: Block().u64(0x1A2B000).u64(0x2).u64(0x51),
               expect: ["processorMask": "{0,4,6}", "flags": "ALL_VIRTUAL_ADDRESS_SPACES"],
               summary: "flush address space 0x1A2B000 on VPs {0,4,6}, flags ALL_VIRTUAL_ADDRESS_SPACES"),
        Vector(code: 0x0003, repCount: 2, input: Block().u64(0x1A2B000).u64(0x1).u64(0).u64(0x7F000_0003).u64(0x10000), repsCompleted: 2,
               expect: ["elements[0].gvaRange": "GVA 0x7F0000000 +4 pages", "elements[0].gvaRange.additionalPages": "3",
                        "elements[1].gvaRange": "GVA 0x10000 +1 page"],
               summary: "flush 2 GVA ranges [GVA 0x7F0000000 +4 pages, GVA 0x10000 +1 page] of address space 0x1A2B000 on all VPs, flags ALL_PROCESSORS"),
        Vector(code: 0x0008, fast: true, input: Block().u32(5).u32(0).u64(0), convention: .fast,
               expect: ["spinCount": "5"], summary: "long spin wait, 5 spins"),
        Vector(code: 0x000B, fast: true, input: Block().u32(0x2F).u8(0).zeros(3).u64(0x3), convention: .fast,
               expect: ["vector": "0x2F", "processorMask": "{0,1}", "targetVtl.useTargetVtl": "0"],
               summary: "send IPI vector 0x2F to VPs {0,1} in the caller's VTL"),
        Vector(code: 0x000C, repCount: 2, input: Block().u64(me).u32(0x3).u8(0x10).zeros(3).u64(0x100).u64(0x101),
               expect: ["mapFlags": "READABLE|WRITABLE", "targetVtl.useTargetVtl": "1", "elements[0].gpaPageNumber": "0x100 (0x100000)"],
               summary: "set VTL 0 protections READABLE|WRITABLE on 2 pages [0x100 (0x100000), 0x101 (0x101000)] of partition HV_PARTITION_ID_SELF"),
        Vector(code: 0x000D, input: Block().u64(me).u8(1).u8(1).zeros(6),
               expect: ["targetVtl": "VTL 1", "flags": "ENABLE_MBEC"], summary: "enable VTL 1 for partition HV_PARTITION_ID_SELF, flags ENABLE_MBEC"),
        Vector(code: 0x000F, input: Block().u64(me).u32(3).u8(1).zeros(3).raw(vpContext.bytes),
               expect: ["vpIndex": "3", "vpVtlContext.cs.selector": "0x10", "vpVtlContext.cs.attributes.long": "1", "vpVtlContext.idtr.limit": "0xFFF",
                        "vpVtlContext.gdtr.base": "0x6000", "vpVtlContext.efer": "0xD01", "vpVtlContext.msrCrPat": "0x7040600070406"],
               summary: "enable VTL 1 on VP 3 of partition HV_PARTITION_ID_SELF, entry rip 0xFFFFF80000001000"),
        Vector(code: 0x0011, summary: "VTL call to the next higher VTL"),
        Vector(code: 0x0012, summary: "VTL return to the next lower VTL"),
        // TLFS hv_vp_set.md example: {0, 5, 130} is format 0, valid-bank mask 0x5, banks 0x21 and 0x4.
        Vector(code: 0x0013, variableHeader: 2, input: Block().u64(0x1A2B000).u64(0x2).u64(0).u64(0x5).u64(0x21).u64(0x4),
               expect: ["processorSet": "{0,5,130}", "processorSet.format": "SPARSE_4K (0x0)", "processorSet.validBanksMask": "0x5",
                        "processorSet.bankContents[0]": "0x21", "processorSet.bankContents[2]": "0x4"],
               summary: "flush address space 0x1A2B000 on VPs {0,5,130}, flags ALL_VIRTUAL_ADDRESS_SPACES"),
        Vector(code: 0x0014, repCount: 1, variableHeader: 1,
               input: Block().u64(0x5000).u64(0x8).u64(0).u64(0x2).u64(0x1).u64(0x200 << 21 | 1 << 11 | 1),
               expect: ["processorSet": "{64}", "elements[0].gvaRange": "GVA 0x40000000 +2 2 MiB pages", "elements[0].gvaRange.pageSize": "2 MiB"],
               summary: "flush 1 GVA range [GVA 0x40000000 +2 2 MiB pages] of address space 0x5000 on VPs {64}, flags USE_EXTENDED_RANGE_FORMAT"),
        Vector(code: 0x0015, input: Block().u32(0x30).u8(0x11).zeros(3).u64(1).u64(0),
               expect: ["processorSet": "all VPs", "targetVtl.targetVtl": "1"], summary: "send IPI vector 0x30 to all VPs in VTL 1"),
        Vector(code: 0x00AF, input: Block().u64(0x1234_5000).u64(0),
               expect: ["addressSpace": "0x12345000"], summary: "flush guest physical address space 0x12345000"),
        Vector(code: 0x00B0, repCount: 2, input: Block().u64(0x1234_5000).u64(0).u64(0x1000 << 12 | 2).u64(1 << 21 | 1 << 12 | 1 << 11),
               expect: ["elements[0].gpaRange": "GPA 0x1000000 +3 pages", "elements[1].gpaRange": "GPA 0x200000 +1 1 GiB page"],
               summary: "flush 2 GPA ranges [GPA 0x1000000 +3 pages, GPA 0x200000 +1 1 GiB page] of guest physical address space 0x12345000"),
        Vector(code: 0x0040, input: Block().u64(0x2100).u32(0).u32(0x8000_0001).u32(0x609).u32(0).u64(0).u64(0).u64(0).u64(0),
               output: Block().u64(5),
               expect: ["flags": "EXO_PARTITION|LAPIC_ENABLED", "proximityDomainInfo.flags.proximityInfoValid": "1", "compatibilityVersion": "0x609"],
               expectOutput: ["newPartitionId": "0x5"], summary: "create partition, flags EXO_PARTITION|LAPIC_ENABLED → partition 0x5"),
        Vector(code: 0x0041, input: Block().u64(5), expect: ["partitionId": "0x5"], summary: "initialize partition 0x5"),
        Vector(code: 0x0042, input: Block().u64(5), summary: "finalize partition 0x5"),
        Vector(code: 0x0043, input: Block().u64(5), summary: "delete partition 0x5"),
        Vector(code: 0x0044, input: Block().u64(5).u32(0x0006_0007).u32(0), output: Block().u64(0x2E7),
               expect: ["propertyCode": "XsaveStates (0x60007)"], summary: "get property XsaveStates (0x60007) of partition 0x5 → 0x2E7"),
        Vector(code: 0x0045, input: Block().u64(5).u32(0x0001_0000).u32(0).u64(0x1234),
               summary: "set property PrivilegeFlags (0x10000) of partition 0x5 to 0x1234"),
        Vector(code: 0x0046, output: Block().u64(7), expectOutput: ["partitionId": "0x7"], summary: "get partition id → 0x7"),
        Vector(code: 0x0048, repCount: 3, input: Block().u64(5).u64(0x10).u64(0x11).u64(0x12),
               expect: ["elements[2].gpaPageNumber": "0x12 (0x12000)"], summary: "deposit 3 pages into partition 0x5"),
        Vector(code: 0x0049, repCount: 2, input: Block().u64(5).u64(0), output: Block().u64(0x20).u64(0x21), repsCompleted: 2,
               expectOutput: ["elements[1].gpaPageNumber": "0x21 (0x21000)"], summary: "withdraw up to 2 pages from partition 0x5"),
        Vector(code: 0x004A, input: Block().u64(5).u64(0), output: Block().u64(100).u64(7),
               summary: "memory balance of partition 0x5 → 100 pages available, 7 in use"),
        Vector(code: 0x004B, repCount: 2, input: Block().u64(5).u64(0x100).u32(0xF).u32(0).u64(0x900).u64(0x901),
               expect: ["elements[1].sourceGpaPage": "0x901 (0x901000)"],
               summary: "map 2 pages at 0x100 (0x100000) in partition 0x5, flags READABLE|WRITABLE|KERNEL_EXECUTABLE|USER_EXECUTABLE"),
        Vector(code: 0x004C, repCount: 512, input: Block().u64(5).u64(0x200).u32(0x2).u32(0),
               summary: "unmap 512 pages at 0x200 (0x200000) from partition 0x5, flags LARGE_PAGE"),
        Vector(code: 0x004D, input: Block().u64(5).u32(0x3).u32(0).u64(0x3F8),
               summary: "install intercept X64_IO_PORT (0x0) (READ|WRITE, parameter 0x3F8) in partition 0x5"),
        Vector(code: 0x004E, input: Block().u64(5).u32(1).zeros(3).u8(0).u64(0).u64(0).u64(0), expect: ["subnodeType": "0"],
               summary: "create VP 1 in partition 0x5"),
        Vector(code: 0x004F, input: Block().u64(5).u32(1).u32(0), summary: "delete VP 1 of partition 0x5"),
        Vector(code: 0x0050, repCount: 2, input: Block().u64(me).u32(0).u8(0).zeros(3).u32(0x0002_0010).u32(0x0006_0001),
               output: Block().u64(0x1000).u64(0).u64(0).u32(0xFFFF_FFFF).u16(0x10).u16(0xA09B), repsCompleted: 2,
               expectOutput: ["elements[0].registerValue": "0x1000", "elements[1].registerValue.selector": "0x10",
                              "elements[1].registerValue.attributes.present": "1"],
               summary: "get 2 registers [HvX64RegisterRip (0x20010), HvX64RegisterCs (0x60001)] of VP 0 in partition HV_PARTITION_ID_SELF, the caller's VTL"),
        Vector(code: 0x0051, repCount: 1, input: Block().u64(me).u32(0).u8(0x12).zeros(3).u32(0x0008_0001).zeros(12).u64(0xD01).u64(0),
               expect: ["elements[0].registerValue": "0xD01", "inputVtl.targetVtl": "2"],
               summary: "set 1 register [HvX64RegisterEfer (0x80001) = 0xD01] of VP 0 in partition HV_PARTITION_ID_SELF, VTL 2"),
        Vector(code: 0x0052, input: Block().u64(me).u32(0).u32(0).u64(0x3).u64(0x7FFE0),
               output: Block().u64(0x6_0000_0000).u64(0x1234),
               expect: ["controlFlags.validateWrite": "1", "controlFlags.inputVtl": "0"],
               expectOutput: ["translationResult.resultCode": "Success (0x0)", "translationResult.cacheType": "WriteBack (0x6)"],
               summary: "translate GVA page 0x7FFE0 (0x7FFE0000) on VP 0 → Success (0x0), GPA page 0x1234 (0x1234000)"),
        Vector(code: 0x00AC, input: Block().u64(me).u32(0).u32(0).u64(0x1).u64(0x7FFE0),
               output: Block().u64(4).u64(0).zeros(32).u64(0).u64(0),
               expectOutput: ["translationResult.resultCode": "GpaUnmapped (0x4)"],
               summary: "translate GVA page 0x7FFE0 (0x7FFE0000) on VP 0 → GpaUnmapped (0x4), GPA page 0x0 (0x0)"),
        Vector(code: 0x0090, repCount: 1, input: Block().u64(5).u32(0x10000).u32(0).u64(0x300),
               expect: ["mapFlags": "NO_ACCESS"], summary: "modify 1 page of partition 0x5 to NO_ACCESS"),
        Vector(code: 0x0099, input: Block().u64(me).u32(2).u8(0).zeros(3).raw(vpContext.bytes),
               expect: ["vpContext.rsp": "0x2000", "vpContext.cr0": "0x80050033"],
               summary: "start VP 2 of partition HV_PARTITION_ID_SELF in VTL 0 at rip 0xFFFFF80000001000"),
        Vector(code: 0x009A, repCount: 2, input: Block().u64(me).u8(0).zeros(7).u32(0).u32(0).u32(2).u32(0),
               output: Block().u32(0).u32(0).u32(1).u32(0), repsCompleted: 2,
               summary: "VP index of 2 APIC ids [0, 2] in partition HV_PARTITION_ID_SELF → [0, 1]"),
        Vector(code: 0x00E1, input: Block().u64(5).u32(0).u16(0).u8(0).u8(1).u64(0x800), output: Block().u64(0x800),
               expect: ["flags": "MAP_LOCATION_PROVIDED"],
               summary: "map REGISTERS (0x0) state page of VP 0 in partition 0x5 → 0x800 (0x800000)"),
        Vector(code: 0x0058, input: Block().u64(5).u32(0x1234).u32(0), summary: "delete port 0x1234 of partition 0x5"),
        Vector(code: 0x005C, input: Block().u32(1).u32(0).u32(1).u32(4).raw([1, 2, 3, 4]).zeros(236),
               expect: ["message": "01020304 (4 bytes)", "connectionId.id": "1"], summary: "post message type 0x1, 4 bytes, to connection 1"),
        Vector(code: 0x005D, fast: true, input: Block().u32(0x10).u16(3).u16(0).u64(0), convention: .fast,
               summary: "signal event flag 3 on connection 0x10"),
        Vector(code: 0x006C, input: Block().u32(0x10002).u32(0).u64(5).u32(1).u16(0).u8(0).u8(0), output: Block().u64(0x900),
               expect: ["objectIdentity.vpIndex": "1", "objectIdentity.statsAreaType": "SELF (0x0)"],
               summary: "map VP (0x10002) statistics page → 0x900 (0x900000)"),
        Vector(code: 0x006D, input: Block().u32(0x10001).u32(0).u64(5).u64(0), summary: "unmap PARTITION (0x10001) statistics page"),
        // Linux pci-hyperv.c: with PROCESSOR_SET the variable header is the valid-bank mask plus the banks.
        Vector(code: 0x007E, variableHeader: 2,
               input: Block().u64(me).u64(0x1234).u32(1).u32(0).u32(0xFEE0_0000).u32(0x4041).u64(0).u32(0x41).u32(2).u64(0).u64(1).u64(0x6),
               expect: ["interruptTarget.processorSet": "{1,2}", "interruptEntry.source": "MSI (0x1)", "interruptTarget.flags": "PROCESSOR_SET"],
               summary: "retarget interrupt of device 0x1234 (MSI address 0xFEE00000 data 0x4041) to vector 0x41 → {1,2}"),
        Vector(code: 0x0094, input: Block().u64(5).u64(0).u64(3).u32(0x51).u8(0).u8(0).u16(0),
               summary: "assert FIXED (0x0) vector 0x51 at APIC 0x3 in partition 0x5, VTL 0"),
        Vector(code: 0x0095, input: Block().u64(5).u32(7).u8(0).u8(0).u16(0).u64(1).u32(2).u32(0).u32(2).u32(0).u16(0).u16(16).u32(0).u64(0),
               expect: ["portInfo.flagCount": "16", "portInfo.targetSint": "2"],
               summary: "create EVENT (0x2) port 7 in partition 0x5 for partition 0x1"),
        Vector(code: 0x0096, input: Block().u64(1).u32(9).u8(0).u8(0).u16(0).u64(5).u32(7).u32(0)
                .u32(4).u32(0).u64(0xFEB0_0000).u64(0).u64(0x8000_0004).u64(0),
               expect: ["connectionInfo.flags": "TRIGGER_SIZE_QWORD|TRIGGER_ANY_VALUE", "connectionInfo.guestPhysicalAddress": "0xFEB00000"],
               summary: "connect DOORBELL (0x4) connection 9 of partition 0x1 to port 7 of partition 0x5"),
        Vector(code: 0x8001, output: Block().u64(0x3), summary: "query extended capabilities → GetBootZeroedMemory|MemoryHeatHint"),
        Vector(code: 0x8002, output: Block().u64(2).u64(0x100).u64(0x50).u64(0x1000).u64(0x10).zeros(0xFF8 - 40),
               expectOutput: ["ranges.rangeCount": "2", "ranges.ranges[1]": "0x1000 (0x1000000) +16 pages"], summary: "get boot-zeroed memory → 2 ranges"),
        Vector(code: 0x8003, repCount: 1, input: Block().u64(0).u64(0x4000 << 12 | 3),
               summary: "memory heat hint COLD (0x0) for 1 GPA range [GPA 0x4000000 +4 pages]"),
    ]

    @Test("one vector per layout")
    func everyLayoutHasAVector() {
        #expect(Set(Self.vectors.map(\.code)) == Set(ParameterLayouts.all.map(\.code.rawValue)))
        #expect(Self.vectors.count == ParameterLayouts.all.count)
    }

    @Test("vectors decode to the specified fields and summary, without findings", arguments: vectors)
    func decode(_ vector: Vector) throws {
        let call = try vector.decode()
        #expect(call.summary == vector.summary)
        #expect(call.findings.isEmpty, "\(call.findings)")
        for (path, text) in vector.expect {
            #expect(call.input?.field(path)?.text == text, "input.\(path)")
        }
        for (path, text) in vector.expectOutput {
            #expect(call.output?.field(path)?.text == text, "output.\(path)")
        }
        if vector.input.bytes.isEmpty { #expect(call.input == nil) }
    }
}
