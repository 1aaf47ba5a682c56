import ArgumentParser
import HypercallABI

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a Hypercall Input Value (and Result Value) and the call's parameter blocks: every field, every rule broken.",
        discussion: """
            With --input (and --output), the parameter blocks are decoded into named fields by the call's \
            layout (docs/parameters.md); rep start and reps completed come from --hiv and --hrv. \
            Example: hvlog decode --hiv 0x0001000300000003 --hrv 0x0000000300000000; \
            hvlog decode --hiv 0x20013 --input 00b0a1010000000002000000000000000000000000000000050000000000000021000000000000000400000000000000
            """
    )

    @Option(name: .long, help: "The 64-bit Hypercall Input Value (hex with 0x, or decimal).")
    var hiv: RegisterArgument

    @Option(name: .long, help: "The 64-bit Hypercall Result Value.")
    var hrv: RegisterArgument?

    @Option(name: .long, help: "The input block (or input registers' bytes) as hex bytes in memory order.")
    var input: HexBytesArgument?

    @Option(name: .long, help: "The output block (or XMM fast output registers' bytes) as hex bytes.")
    var output: HexBytesArgument?

    @Option(name: .long, help: "How the blocks were passed: memory, fast or xmm (default: from the fast bit and the input size).")
    var convention: ConventionArgument?

    @Option(name: .long, help: "Guest-physical address of the input block, for alignment and page-crossing checks.")
    var inputGpa: RegisterArgument?

    @Option(name: .long, help: "Guest-physical address of the output block.")
    var outputGpa: RegisterArgument?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        if input != nil || output != nil || convention != nil { return try runParameters() }
        let input = HypercallInputValue(rawValue: hiv.value)
        let entry = HypercallCatalog.standard.entry(for: input.callCode)
        let violations = input.violations(against: entry)
        let result = hrv.map { HypercallResultValue(rawValue: $0.value) }
        let inconsistencies = result?.inconsistencies(with: input) ?? []
        if json {
            print(try JSONOutput.encode(DecodedJSON(input: input, entry: entry, violations: violations, result: result, inconsistencies: inconsistencies)))
            return
        }
        print("Hypercall Input Value \(HexFormat.fixedWidth(input.rawValue, digits: 16))")
        print(Self.fieldTable(input.fields) { field in
            switch field.field.name {
            case "callCode": "\(input.callCode.name)\(entry.map { " (\($0.shape.rawValue))" } ?? "")"
            case "fast": field.value == 1 ? "register (fast) convention" : "memory convention"
            case "variableHeaderSize": "\(input.variableHeaderBytes) bytes"
            case "repStartIndex" where input.repCount > 0: "resume at element \(input.repStartIndex) of \(input.repCount)"
            default: ""
            }
        })
        print(violations.isEmpty ? "valid for \(input.callCode.name)" : "violations:\n" + violations.map { "  - \($0)" }.joined(separator: "\n"))
        if let result {
            print("\nHypercall Result Value \(HexFormat.fixedWidth(result.rawValue, digits: 16))")
            print(Self.fieldTable(result.fields) { field in
                switch field.field.name {
                case "status": result.status.name
                case "repsCompleted" where input.repCount > 0: "\(result.repsCompleted) of \(input.repCount)"
                default: ""
                }
            })
            if let meaning = result.status.entry?.meaning { print("status: \(meaning)") }
            if !inconsistencies.isEmpty { print("inconsistencies:\n" + inconsistencies.map { "  - \($0)" }.joined(separator: "\n")) }
        }
    }

    /// Decodes the parameter blocks and prints the value line, the summary, the field tree and the findings.
    private func runParameters() throws {
        let inputValue = HypercallInputValue(rawValue: hiv.value)
        let result = hrv.map { HypercallResultValue(rawValue: $0.value) }
        let decoded = ParameterDecoder.decode(
            inputValue: inputValue, input: input?.bytes ?? [], output: output?.bytes ?? [], result: result,
            convention: convention?.convention, inputGPA: inputGpa?.value, outputGPA: outputGpa?.value)
        if json {
            print(try JSONOutput.encode(DecodedParametersJSON(decoded, result: result)))
            return
        }
        var header = "\(inputValue.callCode.hex) \(inputValue.callCode.name)  hiv \(HexFormat.fixedWidth(inputValue.rawValue, digits: 16))"
        if inputValue.repCount > 0 { header += "  reps \(inputValue.repStartIndex)..<\(inputValue.repCount)" }
        if let result { header += "  → \(result.status.name)" + (inputValue.repCount > 0 ? ", \(result.repsCompleted) reps completed" : "") }
        print(header)
        print("\(decoded.convention.rawValue) convention: \(decoded.summary)")
        let tree = decoded.treeText()
        if !tree.isEmpty { print(tree) }
        let findings = decoded.findingLines()
        print(findings.isEmpty ? "no findings" : "findings:\n" + findings.map { "  - \($0)" }.joined(separator: "\n"))
    }

    static func fieldTable(_ fields: [DecodedBitField], meaning: (DecodedBitField) -> String) -> String {
        var table = TextTable(["bits", "field", "value", "meaning"], alignments: [.right, .left, .right, .left])
        for field in fields {
            let value = field.field.width == 1 ? "\(field.value)" : HexFormat.fixedWidth(field.value, digits: 1)
            let note = field.field.isReserved ? (field.value == 0 ? "must be zero" : "must be zero: SET") : meaning(field)
            table.append([field.field.bitRange, field.field.name, value, note])
        }
        return table.render()
    }
}

/// A 64-bit register value given on the command line.
struct RegisterArgument: ExpressibleByArgument {
    let value: UInt64
    init?(argument: String) {
        guard let value = HexFormat.parseUnsigned(argument) else { return nil }
        self.value = value
    }
}

/// Bytes given as hex on the command line: `00b0a101`, `0x00b0a101`, `00 b0 a1 01`, `00:b0:a1:01`.
struct HexBytesArgument: ExpressibleByArgument {
    let bytes: [UInt8]
    init?(argument: String) {
        var digits = Substring(argument)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        let hex = digits.filter { !" :_-".contains($0) }
        guard hex.count % 2 == 0, hex.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }  // ASCII only: Character.isHexDigit also accepts fullwidth digits
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.bytes = bytes
    }
}

/// `memory`, `fast`, or `xmm` (also `xmm-fast`).
struct ConventionArgument: ExpressibleByArgument {
    let convention: CallingConvention
    init?(argument: String) {
        switch argument.lowercased() {
        case "memory": convention = .memory
        case "fast": convention = .fast
        case "xmm", "xmm-fast", "xmmfast": convention = .xmmFast
        default: return nil
        }
    }
    static var allValueStrings: [String] { ["memory", "fast", "xmm"] }
}

/// The JSON form of `hvlog decode` with parameter blocks.
struct DecodedParametersJSON: Encodable {
    struct Node: Encodable {
        let name: String
        let offset: Int?
        let size: Int
        let value: Value
        let text: String
        let annotation: String?
        let children: [Node]?

        init(_ field: DecodedField) {
            name = field.name
            offset = field.offset
            size = field.size
            value = Value(field.value)
            text = field.text
            annotation = field.annotation
            children = field.children.isEmpty ? nil : field.children.map(Node.init)
        }
    }
    /// A typed value: a number, a hex string (128-bit values, bytes), a list of VP indices, "all" or null.
    enum Value: Encodable {
        case number(UInt64), string(String), list([UInt32]), null
        init(_ value: DecodedValue) {
            switch value {
            case .unsigned(let number): self = .number(number)
            case .wide(let low, let high): self = .string(HexFormat.wide(low: low, high: high))
            case .bytes(let bytes): self = .string(HexFormat.bytes(bytes))
            case .processors(let list): self = .list(list)
            case .allProcessors: self = .string("all")
            case .none, .missing: self = .null
            }
        }
        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .string(let string): try container.encode(string)
            case .list(let list): try container.encode(list)
            case .null: try container.encodeNil()
            }
        }
    }
    struct Leaf: Encodable {
        let path: String
        let value: String
    }
    let hiv: String
    let callCode: String
    let name: String
    let convention: String
    let resultValue: String?
    let summary: String
    let input: Node?
    let output: Node?
    let findings: [ParameterFinding]
    let leaves: [Leaf]

    init(_ decoded: DecodedCall, result: HypercallResultValue?) {
        hiv = HexFormat.fixedWidth(decoded.inputValue.rawValue, digits: 16)
        callCode = decoded.inputValue.callCode.hex
        name = decoded.inputValue.callCode.name
        convention = decoded.convention.rawValue
        resultValue = result.map { HexFormat.fixedWidth($0.rawValue, digits: 16) }
        summary = decoded.summary
        input = decoded.input.map(Node.init)
        output = decoded.output.map(Node.init)
        findings = decoded.findings
        leaves = decoded.leaves.map { Leaf(path: $0.path, value: $0.text) }
    }
}

/// The JSON form of `hvlog decode`.
struct DecodedJSON: Encodable {
    struct Field: Encodable {
        let name: String
        let bits: String
        let value: UInt64
        let reserved: Bool
    }
    struct Violation: Encodable {
        let rule: String
        let field: String
        let message: String
        let outcome: String
        let status: String?
        let statusValue: String?
    }
    struct Result: Encodable {
        let raw: String
        let fields: [Field]
        let status: String
        let statusValue: String
        let repsCompleted: Int
        let inconsistencies: [String]
    }
    let hiv: String
    let fields: [Field]
    let callCode: String
    let name: String
    let entry: EntryJSON?
    let valid: Bool
    let violations: [Violation]
    let result: Result?

    init(input: HypercallInputValue, entry: HypercallEntry?, violations: [InputValueViolation], result: HypercallResultValue?, inconsistencies: [String]) {
        func fields(_ decoded: [DecodedBitField]) -> [Field] {
            decoded.map { Field(name: $0.field.name, bits: $0.field.bitRange, value: $0.value, reserved: $0.field.isReserved) }
        }
        hiv = HexFormat.fixedWidth(input.rawValue, digits: 16)
        self.fields = fields(input.fields)
        callCode = input.callCode.hex
        name = input.callCode.name
        self.entry = entry.map(EntryJSON.init)
        valid = violations.isEmpty
        self.violations = violations.map {
            Violation(rule: $0.rule.rawValue, field: $0.field, message: $0.message, outcome: $0.outcome.description,
                      status: $0.status?.name, statusValue: $0.status?.hex)
        }
        self.result = result.map {
            Result(raw: HexFormat.fixedWidth($0.rawValue, digits: 16), fields: fields($0.fields), status: $0.status.name,
                   statusValue: $0.status.hex, repsCompleted: $0.repsCompleted, inconsistencies: inconsistencies)
        }
    }
}
