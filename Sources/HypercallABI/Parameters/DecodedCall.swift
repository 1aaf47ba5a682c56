/// The typed value of one decoded parameter field.
public enum DecodedValue: Sendable, Hashable {
    /// A group of fields (a structure, a list, a block) with no value of its own.
    case none
    /// An integer of up to 64 bits, also flag words and enumerations (see `text` for names).
    case unsigned(UInt64)
    /// A 128-bit value (register values, XMM contents), low half first.
    case wide(low: UInt64, high: UInt64)
    /// Opaque bytes (message payloads, bytes past the layout).
    case bytes([UInt8])
    /// A set of virtual processor indices (HV_VP_SET, processor masks), ascending.
    case processors([UInt32])
    /// All virtual processors of the partition (HV_VP_SET format 1, the all-processors flag).
    case allProcessors
    /// A field the block is too short to hold.
    case missing
}

/// One node of a decoded parameter tree: a field with its value, or a group of fields.
public struct DecodedField: Sendable, Hashable {
    /// Padding and reserved fields (`padding`, `reserved…`, `rsvd…`): the decoder checks them
    /// (findings); summaries and reports leave them out.
    public static func isFiller(_ name: some StringProtocol) -> Bool {
        var copy = String(name)
        return copy.withUTF8 { isFiller(pathUTF8: UnsafeRawBufferPointer($0)) }
    }

    /// `isFiller` for the last component of a dotted path given as UTF-8 (`input.elements[0].rsvd`),
    /// without making strings: the report's parameter tally calls it for every decoded leaf.
    public static func isFiller(pathUTF8 path: UnsafeRawBufferPointer) -> Bool {
        var start = path.count
        while start > 0, path[start - 1] != UInt8(ascii: ".") { start -= 1 }
        let length = path.count - start
        for prefix in fillerPrefixesUTF8 where length >= prefix.count {
            var index = 0
            while index < prefix.count, path[start + index] == prefix[index] { index += 1 }
            if index == prefix.count { return true }
        }
        return false
    }

    private static let fillerPrefixesUTF8 = ["padding", "reserved", "rsvd"].map { Array($0.utf8) }

    /// Field name as the TLFS spells it, in lower camel case (`addressSpace`, `elements[3]`).
    public var name: String
    /// Byte offset in its block (input or output), `nil` for values derived from other fields.
    public var offset: Int?
    /// Size in bytes (0 for derived values and groups of variable size not yet known).
    public var size: Int
    public var value: DecodedValue
    /// Readable value: `0x1A2B000`, `{0,5,130}`, `ALL_PROCESSORS|NON_GLOBAL_MAPPINGS_ONLY`, `HvX64RegisterRip`.
    public var text: String
    public var children: [DecodedField]
    /// A remark shown beside the value, not part of it (`processed`, `not reached`).
    public var annotation: String?

    public init(name: String, offset: Int?, size: Int, value: DecodedValue, text: String, children: [DecodedField] = [], annotation: String? = nil) {
        self.name = name
        self.offset = offset
        self.size = size
        self.value = value
        self.text = text
        self.children = children
        self.annotation = annotation
    }

    /// The unsigned value, when the field has one.
    public var unsigned: UInt64? {
        if case .unsigned(let value) = value { return value }
        return nil
    }

    /// The first descendant (depth first) with this name, or the child at this dotted path (`processorSet.format`).
    public func field(_ path: String) -> DecodedField? {
        guard path.utf8.contains(UInt8(ascii: ".")) else {
            return path.isEmpty ? self : children.first { $0.name == path }
        }
        var node = self
        for part in path.split(separator: ".") {
            let name = String(part)
            guard let next = node.children.first(where: { $0.name == name }) else { return nil }
            node = next
        }
        return node
    }
}

/// Something wrong or noteworthy in a parameter block, reported beside the tree (never a crash).
public struct ParameterFinding: Sendable, Hashable, Encodable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// The hypervisor rejects or misreads the block (too short, misaligned, crosses a page).
        case error
        /// Against the specification but possibly tolerated (reserved bits set, sizes that disagree).
        case warning
        /// Worth knowing (bytes past the layout, a layout taken from a single source).
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public let severity: Severity
    /// Dotted path of the field at fault (`input.flags`, `input.elements[2].gvaRange`, `output`).
    public let path: String
    public let message: String

    public init(_ severity: Severity, _ path: String, _ message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(severity.rawValue): \(path): \(message)" }
}

/// A decoded hypercall: the input and output parameter trees, findings, and readable summaries.
public struct DecodedCall: Sendable, Hashable {
    public let inputValue: HypercallInputValue
    /// The convention the blocks were decoded under.
    public let convention: CallingConvention
    /// `nil` when no layout is declared for the call code (see `ParameterLayouts.layout(for:)`).
    public let layoutName: String?
    /// The input block, `nil` when the call takes none and none was given.
    public let input: DecodedField?
    /// The output block, `nil` when none was given.
    public let output: DecodedField?
    public let findings: [ParameterFinding]
    /// One line a person can read: `flush address space 0x1A2B000 on VPs {0,5,130}, flags ALL_VIRTUAL_ADDRESS_SPACES`.
    public let summary: String

    /// Every leaf of both trees as (dotted path, readable value), input first, for summaries and reports.
    public var leaves: [(path: String, text: String)] { Self.leaves(input, output) }

    static func leaves(_ input: DecodedField?, _ output: DecodedField?) -> [(path: String, text: String)] {
        var result: [(path: String, text: String)] = []
        result.reserveCapacity(16)
        // The path of the node being visited, as UTF-8; each leaf's path string is made from it once.
        var path: [UInt8] = []
        path.reserveCapacity(64)
        if let input { collectLeaves(input, path: &path, into: &result) }
        if let output { collectLeaves(output, path: &path, into: &result) }
        return result
    }

    private static func collectLeaves(_ node: DecodedField, path: inout [UInt8], into result: inout [(path: String, text: String)]) {
        let parentEnd = path.count
        if parentEnd > 0 { path.append(UInt8(ascii: ".")) }
        path.append(contentsOf: node.name.utf8)
        if node.children.isEmpty {
            result.append((path: parentEnd == 0 ? node.name : String(decoding: path, as: UTF8.self), text: node.text))
        } else {
            for child in node.children { collectLeaves(child, path: &path, into: &result) }
        }
        path.removeLast(path.count - parentEnd)
    }

    /// The worst severity among the findings, `nil` when there are none.
    public var worstSeverity: ParameterFinding.Severity? { findings.map(\.severity).min() }
}

extension HexFormat {
    /// A 128-bit value as `0x` and 32 hex digits, high half first.
    public static func wide(low: UInt64, high: UInt64) -> String {
        fixedWidth(high, digits: 16) + String(fixedWidth(low, digits: 16).dropFirst(2))
    }

    /// Bytes in memory order as lower-case hex pairs: `01020304`.
    public static func bytes(_ bytes: some Sequence<UInt8>) -> String {
        FieldDecoder.hexBytes(Array(bytes))
    }
}
