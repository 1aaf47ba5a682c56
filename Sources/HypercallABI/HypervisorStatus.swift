/// An HV_STATUS value: the low 16 bits of the Hypercall Result Value.
public struct HypervisorStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// The catalog entry, `nil` for a value no source names.
    public var entry: StatusEntry? {
        let table = StatusEntry.byValue
        return Int(rawValue) < table.count ? table[Int(rawValue)] : nil
    }
    /// `HV_STATUS_SUCCESS`-style name, or `HV_STATUS_UNKNOWN(0x1234)`.
    public var name: String { entry?.name ?? "HV_STATUS_UNKNOWN(\(hex))" }
    public var hex: String { HexFormat.fixedWidth(UInt64(rawValue), digits: 4) }
    public var description: String { "\(name) (\(hex))" }

    /// Looks a status up by value (`0x3`, `3`) or by name, with or without the `HV_STATUS_` prefix,
    /// case-insensitive, in Linux (`HV_STATUS_INVALID_HYPERCALL_INPUT`) or OpenVMM
    /// (`InvalidHypercallInput`) spelling.
    public init?(parsing text: String) {
        if let value = HexFormat.parseUnsigned(text) {
            guard let narrow = UInt16(exactly: value) else { return nil }
            self.init(narrow)
            return
        }
        var key = HypercallCatalog.normalize(text)
        if key.hasPrefix("HVSTATUS") { key.removeFirst(8) }
        guard let entry = StatusEntry.byKey[key] else { return nil }
        self.init(entry.value)
    }

    public static let success = HypervisorStatus(0x0000)
    public static let invalidHypercallCode = HypervisorStatus(0x0002)
    public static let invalidHypercallInput = HypervisorStatus(0x0003)
    public static let invalidAlignment = HypervisorStatus(0x0004)
}

/// One HV_STATUS value with its names and where they come from.
public struct StatusEntry: Sendable, Hashable {
    public let value: UInt16
    /// `HV_STATUS_…` as the TLFS and Linux spell it.
    public let name: String
    /// Other spellings (e.g. OpenVMM's `HvError` case names).
    public let aliases: [String]
    /// The sources that define the value.
    public let sources: [String]
    /// What it means, briefly.
    public let meaning: String

    /// Indexed by value (the codes are small and dense: an array lookup, not a hash, since every
    /// logged result's status is named).
    static let byValue: [StatusEntry?] = {
        var table = [StatusEntry?](repeating: nil, count: Int(all.map(\.value).max() ?? 0) + 1)
        for entry in all {
            precondition(table[Int(entry.value)] == nil, "status 0x\(String(entry.value, radix: 16)) listed twice")
            table[Int(entry.value)] = entry
        }
        return table
    }()
    static let byKey: [String: StatusEntry] = {
        var keys: [String: StatusEntry] = [:]
        for entry in all {
            for spelling in [entry.name] + entry.aliases {
                var key = HypercallCatalog.normalize(spelling)
                if key.hasPrefix("HVSTATUS") { key.removeFirst(8) }
                keys[key] = entry
            }
        }
        return keys
    }()
}
