import ArgumentParser
import HypercallABI

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Everything the catalog knows about one hypercall.",
        discussion: "Give a code (0x4e, 78) or any name or alias: HvCallSendSyntheticClusterIpiEx, SEND_IPI_EX, HVCALL_SEND_IPI_EX."
    )

    @Argument(help: "A call code or a name.")
    var codeOrName: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let catalog = HypercallCatalog.standard
        switch catalog.resolve(codeOrName) {
        case .found(let entry):
            if json { print(try JSONOutput.encode(EntryJSON(entry))) } else { print(Self.describe(entry)) }
        case .ambiguous(let entries):
            let list = entries.map { "  \($0.code.hex) \($0.canonicalName)" }.joined(separator: "\n")
            throw CommandFailure("'\(codeOrName)' names more than one call code:\n\(list)")
        case .notFound:
            if let value = HexFormat.parseUnsigned(codeOrName) {
                guard let code = UInt16(exactly: value) else {
                    throw CommandFailure("\(codeOrName) is not a call code: call codes are 16 bits (0x0000–0xFFFF)")
                }
                throw CommandFailure("\(HypercallCode(code).hex) \(HypercallCode(code).name): no source in the catalog names this call code")
            }
            throw CommandFailure("no call code is named '\(codeOrName)' (try `hvlog codes` for the list)")
        }
    }

    static func describe(_ entry: HypercallEntry) -> String {
        var lines: [(String, String)] = [("code", "\(entry.code.hex) (\(entry.code.rawValue))"), ("name", entry.canonicalName)]
        for (index, spelling) in entry.distinctNames.enumerated() {
            lines.append((index == 0 ? "names" : "", "\(spelling.name)  [\(spelling.sources.map(\.rawValue).joined(separator: ", "))]"))
        }
        lines += [
            ("canonical", entry.canonicalReason),
            ("shape", entry.shape == .unknown ? "unknown (no source shows whether it is rep)" : entry.shape.rawValue),
            ("variable header", entry.variableHeader.rawValue),
            ("fast", entry.fast.rawValue),
            ("extended", entry.isExtended ? "yes (HvExtCall…, availability from HvExtCallQueryCapabilities)" : "no"),
            ("vtl transition", entry.vtlTransition.map { "VTL \($0.rawValue) (invoked through the hypercall page)" } ?? "no"),
            ("tlfs page", entry.tlfsPage ?? "none"),
        ]
        if let evidence = entry.evidence { lines.append(("evidence", evidence)) }
        if let example = try? HypercallInputValue(callCode: entry.code, repCount: entry.shape == .rep ? 1 : 0) {
            lines.append(("input value", "\(HexFormat.fixedWidth(example.rawValue, digits: 16)) (memory convention\(entry.shape == .rep ? ", rep count 1" : ""))"))
        }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { label, value in
            (label + String(repeating: " ", count: width - label.count) + "  " + value).trailingSpacesRemoved()
        }.joined(separator: "\n")
    }
}

/// A failure the command reports as `error: …` with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
