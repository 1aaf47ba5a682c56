import ArgumentParser
import HypercallABI

/// Properties `hvlog codes --kind` filters on.
enum CodeKind: String, ExpressibleByArgument, CaseIterable {
    case simple, rep, unknownShape = "unknown-shape", extended, vtl
    case variableHeader = "variable-header", fast, documented, undocumented
    /// Codes every source marks reserved, and codes with a real name.
    case reserved, named

    func matches(_ entry: HypercallEntry) -> Bool {
        switch self {
        case .simple: entry.shape == .simple
        case .rep: entry.shape == .rep
        case .unknownShape: entry.shape == .unknown
        case .extended: entry.isExtended
        case .vtl: entry.vtlTransition != nil
        case .variableHeader: entry.variableHeader == .yes
        case .fast: entry.fast == .yes
        case .documented: entry.tlfsPage != nil
        case .undocumented: entry.tlfsPage == nil
        case .reserved: entry.isReservedSlot
        case .named: !entry.isReservedSlot
        }
    }
}

extension NameSource: ExpressibleByArgument {}

struct CodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "List the hypercall call-code catalog.",
        discussion: """
            Every call code named by the TLFS, Linux, OpenVMM or Windows symbols, with its kind and \
            the sources of each name. Filters combine (all must match).
            """
    )

    @Option(name: .long, help: "Only codes of this kind (repeatable): \(CodeKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: [CodeKind] = []

    @Option(name: .long, help: "Lowest code to list, e.g. 0x40.")
    var from: CodeArgument?

    @Option(name: .long, help: "Highest code to list, e.g. 0x7f.")
    var to: CodeArgument?

    @Option(name: .long, help: "Only codes named by this source: \(NameSource.allCases.map(\.rawValue).joined(separator: ", ")).")
    var source: NameSource?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let lower = from?.code ?? HypercallCode(0)
        let upper = to?.code ?? HypercallCode(.max)
        guard lower <= upper else { throw ValidationError("--from \(lower.hex) is above --to \(upper.hex)") }
        let entries = HypercallCatalog.standard.entries.filter { entry in
            entry.code >= lower && entry.code <= upper && kind.allSatisfy { $0.matches(entry) }
                && (source.map { wanted in entry.names.contains { $0.source == wanted } } ?? true)
        }
        if json {
            print(try JSONOutput.encode(entries.map(EntryJSON.init)))
            return
        }
        var table = TextTable(["code", "name", "shape", "varhdr", "fast", "ext", "vtl", "tlfs", "names"])
        for entry in entries {
            table.append([
                entry.code.hex, entry.canonicalName, entry.isReservedSlot ? "reserved" : entry.shape.rawValue, entry.variableHeader.symbol,
                entry.fast.symbol, entry.isExtended ? "ext" : "", entry.vtlTransition?.rawValue ?? "",
                entry.tlfsPage == nil ? "" : "page", "\(entry.distinctNames.count)",
            ])
        }
        print(table.render())
        let named = entries.filter { !$0.isReservedSlot }.count
        print("\(entries.count) of \(HypercallCatalog.standard.entries.count) codes (\(named) named, \(entries.count - named) reserved slots)")
    }
}

extension Support {
    /// One character for tables: y, n or ?.
    var symbol: String {
        switch self {
        case .yes: "y"
        case .no: "n"
        case .unknown: "?"
        }
    }
}

/// A call code given on the command line as a number.
struct CodeArgument: ExpressibleByArgument {
    let code: HypercallCode
    init?(argument: String) {
        guard let value = HexFormat.parseUnsigned(argument), let narrow = UInt16(exactly: value) else { return nil }
        code = HypercallCode(narrow)
    }
}
