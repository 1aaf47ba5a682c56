/// The declared parameter layout of one hypercall: its input header, rep elements and output,
/// with the sources every number was checked against. One declaration per call code
/// (`ParameterLayouts.all`); the call's name and shape come from the catalog (`HypercallCatalog`).
public struct ParameterLayout: Sendable {
    public let code: HypercallCode
    /// Input header fields in order; a field of size 0 is variable (an HV_VP_SET).
    public let input: [FieldSpec]
    /// Bytes of the fixed input header. A variable header (its size in the input value) follows it,
    /// then the rep elements, 8-byte aligned.
    public let fixedHeaderBytes: Int
    /// The rep input list element, `nil` for calls without one.
    public let inputElement: RepElement?
    /// Fixed output fields.
    public let output: [FieldSpec]
    /// Bytes of the fixed output; rep output elements follow.
    public let fixedOutputBytes: Int
    /// The rep output list element, `nil` for calls without one.
    public let outputElement: RepElement?
    /// Where the numbers come from.
    public let sources: [String]
    /// Disagreements between sources and how they were resolved.
    public let notes: [String]
    let summarize: @Sendable (SummaryView) -> String
    /// Rules of the call beyond field types (vector ranges, message type), as findings.
    let validate: (@Sendable (SummaryView) -> [ParameterFinding])?

    init(
        _ code: UInt16, input: [FieldSpec] = [], fixedHeader: Int? = nil, element: RepElement? = nil,
        output: [FieldSpec] = [], fixedOutput: Int? = nil, outputElement: RepElement? = nil,
        sources: [String], notes: [String] = [], validate: (@Sendable (SummaryView) -> [ParameterFinding])? = nil,
        summary: @escaping @Sendable (SummaryView) -> String
    ) {
        self.validate = validate
        self.code = HypercallCode(code)
        self.input = input
        self.fixedHeaderBytes = fixedHeader ?? input.map { $0.offset + $0.size }.max() ?? 0
        self.inputElement = element
        self.output = output
        self.fixedOutputBytes = fixedOutput ?? output.map { $0.offset + $0.size }.max() ?? 0
        self.outputElement = outputElement
        self.sources = sources
        self.notes = notes
        self.summarize = summary
    }

    /// The header has a variable part (an HV_VP_SET or a device interrupt target's VP set).
    public var hasVariableHeader: Bool { input.contains { $0.size == 0 } }
}

/// One element of a rep list: its size and fields.
public struct RepElement: Sendable {
    public let size: Int
    public let fields: [FieldSpec]
    public init(size: Int, _ fields: [FieldSpec]) {
        self.size = size
        self.fields = fields
    }
}

/// Read access to a decoded call for building its one-line summary.
public struct SummaryView: Sendable {
    public let input: DecodedField?
    public let output: DecodedField?
    public let inputValue: HypercallInputValue
    public let result: HypercallResultValue?

    /// Readable text of an input field (dotted path), `?` when absent.
    public func text(_ path: String) -> String { input?.field(path)?.text ?? "?" }
    /// Readable text of an output field, `?` when absent.
    public func out(_ path: String) -> String { output?.field(path)?.text ?? "?" }
    /// Unsigned value of an input field.
    public func value(_ path: String) -> UInt64? { input?.field(path)?.unsigned }
    /// The input rep elements.
    public var elements: [DecodedField] { input?.children.filter { $0.name.hasPrefix("elements[") } ?? [] }
    /// The output rep elements.
    public var outputElements: [DecodedField] { output?.children.filter { $0.name.hasPrefix("elements[") } ?? [] }

    /// `3 GVA ranges` style counts of the rep elements, from the input value.
    public func count(_ noun: String) -> String {
        let count = inputValue.repCount
        return "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The element texts, the first few, for summaries (`0x1000, 0x2000, … (+5)`).
    public func elementList(limit: Int = 4, output: Bool = false) -> String {
        let texts = (output ? outputElements : elements).map(\.text)
        let shown = texts.prefix(limit).joined(separator: ", ")
        return texts.count > limit ? "\(shown), … (+\(texts.count - limit))" : shown
    }
}
