import Testing
@testable import HypercallABI

@Suite("Hypercall Result Value")
struct ResultValueTests {
    @Test("status in bits 15:0, reps completed in bits 43:32")
    func layout() throws {
        let value = HypercallResultValue(rawValue: 0x0000_0ABC_0000_0005)
        #expect(value.status == HypervisorStatus(0x0005))
        #expect(value.repsCompleted == 0xABC)
        #expect(value.reservedBits == 0)
        #expect(try HypercallResultValue(status: .invalidAlignment, repsCompleted: 0xFFF).rawValue == 0x0000_0FFF_0000_0004)
        #expect(HypercallResultValue.reservedMask == 0xFFFF_F000_FFFF_0000)
        #expect(throws: FieldOverflow.self) { try HypercallResultValue(status: .success, repsCompleted: 0x1000) }
    }

    @Test("reps completed beyond the rep count and reserved bits are inconsistent")
    func consistency() throws {
        let input = try HypercallInputValue(callCode: HypercallCode(3), repCount: 3)
        #expect(HypercallResultValue(rawValue: 3 << 32).inconsistencies(with: input).isEmpty)
        #expect(HypercallResultValue(rawValue: 1 << 32).inconsistencies(with: input).isEmpty, "a continuation")
        #expect(HypercallResultValue(rawValue: 4 << 32).inconsistencies(with: input).count == 1)
        #expect(HypercallResultValue(rawValue: 1 << 20).inconsistencies(with: input).count == 1)
    }
}
