/// The catalog of every known call code, built once from the declarative tables in
/// `CatalogTable*.swift`, with look-up by code and by any name or alias.
public struct HypercallCatalog: Sendable {
    /// The catalog hvlog ships.
    public static let standard = HypercallCatalog(rows: CatalogRow.allRows)

    /// Every entry, ordered by code.
    public let entries: [HypercallEntry]
    private let byCode: [UInt16: Int]
    private let byKey: [String: [Int]]

    /// A normalized name that more than one code answers to.
    public struct NameConflict: Sendable, Hashable {
        public let key: String
        public let codes: [HypercallCode]
    }
    /// Names that more than one code answers to (after normalization); look-up reports them.
    public let nameConflicts: [NameConflict]

    init(rows: [CatalogRow]) {
        let entries = rows.map(\.entry).sorted { $0.code < $1.code }
        var byCode: [UInt16: Int] = [:]
        var byKey: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            precondition(byCode.updateValue(index, forKey: entry.code.rawValue) == nil, "call code \(entry.code.hex) declared twice")
            for key in Set(entry.names.map { Self.normalize($0.name) }) {
                byKey[key, default: []].append(index)
            }
        }
        self.entries = entries
        self.byCode = byCode
        self.byKey = byKey
        self.nameConflicts = byKey.filter { $0.value.count > 1 }
            .map { NameConflict(key: $0.key, codes: $0.value.map { entries[$0].code }) }
            .sorted { $0.key < $1.key }
    }

    /// The entry of a code, `nil` when no source names it.
    public func entry(for code: HypercallCode) -> HypercallEntry? {
        byCode[code.rawValue].map { entries[$0] }
    }

    /// The result of looking up a name.
    public enum NameLookup: Sendable, Equatable {
        case found(HypercallEntry)
        /// The name is spelled by sources for more than one code.
        case ambiguous([HypercallEntry])
        case notFound
    }

    /// Looks a name up: any name or alias, case-insensitive, with or without the `HvCall`/`HvExtCall`
    /// prefix, in CamelCase or Linux spelling (`HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE`).
    public func lookup(name: String) -> NameLookup {
        let key = Self.normalize(name)
        var candidates = byKey[key] ?? []
        if candidates.isEmpty {
            // A bare name ("FlushVirtualAddressSpace"): try it with each prefix.
            for prefix in Self.prefixes where !key.hasPrefix(prefix) {
                candidates += byKey[prefix + key] ?? []
            }
        }
        let unique = Array(Set(candidates)).sorted()
        switch unique.count {
        case 0: return .notFound
        case 1: return .found(entries[unique[0]])
        default: return .ambiguous(unique.map { entries[$0] })
        }
    }

    /// Resolves `text` as a code (`0x4e`, `78`, `4Eh`) or as a name.
    public func resolve(_ text: String) -> NameLookup {
        if let value = HexFormat.parseUnsigned(text) {
            guard value <= UInt64(UInt16.max) else { return .notFound }
            return entry(for: HypercallCode(UInt16(value))).map { .found($0) } ?? .notFound
        }
        return lookup(name: text)
    }

    /// Prefixes that name conventions put in front of a call name (normalized).
    static let prefixes = ["HVCALL", "HVEXTCALL", "HV"]

    /// Upper-case ASCII letters and digits only: `HvCallFlushVirtualAddressSpace` and
    /// `HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE` both become `HVCALLFLUSHVIRTUALADDRESSSPACE`.
    static func normalize(_ name: String) -> String {
        String(decoding: name.utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - 32
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
            default: nil
            }
        }, as: UTF8.self)
    }
}
