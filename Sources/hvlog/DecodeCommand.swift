import ArgumentParser
import HypercallABI

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode a Hypercall Input Value (and Result Value): every field, every rule broken.",
        discussion: "Example: hvlog decode --hiv 0x0001000300000003 --hrv 0x0000000300000000"
    )

    @Option(name: .long, help: "The 64-bit Hypercall Input Value (hex with 0x, or decimal).")
    var hiv: RegisterArgument

    @Option(name: .long, help: "The 64-bit Hypercall Result Value.")
    var hrv: RegisterArgument?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
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
