/// The 64-bit Hypercall Result Value (TLFS "Hypercall Outputs"): RAX on x64, EDX:EAX on x86, X0 on ARM64.
///
/// | bits  | field           |
/// |-------|-----------------|
/// | 15:0  | result (HV_STATUS) |
/// | 31:16 | reserved        |
/// | 43:32 | reps completed  |
/// | 63:44 | reserved        |
public struct HypercallResultValue: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(status: HypervisorStatus, repsCompleted: UInt64 = 0) throws(FieldOverflow) {
        guard let raw = Field.repsCompleted.inserting(repsCompleted, into: UInt64(status.rawValue)) else {
            throw FieldOverflow(field: Field.repsCompleted, value: repsCompleted)
        }
        self.rawValue = raw
    }

    public enum Field {
        public static let status = BitField("status", bits: 0, width: 16)
        public static let repsCompleted = BitField("repsCompleted", bits: 32, width: 12)
    }

    /// The layout, low bits first, reserved ranges included.
    public static let layout: [BitField] = [
        Field.status, BitField("reserved", bits: 16, width: 16, reserved: true),
        Field.repsCompleted, BitField("reserved", bits: 44, width: 20, reserved: true),
    ]

    public static let reservedMask: UInt64 = layout.reservedMask

    public var status: HypervisorStatus { HypervisorStatus(rawValue: UInt16(truncatingIfNeeded: rawValue)) }
    public var repsCompleted: Int { Int(Field.repsCompleted.extract(from: rawValue)) }
    public var reservedBits: UInt64 { rawValue & Self.reservedMask }
    public var fields: [DecodedBitField] { Self.layout.decode(rawValue) }

    /// Consistency of a result with the input value that produced it; empty when consistent.
    ///
    /// Reps completed count from rep index 0, so they never exceed the rep count. Fewer reps than
    /// requested with success is legal where a handler is observed directly: the hypervisor resumes
    /// the call itself (a continuation) before the caller sees a result.
    public func inconsistencies(with input: HypercallInputValue) -> [String] {
        var found: [String] = []
        if reservedBits != 0 { found.append("reserved result bits set: \(HexFormat.fixedWidth(reservedBits, digits: 16))") }
        if repsCompleted > input.repCount {
            found.append("reps completed \(repsCompleted) exceeds rep count \(input.repCount)")
        }
        return found
    }
}
