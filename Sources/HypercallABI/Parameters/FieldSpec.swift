/// One field of a declared parameter layout: where it is, how big, and how to read it.
public struct FieldSpec: Sendable {
    /// Name in lower camel case, as the TLFS names the field (`addressSpace`, `processorMask`).
    public let name: String
    /// Byte offset from the start of the structure that holds it.
    public let offset: Int
    /// Size in bytes; 0 for variable-size fields (a VP set), whose decoder finds the size.
    public let size: Int
    public let type: FieldType

    public init(_ name: String, _ offset: Int, _ size: Int, _ type: FieldType) {
        self.name = name
        self.offset = offset
        self.size = size
        self.type = type
    }

    /// A reserved-must-be-zero range (the TLFS's RsvdZ, ReservedZ).
    static func rsvdZ(_ offset: Int, _ size: Int, name: String = "reserved") -> FieldSpec {
        FieldSpec(name, offset, size, .reservedZero)
    }

    /// Padding whose value the hypervisor ignores (the TLFS's "Padding").
    static func padding(_ offset: Int, _ size: Int) -> FieldSpec {
        FieldSpec("padding", offset, size, .padding)
    }
}

/// How the bytes of a field are read and shown.
public indirect enum FieldType: Sendable {
    /// An integer shown in decimal (counts, indices, sizes).
    case decimal
    /// An integer shown in hex (addresses, masks, identifiers).
    case hex
    /// HV_PARTITION_ID: `0xFFFFFFFFFFFFFFFF` is HV_PARTITION_ID_SELF.
    case partitionID
    /// HV_VP_INDEX: `0xFFFFFFFE` is HV_VP_INDEX_SELF, `0xFFFFFFFF` HV_ANY_VP.
    case vpIndex
    /// A 4 KiB page number (HV_GPA_PAGE_NUMBER, HV_GVA_PAGE_NUMBER), shown with its address.
    case pageNumber
    /// HV_VTL: a VTL number, 0–15.
    case vtl
    /// A 64-bit processor mask, one bit per VP index (FlushVirtualAddressSpace, SendSyntheticClusterIpi).
    case processorMask
    /// A value from a closed table of names.
    case enumeration(EnumTable)
    /// A word of flag bits; bits no entry covers must be zero.
    case flags(FlagTable)
    /// Bit fields of an integer, each shown as a child (HV_INPUT_VTL, HV_PROXIMITY_DOMAIN_FLAGS).
    case bits([BitSpec])
    /// A nested structure declared as fields (HV_X64_SEGMENT_REGISTER, HV_INITIAL_VP_CONTEXT).
    case structure([FieldSpec])
    /// A composite whose layout depends on its own contents or on other fields.
    case composite(CompositeKind)
    /// Reserved, must be zero.
    case reservedZero
    /// Padding, ignored by the hypervisor.
    case padding
    /// Opaque bytes.
    case bytes
}

/// Composites that need code rather than a field table (`CompositeDecoders.swift`).
public enum CompositeKind: Sendable {
    /// HV_VP_SET: format, valid-bank mask, one 64-bit bank per set mask bit (variable size).
    case vpSet
    /// HV_GVA_RANGE: simple form, or the extended form when the flush flags ask for it.
    case gvaRange
    /// HV_GPA_PAGE_RANGE: 4 KiB pages or large pages (2 MiB / 1 GiB).
    case gpaPageRange
    /// HV_REGISTER_NAME with its name from the register catalog.
    case registerName
    /// HV_REGISTER_VALUE, typed by the register name read before it.
    case registerValue
    /// HV_DEVICE_INTERRUPT_TARGET: vector, flags, then a processor mask or a VP set.
    case deviceInterruptTarget
    /// HV_PORT_INFO: a union selected by the port type.
    case portInfo
    /// HV_CONNECTION_INFO: a union selected by the port type.
    case connectionInfo
    /// The PostMessage payload: the first PayloadSize bytes of the 240-byte message.
    case messagePayload
    /// HvExtCallGetBootZeroedMemory's output: a count and that many (start page, page count) ranges.
    case bootZeroedRanges
}

/// One bit field of a `.bits` field, with an optional table naming its values.
public struct BitSpec: Sendable {
    public let field: BitField
    public let names: EnumTable?
    public init(_ name: String, bits: Int, width: Int, reserved: Bool = false, names: EnumTable? = nil) {
        field = BitField(name, bits: bits, width: width, reserved: reserved)
        self.names = names
    }
}

/// Names of the values of an enumeration, with where they come from.
public struct EnumTable: Sendable {
    public let typeName: String
    public let entries: [(value: UInt64, name: String)]
    public let source: String

    public init(_ typeName: String, source: String, _ entries: [(UInt64, String)]) {
        self.typeName = typeName
        self.entries = entries.map { (value: $0.0, name: $0.1) }
        self.source = source
    }

    public func name(of value: UInt64) -> String? { entries.first { $0.value == value }?.name }
}

/// Names of flag bits (or of multi-bit values under a mask), with where they come from.
public struct FlagTable: Sendable {
    public struct Entry: Sendable {
        public let mask: UInt64
        public let value: UInt64
        public let name: String
    }
    public let typeName: String
    public let entries: [Entry]
    public let source: String
    /// Bits no entry names must be zero (a warning when set); otherwise they are only noted.
    public let undefinedBitsReserved: Bool
    /// Every bit some entry covers.
    public let knownMask: UInt64
    /// The entries ordered by mask (a stable sort: equal masks keep their declared order), as `names(of:)` lists them.
    private let entriesByMask: [Entry]

    /// Single-bit flags `(bit mask, name)` and multi-bit values `(mask, value, name)`.
    public init(
        _ typeName: String, source: String, _ flags: [(UInt64, String)],
        fields: [(mask: UInt64, value: UInt64, name: String)] = [], undefinedBitsReserved: Bool = true
    ) {
        self.typeName = typeName
        self.entries = flags.map { Entry(mask: $0.0, value: $0.0, name: $0.1) } + fields.map { Entry(mask: $0.mask, value: $0.value, name: $0.name) }
        self.source = source
        self.undefinedBitsReserved = undefinedBitsReserved
        knownMask = entries.reduce(0) { $0 | $1.mask }
        entriesByMask = entries.sorted { $0.mask < $1.mask }
    }

    /// Names of the set flags, low bits first.
    public func names(of value: UInt64) -> [String] {
        entriesByMask.filter { $0.value != 0 && value & $0.mask == $0.value }.map(\.name)
    }

    /// The set flags' names joined by `|`, then any bits no entry names in hex; `none` for no bits.
    func text(of value: UInt64) -> String {
        var text = TextBytes(capacity: 48)
        for entry in entriesByMask where entry.value != 0 && value & entry.mask == entry.value {
            if !text.bytes.isEmpty { text.append(ascii: "|") }
            text.append(entry.name)
        }
        let undefined = value & ~knownMask
        if undefined != 0 {
            if !text.bytes.isEmpty { text.append(ascii: "|") }
            text.appendHex(undefined)
        }
        return text.bytes.isEmpty ? "none" : text.string
    }
}
