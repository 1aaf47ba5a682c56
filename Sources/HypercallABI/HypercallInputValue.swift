/// The 64-bit Hypercall Input Value (TLFS "Hypercall Inputs"): RCX on x64, EDX:EAX on x86, X0/X1 on ARM64.
///
/// Layout (TLFS 6.0b §3.7):
///
/// | bits  | field                  |
/// |-------|------------------------|
/// | 15:0  | call code              |
/// | 16    | fast                   |
/// | 26:17 | variable header size (8-byte units) |
/// | 30:27 | reserved, zero         |
/// | 31    | is nested              |
/// | 43:32 | rep count              |
/// | 47:44 | reserved, zero         |
/// | 59:48 | rep start index        |
/// | 63:60 | reserved, zero         |
public struct HypercallInputValue: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The layout, low bits first, reserved ranges included.
    public static let layout: [BitField] = [
        Field.callCode, Field.fast, Field.variableHeaderSize, BitField("reserved", bits: 27, width: 4, reserved: true),
        Field.isNested, Field.repCount, BitField("reserved", bits: 44, width: 4, reserved: true),
        Field.repStartIndex, BitField("reserved", bits: 60, width: 4, reserved: true),
    ]

    /// The named fields of the layout.
    public enum Field {
        public static let callCode = BitField("callCode", bits: 0, width: 16)
        public static let fast = BitField("fast", bits: 16, width: 1)
        public static let variableHeaderSize = BitField("variableHeaderSize", bits: 17, width: 10)
        public static let isNested = BitField("isNested", bits: 31, width: 1)
        public static let repCount = BitField("repCount", bits: 32, width: 12)
        public static let repStartIndex = BitField("repStartIndex", bits: 48, width: 12)
    }

    /// Bits that must be zero.
    public static let reservedMask: UInt64 = layout.reservedMask

    /// Builds an input value from its fields; throws when a field does not fit its bits.
    public init(
        callCode: HypercallCode, isFast: Bool = false, variableHeaderSize: UInt64 = 0,
        isNested: Bool = false, repCount: UInt64 = 0, repStartIndex: UInt64 = 0
    ) throws(FieldOverflow) {
        func checked(_ value: UInt64, _ field: BitField) throws(FieldOverflow) -> UInt64 {
            guard value <= field.maxValue else { throw FieldOverflow(field: field, value: value) }
            return value << UInt64(field.lowBit)
        }
        rawValue = UInt64(callCode.rawValue) | (isFast ? 1 << 16 : 0) | (isNested ? 1 << 31 : 0)
            | (try checked(variableHeaderSize, Field.variableHeaderSize)) | (try checked(repCount, Field.repCount))
            | (try checked(repStartIndex, Field.repStartIndex))
    }

    public var callCode: HypercallCode { HypercallCode(UInt16(Field.callCode.extract(from: rawValue))) }
    public var isFast: Bool { Field.fast.extract(from: rawValue) == 1 }
    /// Size of the variable header in 8-byte units.
    public var variableHeaderSize: Int { Int(Field.variableHeaderSize.extract(from: rawValue)) }
    /// Size of the variable header in bytes.
    public var variableHeaderBytes: Int { variableHeaderSize * 8 }
    /// Set by a nested (L1) hypervisor calling its parent, Linux `HV_HYPERCALL_NESTED`.
    public var isNested: Bool { Field.isNested.extract(from: rawValue) == 1 }
    public var repCount: Int { Int(Field.repCount.extract(from: rawValue)) }
    public var repStartIndex: Int { Int(Field.repStartIndex.extract(from: rawValue)) }
    /// The reserved bits that are set (zero in a valid input value).
    public var reservedBits: UInt64 { rawValue & Self.reservedMask }

    /// Every field with its value.
    public var fields: [DecodedBitField] { Self.layout.decode(rawValue) }

    /// Checks the value against the rules of the TLFS for the call's kind; empty when valid.
    ///
    /// `entry` is the catalog entry of the call code (`nil` for a code no source names, which the
    /// hypervisor rejects with `HV_STATUS_INVALID_HYPERCALL_CODE`). Rules whose outcome depends on a
    /// property the catalog does not know (e.g. whether an undocumented call is rep) are skipped.
    public func violations(against entry: HypercallEntry?) -> [InputValueViolation] {
        var found: [InputValueViolation] = []
        func report(_ rule: InputValueViolation.Rule, _ field: String, _ message: String) {
            found.append(InputValueViolation(rule: rule, field: field, message: message))
        }
        if reservedBits != 0 {
            report(.reservedBitsSet, "reserved", "reserved bits set: \(HexFormat.fixedWidth(reservedBits, digits: 16))")
        }
        guard let entry else {
            report(.unknownCallCode, "callCode", "call code \(callCode.hex) is not in the catalog")
            return found
        }
        if entry.isReservedSlot {
            report(.unknownCallCode, "callCode", "call code \(callCode.hex) is a reserved slot (\(entry.canonicalName))")
            return found
        }
        if entry.vtlTransition != nil {
            // TLFS "Virtual Secure Mode": every control bit but the code is reserved; OpenVMM injects #UD otherwise.
            let extra = rawValue & ~Field.callCode.mask & ~Self.reservedMask
            if extra != 0 {
                report(.vtlControlNotZero, "control", "VTL \(entry.vtlTransition!.rawValue) with control bits \(HexFormat.fixedWidth(extra, digits: 16)) set besides the call code")
            }
            return found
        }
        switch entry.shape {
        case .simple:
            if repCount != 0 { report(.repCountOnSimpleCall, "repCount", "rep count \(repCount) on simple hypercall \(entry.canonicalName)") }
            if repStartIndex != 0 { report(.repStartOnSimpleCall, "repStartIndex", "rep start index \(repStartIndex) on simple hypercall \(entry.canonicalName)") }
        case .rep:
            if repCount == 0 { report(.zeroRepCountOnRepCall, "repCount", "rep count 0 on rep hypercall \(entry.canonicalName)") }
            else if repStartIndex >= repCount {
                report(.repStartNotBelowRepCount, "repStartIndex", "rep start index \(repStartIndex) is not below rep count \(repCount)")
            }
        case .unknown:
            if repCount != 0, repStartIndex >= repCount {
                report(.repStartNotBelowRepCount, "repStartIndex", "rep start index \(repStartIndex) is not below rep count \(repCount)")
            }
        }
        if variableHeaderSize != 0, entry.variableHeader == .no {
            report(.variableHeaderNotAccepted, "variableHeaderSize", "variable header of \(variableHeaderBytes) bytes on \(entry.canonicalName), which takes none")
        }
        if isFast, entry.fast == .no {
            report(.fastNotSupported, "fast", "\(entry.canonicalName) cannot be called with the fast convention")
        }
        return found
    }
}

/// A field value that does not fit its bits.
public struct FieldOverflow: Error, Sendable, CustomStringConvertible {
    public let field: BitField
    public let value: UInt64
    public var description: String {
        "\(field.name) = \(value) does not fit in bits \(field.bitRange) (maximum \(field.maxValue))"
    }
}

/// One way an input value breaks the TLFS rules, with the status the hypervisor returns for it.
public struct InputValueViolation: Sendable, Hashable, CustomStringConvertible {
    /// The rules of TLFS "Hypercall Inputs" / "Hypercall Status Codes".
    public enum Rule: String, Sendable, CaseIterable {
        case reservedBitsSet, unknownCallCode, repCountOnSimpleCall, repStartOnSimpleCall
        case zeroRepCountOnRepCall, repStartNotBelowRepCount, variableHeaderNotAccepted, fastNotSupported
        case vtlControlNotZero

        /// What the hypervisor does when the rule is broken.
        public var outcome: ViolationOutcome {
            switch self {
            case .unknownCallCode: .status(.invalidHypercallCode)
            case .vtlControlNotZero: .invalidOpcodeFault
            // Fast calls whose parameters do not fit the registers: OpenVMM's TooBigForFast.
            default: .status(.invalidHypercallInput)
            }
        }
    }

    public let rule: Rule
    /// The input value field at fault.
    public let field: String
    public let message: String
    public var outcome: ViolationOutcome { rule.outcome }
    /// The status returned, `nil` when the hypervisor faults instead.
    public var status: HypervisorStatus? {
        if case .status(let status) = outcome { return status }
        return nil
    }
    public var description: String { "\(message) → \(outcome)" }
}

/// How the hypervisor answers an invalid input value.
public enum ViolationOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The call completes with this HV_STATUS in the result value.
    case status(HypervisorStatus)
    /// The hypervisor injects #UD into the caller and returns no result (VTL call and return).
    case invalidOpcodeFault

    public var description: String {
        switch self {
        case .status(let status): status.description
        case .invalidOpcodeFault: "#UD injected, no result value"
        }
    }
}
