import Testing
@testable import HypercallABI

@Suite("Hypercall Input Value")
struct InputValueTests {
    @Test("the issue's example: rep FlushVirtualAddressList, rep count 3, resumed at index 1")
    func issueExample() throws {
        let value = HypercallInputValue(rawValue: 0x0001_0003_0000_0003)
        #expect(value.callCode == HypercallCode(0x0003))
        #expect(value.repCount == 3)
        #expect(value.repStartIndex == 1)
        #expect(!value.isFast && !value.isNested && value.variableHeaderSize == 0 && value.reservedBits == 0)
        let entry = try #require(HypercallCatalog.standard.entry(for: value.callCode))
        #expect(entry.shape == .rep)
        #expect(value.violations(against: entry).isEmpty)
    }

    @Test("each field lands on the bits the TLFS gives it")
    func fieldPositions() throws {
        #expect(try HypercallInputValue(callCode: HypercallCode(0xFFFF)).rawValue == 0x0000_0000_0000_FFFF)
        #expect(try HypercallInputValue(callCode: HypercallCode(0), isFast: true).rawValue == 1 << 16)
        #expect(try HypercallInputValue(callCode: HypercallCode(0), variableHeaderSize: 0x3FF).rawValue == 0x3FF << 17)
        #expect(try HypercallInputValue(callCode: HypercallCode(0), isNested: true).rawValue == 1 << 31)
        #expect(try HypercallInputValue(callCode: HypercallCode(0), repCount: 0xFFF).rawValue == 0xFFF << 32)
        #expect(try HypercallInputValue(callCode: HypercallCode(0), repStartIndex: 0xFFF).rawValue == 0xFFF << 48)
        #expect(HypercallInputValue.reservedMask == 0xF000_F000_7800_0000)
    }

    @Test("fields cover all 64 bits exactly once")
    func layoutIsComplete() {
        for layout in [HypercallInputValue.layout, HypercallResultValue.layout] {
            var covered: UInt64 = 0
            for field in layout {
                #expect(covered & field.mask == 0, "\(field.name) overlaps")
                covered |= field.mask
            }
            #expect(covered == .max)
        }
    }

    @Test("encode → decode round trip at every field's edge values", arguments: [0, 1, 2, 0x7F, 0x3FE, 0x3FF])
    func roundTrip(variableHeader: UInt64) throws {
        for code: UInt16 in [0, 1, 0x4E, 0x7FFF, 0x8000, 0x8001, 0xC001, 0xFFFF] {
            for rep: UInt64 in [0, 1, 0x800, 0xFFF] {
                for start: UInt64 in [0, 1, 0xFFE, 0xFFF] {
                    for flags in 0..<4 {
                        let value = try HypercallInputValue(
                            callCode: HypercallCode(code), isFast: flags & 1 != 0, variableHeaderSize: variableHeader,
                            isNested: flags & 2 != 0, repCount: rep, repStartIndex: start)
                        #expect(value.callCode.rawValue == code)
                        #expect(value.isFast == (flags & 1 != 0))
                        #expect(value.isNested == (flags & 2 != 0))
                        #expect(UInt64(value.variableHeaderSize) == variableHeader)
                        #expect(value.variableHeaderBytes == Int(variableHeader) * 8)
                        #expect(UInt64(value.repCount) == rep)
                        #expect(UInt64(value.repStartIndex) == start)
                        #expect(value.reservedBits == 0)
                        let fields = Dictionary(value.fields.filter { !$0.field.isReserved }.map { ($0.field.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                        #expect(fields["repCount"] == rep && fields["repStartIndex"] == start && fields["callCode"] == UInt64(code))
                    }
                }
            }
        }
    }

    @Test("values that do not fit their field are refused, naming the field")
    func overflow() {
        #expect(throws: FieldOverflow.self) { try HypercallInputValue(callCode: HypercallCode(1), variableHeaderSize: 0x400) }
        #expect(throws: FieldOverflow.self) { try HypercallInputValue(callCode: HypercallCode(1), repCount: 0x1000) }
        #expect(throws: FieldOverflow.self) { try HypercallInputValue(callCode: HypercallCode(1), repStartIndex: 0x1000) }
        do {
            _ = try HypercallInputValue(callCode: HypercallCode(1), repCount: 4096)
        } catch {
            #expect(error.field.name == "repCount")
            #expect(error.description.contains("43:32"))
        }
    }

    @Test("reserved bits are reported one range at a time with HV_STATUS_INVALID_HYPERCALL_INPUT", arguments: [27, 30, 44, 47, 60, 63])
    func reservedBits(bit: Int) throws {
        let entry = try #require(HypercallCatalog.standard.entry(for: HypercallCode(0x0002)))
        let value = HypercallInputValue(rawValue: 0x0002 | (1 << UInt64(bit)))
        let violations = value.violations(against: entry)
        #expect(violations.map(\.rule) == [.reservedBitsSet])
        #expect(violations.first?.status == .invalidHypercallInput)
        #expect(value.reservedBits == 1 << UInt64(bit))
    }
}
