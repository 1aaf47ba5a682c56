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
    /// The last value read of each integer field name, for composites that depend on an earlier field
    /// (the flush flags select the GVA range form, `payloadSize` bounds the message).
    var recent: [String: UInt64] = [:]
    /// The register an HV_REGISTER_VALUE belongs to.
    var registerName: UInt32?
    private var reportedMissing = false

    init(_ block: UnsafeRawBufferPointer) { self.block = BlockBytes(raw: block) }

    mutating func report(_ severity: ParameterFinding.Severity, _ path: String, _ message: String) {
        findings.append(ParameterFinding(severity, path, message))
    }

    mutating func decodeAll(_ specs: [FieldSpec], base: Int, path: String) -> [DecodedField] {
        specs.map { decode($0, base: base, path: path) }
    }

    /// A placeholder for a field past the end of the block; the first one per block is reported.
    mutating func missing(_ name: String, at offset: Int, size: Int, path: String) -> DecodedField {
        if !reportedMissing {
            reportedMissing = true
            report(.error, path + "." + name, "the block is \(block.count) bytes; \(name) needs bytes \(offset)..<\(offset + max(size, 1))")
        }
        return DecodedField(name: name, offset: offset, size: size, value: .missing, text: "<missing>")
    }

    mutating func decode(_ spec: FieldSpec, base: Int, path: String) -> DecodedField {
        let offset = base + spec.offset
        let fieldPath = path + "." + spec.name
        switch spec.type {
        case .structure(let fields):
            guard block.count >= offset + spec.size else { return missing(spec.name, at: offset, size: spec.size, path: path) }
            return DecodedField(name: spec.name, offset: offset, size: spec.size, value: .none, text: "",
                                children: decodeAll(fields, base: offset, path: fieldPath))
        case .composite(let kind):
            return decodeComposite(kind, name: spec.name, at: offset, size: spec.size, path: path)
        case _ where spec.size > 8 || { if case .bytes = spec.type { true } else { false } }():
            guard let bytes = block.bytes(at: offset, count: spec.size) else { return missing(spec.name, at: offset, size: spec.size, path: path) }
            if case .reservedZero = spec.type, bytes.contains(where: { $0 != 0 }) {
                report(.warning, fieldPath, "reserved, must be zero: \(Self.hexBytes(bytes))")
            }
            return DecodedField(name: spec.name, offset: offset, size: spec.size, value: .bytes(bytes), text: Self.hexBytes(bytes))
        default:
            guard let raw = block.integer(at: offset, size: spec.size) else { return missing(spec.name, at: offset, size: spec.size, path: path) }
            recent[spec.name] = raw
            return integerField(spec, raw: raw, offset: offset, path: fieldPath)
        }
    }

    /// An integer field of up to 8 bytes, shown per its type.
    mutating func integerField(_ spec: FieldSpec, raw: UInt64, offset: Int?, path: String) -> DecodedField {
        var field = DecodedField(name: spec.name, offset: offset, size: spec.size, value: .unsigned(raw), text: Self.hex(raw))
        switch spec.type {
        case .decimal: field.text = String(raw)
        case .partitionID: field.text = raw == UInt64.max ? "HV_PARTITION_ID_SELF" : Self.hex(raw)
        case .vpIndex:
            field.text = switch raw { case 0xFFFF_FFFE: "HV_VP_INDEX_SELF"; case 0xFFFF_FFFF: "HV_ANY_VP"; default: String(raw) }
        case .pageNumber: field.text = Self.page(raw)
        case .vtl:
            field.text = "VTL \(raw)"
            if raw > 15 { report(.warning, path, "VTL \(raw) is out of range 0–15") }
        case .processorMask:
            let processors = (0..<64).filter { raw & (1 << UInt64($0)) != 0 }.map(UInt32.init)
            field.value = .processors(processors)
            field.text = Self.processorList(processors)
        case .enumeration(let table):
            if let name = table.name(of: raw) { field.text = "\(name) (\(Self.hex(raw)))" } else {
                field.text = "\(Self.hex(raw)) (not a known \(table.typeName))"
                report(.note, path, "\(Self.hex(raw)) is not a \(table.typeName) value any source names")
            }
        case .flags(let table):
            let names = table.names(of: raw)
            let undefined = raw & ~table.knownMask
            field.text = names.isEmpty && undefined == 0 ? "none" : (names + (undefined != 0 ? [Self.hex(undefined)] : [])).joined(separator: "|")
            if undefined != 0 {
                report(table.undefinedBitsReserved ? .warning : .note, path, "bits \(Self.hex(undefined)) are not defined in \(table.typeName)")
            }
        case .bits(let specs):
            field.children = specs.map { bitField($0, raw: raw, path: path) }
        case .reservedZero:
            if raw != 0 { report(.warning, path, "reserved, must be zero: \(Self.hex(raw))") }
        default: break
        }
        return field
    }

    private mutating func bitField(_ spec: BitSpec, raw: UInt64, path: String) -> DecodedField {
        let value = spec.field.extract(from: raw)
        var text = spec.field.width == 1 ? (value == 1 ? "1" : "0") : (value > 9 ? Self.hex(value) : String(value))
        if let names = spec.names { text = names.name(of: value).map { "\($0) (\(Self.hex(value)))" } ?? "\(Self.hex(value)) (not a known \(names.typeName))" }
        if spec.field.isReserved, value != 0 {
            report(.warning, path + "." + spec.field.name, "reserved bits \(spec.field.bitRange) must be zero: \(Self.hex(value))")
        }
        return DecodedField(name: spec.field.name, offset: nil, size: 0, value: .unsigned(value), text: text)
    }

    static func hex(_ value: UInt64) -> String { HexFormat.fixedWidth(value, digits: 1) }

    static func hexBytes(_ bytes: [UInt8]) -> String { HexFormat.bytes(bytes) }

    /// A 4 KiB page number with its address: `0x1A2B (0x1A2B000)`.
    static func page(_ number: UInt64) -> String {
        number >> 52 == 0 ? "\(hex(number)) (\(hex(number << 12)))" : hex(number)
    }

    /// `{0,5,130}`, runs of three or more as ranges: `{0-63,128}`.
    static func processorList(_ processors: [UInt32]) -> String {
        var parts: [String] = []
        var index = 0
        while index < processors.count {
            var end = index
            while end + 1 < processors.count, processors[end + 1] == processors[end] + 1 { end += 1 }
            if end - index >= 2 { parts.append("\(processors[index])-\(processors[end])"); index = end + 1 }
            else { parts.append(String(processors[index])); index += 1 }
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
