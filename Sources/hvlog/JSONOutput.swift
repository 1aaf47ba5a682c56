import Foundation
import HypercallABI

/// JSON rendering for command output: sorted keys, pretty-printed, no escaped slashes.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The JSON form of a catalog entry.
struct EntryJSON: Encodable {
    struct Name: Encodable {
        let name: String
        let sources: [String]
    }
    let code: String
    let value: UInt16
    let name: String
    let canonicalReason: String
    let names: [Name]
    let shape: CallShape
    let variableHeader: Support
    let fast: Support
    let extended: Bool
    let reservedSlot: Bool
    let vtlTransition: VtlTransition?
    let tlfsPage: String?
    let evidence: String?

    init(_ entry: HypercallEntry) {
        code = entry.code.hex
        value = entry.code.rawValue
        name = entry.canonicalName
        canonicalReason = entry.canonicalReason
        names = entry.distinctNames.map { Name(name: $0.name, sources: $0.sources.map(\.rawValue)) }
        shape = entry.shape
        variableHeader = entry.variableHeader
        fast = entry.fast
        extended = entry.isExtended
        reservedSlot = entry.isReservedSlot
        vtlTransition = entry.vtlTransition
        tlfsPage = entry.tlfsPage
        evidence = entry.evidence
    }
}
