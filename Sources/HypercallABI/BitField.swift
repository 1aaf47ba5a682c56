/// One field of a 64-bit register image such as the Hypercall Input or Result Value.
///
/// Layouts are declared as tables of `BitField`s so that decoding, encoding and printing every
/// field (including the reserved ranges) use the same declaration.
public struct BitField: Sendable, Hashable {
    /// Field name as the TLFS names it, in lower camel case (`repStartIndex`).
    public let name: String
    /// Least significant bit of the field.
    public let lowBit: Int
    /// Number of bits.
    public let width: Int
    /// Reserved-must-be-zero range rather than a field.
    public let isReserved: Bool

    public init(_ name: String, bits lowBit: Int, width: Int, reserved: Bool = false) {
        precondition(lowBit >= 0 && width > 0 && lowBit + width <= 64, "bit field \(name) out of range")
        self.name = name
        self.lowBit = lowBit
        self.width = width
        self.isReserved = reserved
    }

    /// Highest bit of the field.
    public var highBit: Int { lowBit + width - 1 }
    /// Largest value the field can hold.
    public var maxValue: UInt64 { width == 64 ? .max : (1 << UInt64(width)) - 1 }
    /// The field's bits in place.
    public var mask: UInt64 { maxValue << UInt64(lowBit) }
    /// `63:60`-style bit range as the TLFS writes it.
    public var bitRange: String { width == 1 ? "\(lowBit)" : "\(highBit):\(lowBit)" }

    /// The field's value in `raw`.
    public func extract(from raw: UInt64) -> UInt64 { (raw >> UInt64(lowBit)) & maxValue }

    /// `raw` with this field replaced by `value`; `nil` when `value` does not fit.
    public func inserting(_ value: UInt64, into raw: UInt64) -> UInt64? {
        guard value <= maxValue else { return nil }
        return (raw & ~mask) | (value << UInt64(lowBit))
    }
}

/// A decoded field with its value, for printing and JSON.
public struct DecodedBitField: Sendable, Hashable {
    public let field: BitField
    public let value: UInt64
}

extension Array where Element == BitField {
    /// Union of the masks of the reserved ranges.
    var reservedMask: UInt64 { filter(\.isReserved).reduce(0) { $0 | $1.mask } }

    /// Every field of the layout with its value in `raw`, low bits first.
    func decode(_ raw: UInt64) -> [DecodedBitField] {
        map { DecodedBitField(field: $0, value: $0.extract(from: raw)) }
    }
}
