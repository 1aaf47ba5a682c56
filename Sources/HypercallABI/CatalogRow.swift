/// One row of the declarative catalog tables (`CatalogTable*.swift`).
struct CatalogRow {
    let code: UInt16
    let shape: CallShape
    let variableHeader: Support
    let fast: Support
    let vtl: VtlTransition?
    let page: String?
    /// Each distinct spelling with every source that uses it.
    let names: [(String, [NameSource])]
    let evidence: String?

    init(
        _ code: UInt16, _ shape: CallShape, varHeader: Support = .unknown, fast: Support = .unknown,
        vtl: VtlTransition? = nil, page: String? = nil, _ names: [(String, [NameSource])], evidence: String? = nil
    ) {
        self.code = code
        self.shape = shape
        self.variableHeader = varHeader
        self.fast = fast
        self.vtl = vtl
        self.page = page
        self.names = names
        self.evidence = evidence
    }

    var entry: HypercallEntry {
        HypercallEntry(
            code: HypercallCode(code),
            names: names.flatMap { spelling, sources in sources.map { HypercallName(spelling, $0) } },
            shape: shape, variableHeader: variableHeader, fast: fast, vtlTransition: vtl,
            tlfsPage: page, evidence: evidence)
    }
}

extension CatalogRow {
    /// Every row of the catalog tables.
    static let allRows: [CatalogRow] = rows0000 + rows0060 + rows00C0 + rowsExtended
}
