/// A hypercall call code: bits 15:0 of the Hypercall Input Value.
///
/// Codes 0x8000 and up are *extended* hypercalls (`HvExtCall…`). Any 16-bit value is representable,
/// including codes no source names; those print as `unknown(0x01F7)`.
public struct HypercallCode: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// Extended hypercalls occupy the upper half of the code space (TLFS "Extended Hypercall Interface").
    public var isExtended: Bool { rawValue >= 0x8000 }

    /// The code as `0x` and four upper-case hex digits, e.g. `0x004E`.
    public var hex: String { HexFormat.fixedWidth(UInt64(rawValue), digits: 4) }

    /// The canonical catalog name, or `unknown(0x01F7)` for a code no source names.
    public var name: String { HypercallCatalog.standard.entry(for: self)?.canonicalName ?? "unknown(\(hex))" }

    public var description: String { "\(hex) \(name)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Hex formatting shared by the ABI types; no Foundation needed.
public enum HexFormat {
    /// `0x` followed by exactly `digits` upper-case hex digits (more if the value needs them).
    public static func fixedWidth(_ value: UInt64, digits: Int) -> String {
        let body = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, digits - body.count)) + body
    }

    /// Parses `0x1F`, `1Fh`, `0X1f` or a decimal number; `nil` when it is not a number or overflows.
    public static func parseUnsigned(_ text: some StringProtocol) -> UInt64? {
        var digits = Substring(text.trimmingWhitespace())
        digits.removeAll { $0 == "_" || $0 == "`" }  // 0x0001_0003, WinDbg's 00000001`00000003
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            return UInt64(digits.dropFirst(2), radix: 16)
        }
        if digits.hasSuffix("h") || digits.hasSuffix("H") {
            return UInt64(digits.dropLast(), radix: 16)
        }
        return UInt64(digits, radix: 10)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
