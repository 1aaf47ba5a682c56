/// Bounds-checked little-endian reads from a parameter block; out-of-range reads return `nil`.
struct BlockBytes {
    let raw: UnsafeRawBufferPointer
    var count: Int { raw.count }

    func integer(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, size >= 1, size <= 8, offset <= raw.count - size else { return nil }
        var value: UInt64 = 0
        for index in 0..<size { value |= UInt64(raw[offset + index]) << UInt64(8 * index) }
        return value
    }

    func bytes(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset <= raw.count - count else { return nil }
        return Array(raw[offset..<offset + count])
    }
}

/// Decodes declared fields from one block, collecting findings; never traps on any bytes.
struct FieldDecoder {
    let block: BlockBytes
    var findings: [ParameterFinding] = []
    /// The last value read of the integer fields named `flags` and `payloadSize`, for composites that
    /// depend on an earlier field (the flush flags select the GVA range form, `payloadSize` bounds the message).
    var recentFlags: UInt64?
    var recentPayloadSize: UInt64?
    /// The register an HV_REGISTER_VALUE belongs to.
    var registerName: UInt32?
    private var reportedMissing = false

    init(_ block: UnsafeRawBufferPointer) { self.block = BlockBytes(raw: block) }

    mutating func report(_ severity: ParameterFinding.Severity, _ path: String, _ message: String) {
        findings.append(ParameterFinding(severity, path, message))
    }

    /// Decodes fields of the structure at `path` (built only when a finding needs it).
    mutating func decodeAll(_ specs: [FieldSpec], base: Int, path: @autoclosure () -> String) -> [DecodedField] {
        var fields: [DecodedField] = []
        fields.reserveCapacity(specs.count)
        for spec in specs { fields.append(decode(spec, base: base, path: path())) }
        return fields
    }

    /// A placeholder for a field past the end of the block; the first one per block is reported.
    mutating func missing(_ name: String, at offset: Int, size: Int, path: @autoclosure () -> String) -> DecodedField {
        if !reportedMissing {
            reportedMissing = true
            report(.error, path() + "." + name, "the block is \(block.count) bytes; \(name) needs bytes \(offset)..<\(offset + max(size, 1))")
        }
        return DecodedField(name: name, offset: offset, size: size, value: .missing, text: "<missing>")
    }

    mutating func decode(_ spec: FieldSpec, base: Int, path: @autoclosure () -> String) -> DecodedField {
        let offset = base + spec.offset
        func fieldPath() -> String { path() + "." + spec.name }
        switch spec.type {
        case .structure(let fields):
            guard block.count >= offset + spec.size else { return missing(spec.name, at: offset, size: spec.size, path: path()) }
            return DecodedField(name: spec.name, offset: offset, size: spec.size, value: .none, text: "",
                                children: decodeAll(fields, base: offset, path: fieldPath()))
        case .composite(let kind):
            return decodeComposite(kind, name: spec.name, at: offset, size: spec.size, path: path())
        case _ where spec.size > 8 || { if case .bytes = spec.type { true } else { false } }():
            guard let bytes = block.bytes(at: offset, count: spec.size) else { return missing(spec.name, at: offset, size: spec.size, path: path()) }
            if case .reservedZero = spec.type, bytes.contains(where: { $0 != 0 }) {
                report(.warning, fieldPath(), "reserved, must be zero: \(Self.hexBytes(bytes))")
            }
            return DecodedField(name: spec.name, offset: offset, size: spec.size, value: .bytes(bytes), text: Self.hexBytes(bytes))
        default:
            guard let raw = block.integer(at: offset, size: spec.size) else { return missing(spec.name, at: offset, size: spec.size, path: path()) }
            if spec.name == "flags" { recentFlags = raw } else if spec.name == "payloadSize" { recentPayloadSize = raw }
            return integerField(spec, raw: raw, offset: offset, path: fieldPath())
        }
    }

    /// An integer field of up to 8 bytes, shown per its type.
    mutating func integerField(_ spec: FieldSpec, raw: UInt64, offset: Int?, path: @autoclosure () -> String) -> DecodedField {
        var field = DecodedField(name: spec.name, offset: offset, size: spec.size, value: .unsigned(raw), text: Self.hex(raw))
        switch spec.type {
        case .decimal: field.text = TextBytes.decimal(raw)
        case .partitionID: field.text = raw == UInt64.max ? "HV_PARTITION_ID_SELF" : Self.hex(raw)
        case .vpIndex:
            field.text = switch raw { case 0xFFFF_FFFE: "HV_VP_INDEX_SELF"; case 0xFFFF_FFFF: "HV_ANY_VP"; default: TextBytes.decimal(raw) }
        case .pageNumber: field.text = Self.page(raw)
        case .vtl:
            field.text = "VTL \(raw)"
            if raw > 15 { report(.warning, path(), "VTL \(raw) is out of range 0–15") }
        case .processorMask:
            var processors: [UInt32] = []
            Self.appendMembers(of: raw, base: 0, to: &processors)
            field.value = .processors(processors)
            field.text = Self.processorList(processors)
        case .enumeration(let table):
            if let name = table.name(of: raw) { field.text = Self.named(name, raw) } else {
                field.text = "\(Self.hex(raw)) (not a known \(table.typeName))"
                report(.note, path(), "\(Self.hex(raw)) is not a \(table.typeName) value any source names")
            }
        case .flags(let table):
            let undefined = raw & ~table.knownMask
            field.text = table.text(of: raw)
            if undefined != 0 {
                report(table.undefinedBitsReserved ? .warning : .note, path(), "bits \(Self.hex(undefined)) are not defined in \(table.typeName)")
            }
        case .bits(let specs):
            var children: [DecodedField] = []
            children.reserveCapacity(specs.count)
            for bits in specs { children.append(bitField(bits, raw: raw, path: path())) }
            field.children = children
        case .reservedZero:
            if raw != 0 { report(.warning, path(), "reserved, must be zero: \(Self.hex(raw))") }
        default: break
        }
        return field
    }

    private mutating func bitField(_ spec: BitSpec, raw: UInt64, path: @autoclosure () -> String) -> DecodedField {
        let value = spec.field.extract(from: raw)
        var text = spec.field.width == 1 ? (value == 1 ? "1" : "0") : (value > 9 ? Self.hex(value) : TextBytes.decimal(value))
        if let names = spec.names { text = names.name(of: value).map { Self.named($0, value) } ?? "\(Self.hex(value)) (not a known \(names.typeName))" }
        if spec.field.isReserved, value != 0 {
            report(.warning, path() + "." + spec.field.name, "reserved bits \(spec.field.bitRange) must be zero: \(Self.hex(value))")
        }
        return DecodedField(name: spec.field.name, offset: nil, size: 0, value: .unsigned(value), text: text)
    }

    static func hex(_ value: UInt64) -> String { TextBytes.hex(value) }

    static func hexBytes(_ bytes: some Collection<UInt8>) -> String {
        var text = TextBytes(capacity: 2 * bytes.count)
        text.appendHexBytes(bytes)
        return text.string
    }

    /// `NAME (0x1F)`: a value's name and its hex value.
    static func named(_ name: String, _ value: UInt64) -> String {
        var text = TextBytes(capacity: name.utf8.count + 22)
        text.append(name)
        text.append(" (")
        text.appendHex(value)
        text.append(ascii: ")")
        return text.string
    }

    /// A 4 KiB page number with its address: `0x1A2B (0x1A2B000)`.
    static func page(_ number: UInt64) -> String {
        guard number >> 52 == 0 else { return hex(number) }
        var text = TextBytes(capacity: 40)
        text.appendHex(number)
        text.append(" (")
        text.appendHex(number << 12)
        text.append(ascii: ")")
        return text.string
    }

    /// The VP indices `base + bit` of the set bits of a 64-bit mask, ascending.
    static func appendMembers(of mask: UInt64, base: UInt32, to processors: inout [UInt32]) {
        var rest = mask
        while rest != 0 {
            processors.append(base + UInt32(rest.trailingZeroBitCount))
            rest &= rest - 1
        }
    }

    /// `{0,5,130}`, runs of three or more as ranges: `{0-63,128}`.
    static func processorList(_ processors: some RandomAccessCollection<UInt32>) -> String {
        var text = TextBytes(capacity: 2 + 4 * processors.count)
        text.appendProcessorList(processors)
        return text.string
    }
}
