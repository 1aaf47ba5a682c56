import Testing
@testable import HypercallABI

@Suite("parameter layouts: declarations")
struct ParameterLayoutTests {
    /// The hypercalls issue 8 asks for, by catalog name.
    static let required = [
        "SwitchVirtualAddressSpace", "FlushVirtualAddressSpace", "FlushVirtualAddressList", "FlushVirtualAddressSpaceEx",
        "FlushVirtualAddressListEx", "NotifyLongSpinWait", "SendSyntheticClusterIpi", "SendSyntheticClusterIpiEx",
        "ModifyVtlProtectionMask", "EnablePartitionVtl", "EnableVpVtl", "VtlCall", "VtlReturn", "CreatePartition",
        "InitializePartition", "FinalizePartition", "DeletePartition", "GetPartitionProperty", "SetPartitionProperty",
        "GetPartitionId", "DepositMemory", "WithdrawMemory", "GetMemoryBalance", "MapGpaPages", "UnmapGpaPages",
        "InstallIntercept", "CreateVp", "DeleteVp", "GetVpRegisters", "SetVpRegisters", "TranslateVirtualAddress",
        "TranslateVirtualAddressEx", "PostMessage", "SignalEvent", "CreatePort", "ConnectPort", "DeletePort", "MapStatsPage",
        "UnmapStatsPage", "RetargetDeviceInterrupt", "StartVirtualProcessor", "GetVpIndexFromApicId",
        "FlushGuestPhysicalAddressSpace", "FlushGuestPhysicalAddressList", "AssertVirtualInterrupt", "MapVpStatePage",
        "ModifySparseGpaPages", "HvExtCallQueryCapabilities", "HvExtCallGetBootZeroedMemory", "HvExtCallMemoryHeatHint",
    ]

    @Test("every hypercall of the issue has exactly one layout, and every layout a catalog entry")
    func coverage() throws {
        var codes: Set<UInt16> = []
        for name in Self.required {
            guard case .found(let entry) = HypercallCatalog.standard.lookup(name: name) else {
                Issue.record("\(name) does not resolve in the catalog")
                continue
            }
            #expect(ParameterLayouts.layout(for: entry.code) != nil, "\(name) has no layout")
            codes.insert(entry.code.rawValue)
        }
        #expect(codes.count == 50)
        #expect(Set(ParameterLayouts.all.map(\.code.rawValue)) == codes)
    }

    @Test("fields lie inside their structure, in order, without overlap; headers are whole qwords")
    func fieldsAreConsistent() {
        func check(_ fields: [FieldSpec], size: Int?, _ context: String) {
            var end = 0
            for field in fields {
                #expect(field.offset >= end, "\(context).\(field.name) at \(field.offset) overlaps the field before (ends \(end))")
                end = field.offset + field.size
                if let size { #expect(end <= size, "\(context).\(field.name) ends at \(end), past \(size)") }
                // Natural alignment (TLFS "Hypercall Interface": elements padded to natural boundaries up to 8 bytes).
                if [2, 4, 8].contains(field.size) { #expect(field.offset % field.size == 0, "\(context).\(field.name) misaligned") }
                if case .structure(let inner) = field.type { check(inner, size: field.size, "\(context).\(field.name)") }
            }
        }
        for layout in ParameterLayouts.all {
            let name = layout.code.name
            check(layout.input.filter { $0.size > 0 }, size: layout.fixedHeaderBytes, name + ".input")
            #expect(layout.fixedHeaderBytes % 8 == 0, "\(name) fixed header \(layout.fixedHeaderBytes) bytes")
            if let element = layout.inputElement { check(element.fields, size: element.size, name + ".element") }
            if let element = layout.outputElement { check(element.fields, size: element.size, name + ".outputElement") }
            check(layout.output, size: nil, name + ".output")
            #expect(!layout.sources.isEmpty, "\(name) names no source")
        }
    }

    @Test("rep layouts match the catalog's shape; variable headers only where the catalog allows them")
    func shapes() throws {
        for layout in ParameterLayouts.all {
            let entry = try #require(HypercallCatalog.standard.entry(for: layout.code))
            let hasList = layout.inputElement != nil || layout.outputElement != nil
            // HvCallUnmapGpaPages is a rep call whose rep count counts pages, with no list.
            if entry.shape == .simple { #expect(!hasList, "\(entry.canonicalName) is simple but has rep elements") }
            if entry.shape == .rep, layout.code.rawValue != 0x004C { #expect(hasList, "\(entry.canonicalName) is rep but has no elements") }
            if layout.hasVariableHeader { #expect(entry.variableHeader != .no, "\(entry.canonicalName) takes no variable header") }
        }
    }

    @Test("fixed sizes from the TLFS tables")
    func sizes() throws {
        func layout(_ code: UInt16) throws -> ParameterLayout { try #require(ParameterLayouts.layout(for: HypercallCode(code))) }
        #expect(try layout(0x0002).fixedHeaderBytes == 24)
        #expect(try layout(0x0013).fixedHeaderBytes == 32)
        #expect(try layout(0x0015).fixedHeaderBytes == 24)
        #expect(try layout(0x000F).fixedHeaderBytes == 240)   // 16 + HV_INITIAL_VP_CONTEXT (224)
        #expect(try layout(0x0099).fixedHeaderBytes == 240)
        #expect(try layout(0x0040).fixedHeaderBytes == 56)    // AMD64 layout, 56 bytes
        #expect(try layout(0x005C).fixedHeaderBytes == 256)   // 16 + 240-byte message
        #expect(try layout(0x0095).fixedHeaderBytes == 56)
        #expect(try layout(0x0096).fixedHeaderBytes == 72)
        #expect(try layout(0x007E).fixedHeaderBytes == 56)
        #expect(try layout(0x0051).inputElement?.size == 32)  // HV_REGISTER_ASSOC
        #expect(try layout(0x0050).outputElement?.size == 16) // HV_REGISTER_VALUE
        #expect(try layout(0x00AC).fixedOutputBytes == 64)
        #expect(try layout(0x8002).fixedOutputBytes == 0xFF8)
        #expect(ParameterTables.initialVpContext.last.map { $0.offset + $0.size } == 224)
    }

    @Test("register catalog: TLFS/OpenVMM/Linux values, unique names")
    func registerCatalog() {
        #expect(RegisterCatalog.name(of: 0x0002_0010) == "HvX64RegisterRip")
        #expect(RegisterCatalog.name(of: 0x0006_0001) == "HvX64RegisterCs")
        #expect(RegisterCatalog.name(of: 0x0008_0001) == "HvX64RegisterEfer")
        #expect(RegisterCatalog.name(of: 0x0008_0004) == "HvX64RegisterPat")
        #expect(RegisterCatalog.name(of: 0x0008_0049) == "HvX64RegisterMsrMtrrPhysMask9")
        #expect(RegisterCatalog.name(of: 0x0008_001A) == "HvX64RegisterMsrMtrrPhysBaseA")
        #expect(RegisterCatalog.name(of: 0x0008_009A) == "HvX64RegisterXfdErr")
        #expect(RegisterCatalog.name(of: 0x0009_0003) == "HvRegisterVpIndex")
        #expect(RegisterCatalog.name(of: 0x000A_000F) == "HvRegisterSint15")
        #expect(RegisterCatalog.name(of: 0x000D_0003) == "HvRegisterVsmVpStatus")
        #expect(RegisterCatalog.name(of: 0x000D_001E) == "HvRegisterVsmVpSecureConfigVtl14")
        #expect(RegisterCatalog.name(of: 0x0003_000F) == "HvX64RegisterXmm15")
        #expect(RegisterCatalog.name(of: 0x1234_5678) == nil)
        let all = RegisterCatalog.all
        #expect(Set(all.map(\.value)).count == all.count)
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(RegisterCatalog.valueKind(of: 0x0006_0000) == .segment)
        #expect(RegisterCatalog.valueKind(of: 0x0007_0001) == .table)
        #expect(RegisterCatalog.valueKind(of: 0x0003_0005) == .bits128)
        #expect(RegisterCatalog.valueKind(of: 0x0002_0000) == .bits64)
    }
}
