import Foundation
import Testing
@testable import HypercallABI

@Suite("call-code catalog")
struct CatalogTests {
    let catalog = HypercallCatalog.standard

    @Test("codes are unique and ordered")
    func uniqueCodes() {
        let codes = catalog.entries.map(\.code.rawValue)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
    }

    @Test("well over 250 codes: 0x0001–0x0131, the extended calls 0x8001–0x8006 and 0xC001")
    func coverage() {
        let named = catalog.entries.filter { !$0.isReservedSlot }
        #expect(named.count >= 250)
        for code: UInt16 in [0x0001, 0x0131, 0x8001, 0x8002, 0x8003, 0x8004, 0x8005, 0x8006, 0xC001] {
            #expect(catalog.entry(for: HypercallCode(code)) != nil, "\(HypercallCode(code).hex) missing")
        }
        #expect(catalog.entries.allSatisfy { !$0.names.isEmpty })
        // Every source contributes.
        for source in NameSource.allCases {
            #expect(catalog.entries.contains { $0.names.contains { $0.source == source } }, "\(source) contributes nothing")
        }
    }

    @Test("every name and alias resolves back to its own code, or is reported as a conflict")
    func aliasesResolve() {
        let conflicted = Set(catalog.nameConflicts.map(\.key))
        for entry in catalog.entries {
            for name in entry.names {
                switch catalog.lookup(name: name.name) {
                case .found(let found): #expect(found.code == entry.code, "\(name.name) → \(found.code.hex), expected \(entry.code.hex)")
                case .ambiguous(let entries):
                    #expect(entries.contains { $0.code == entry.code })
                    #expect(conflicted.contains(HypercallCatalog.normalize(name.name)), "\(name.name) is ambiguous but not reported")
                case .notFound: Issue.record("\(name.name) does not resolve")
                }
            }
        }
    }

    @Test("names shared by two codes are reported, e.g. HvCallNotifyStandbyTransition (0x0084 in the TLFS 6.0b header, 0x0085 in Windows)")
    func conflictsReported() throws {
        let conflict = try #require(catalog.nameConflicts.first { $0.key == "HVCALLNOTIFYSTANDBYTRANSITION" })
        #expect(conflict.codes == [HypercallCode(0x0084), HypercallCode(0x0085)])
        guard case .ambiguous(let entries) = catalog.lookup(name: "HvCallNotifyStandbyTransition") else {
            Issue.record("expected an ambiguous look-up"); return
        }
        #expect(entries.map(\.code.rawValue) == [0x0084, 0x0085])
        // The canonical name of 0x0085 is still the Windows one.
        #expect(catalog.entry(for: HypercallCode(0x0085))?.canonicalName == "HvCallNotifyStandbyTransition")
    }

    @Test("look-up ignores case, prefixes and Linux spelling", arguments: [
        ("HvCallFlushVirtualAddressSpace", 0x0002), ("hvcallflushvirtualaddressspace", 0x0002),
        ("FlushVirtualAddressSpace", 0x0002), ("HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE", 0x0002),
        ("flush_virtual_address_space", 0x0002), ("HVCALL_SEND_IPI_EX", 0x0015), ("send_ipi_ex", 0x0015),
        ("HvCalFlushVirtualAddressList", 0x0003), ("HvPostMessage", 0x005C), ("PostMessage", 0x005C),
        ("HvExtCallQueryCapabilities", 0x8001), ("HV_EXT_CALL_QUERY_CAPABILITIES", 0x8001), ("QueryCapabilities", 0x8001),
        ("HVCALL_GET_VP_ID_FROM_APIC_ID", 0x009A), ("HVCALL_GET_VP_INDEX_FROM_APIC_ID", 0x009A), ("0x4e", 0x004E), ("78", 0x004E),
    ])
    func lookups(name: String, code: Int) {
        guard case .found(let entry) = catalog.resolve(name) else { Issue.record("\(name) not found"); return }
        #expect(entry.code.rawValue == UInt16(code))
    }

    @Test("unknown names and codes are not found; unknown codes still print")
    func unknowns() {
        #expect(catalog.lookup(name: "HvCallMakeCoffee") == .notFound)
        #expect(catalog.resolve("0x01F7") == .notFound)
        #expect(catalog.resolve("0x10000") == .notFound)
        #expect(HypercallCode(0x01F7).name == "unknown(0x01F7)")
        #expect(HypercallCode(0x01F7).description == "0x01F7 unknown(0x01F7)")
    }

    @Test("the canonical name skips placeholders and follows source precedence")
    func canonicalNames() throws {
        // 0x0019: Windows names it, the Mile headers call it reserved.
        #expect(catalog.entry(for: HypercallCode(0x0019))?.canonicalName == "HvCallSyncContext")
        #expect(catalog.entry(for: HypercallCode(0x0019))?.isReservedSlot == false)
        // 0x0081: Windows reserves it; the TLFS 6.0b header names it.
        #expect(catalog.entry(for: HypercallCode(0x0081))?.canonicalName == "HvCallUnmapDevicePages")
        #expect(catalog.entry(for: HypercallCode(0x0020))?.isReservedSlot == true)
        // The TLFS table's typo is an alias, not the canonical name.
        let list = try #require(catalog.entry(for: HypercallCode(0x0003)))
        #expect(list.canonicalName == "HvCallFlushVirtualAddressList")
        #expect(list.names.contains(HypercallName("HvCalFlushVirtualAddressList", .tlfsReference)))
    }

    @Test("kinds: VTL transitions, extended calls, variable headers")
    func kinds() throws {
        #expect(catalog.entry(for: HypercallCode(0x0011))?.vtlTransition == .call)
        #expect(catalog.entry(for: HypercallCode(0x0012))?.vtlTransition == .return)
        #expect(catalog.entries.filter { $0.vtlTransition != nil }.count == 2)
        #expect(catalog.entries.filter(\.isExtended).allSatisfy { $0.code.rawValue >= 0x8000 })
        for code: UInt16 in [0x0013, 0x0014, 0x0015] {
            #expect(catalog.entry(for: HypercallCode(code))?.variableHeader == .yes)
        }
        #expect(catalog.entry(for: HypercallCode(0x0014))?.shape == .rep)
    }
}

/// The TLFS table the project was given: every row must resolve to an entry with that code, type and name.
@Suite("shared TLFS reference table")
struct ReferenceTableTests {
    struct Row: CustomStringConvertible {
        let code: UInt16
        let type: String
        let name: String
        var description: String { "\(name) \(code)" }
    }

    static func rows() throws -> [Row] {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = repository.appendingPathComponent("Tests/Fixtures/shared/reference/tlfs-hypercall-reference.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("0x"), let code = UInt16(cells[0].dropFirst(2), radix: 16) else { return nil }
            // "[HvCallStartVirtualProcessor](HvCallStartVirtualProcessor.md)" → the link text.
            let name = cells[2].hasPrefix("[") ? String(cells[2].dropFirst().prefix { $0 != "]" }) : cells[2]
            return Row(code: code, type: cells[1], name: name)
        }
    }

    @Test("the table has its 28 rows")
    func rowCount() throws {
        #expect(try Self.rows().count == 28)
    }

    @Test("each row resolves by name to its code, with its type")
    func everyRow() throws {
        for row in try Self.rows() {
            guard case .found(let entry) = HypercallCatalog.standard.lookup(name: row.name) else {
                Issue.record("\(row.name) does not resolve"); continue
            }
            #expect(entry.code.rawValue == row.code, "\(row.name)")
            #expect(entry.names.contains(HypercallName(row.name, .tlfsReference)), "\(row.name) not kept with its source")
            let shape: CallShape = row.type == "Rep" ? .rep : .simple
            if entry.shape != shape {
                // A disagreement must be recorded with its reason in the entry.
                #expect(entry.evidence?.contains("although the TLFS table says \(row.type)") == true, "\(row.name): shape \(entry.shape) vs table \(row.type)")
            }
        }
    }
}
