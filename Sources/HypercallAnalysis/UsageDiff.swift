/// What changed between two sets of logs (`hvlog diff A B`): codes only on one side, call count
/// and rate changes with ratios, and statuses returned on one side only.
public struct UsageDiff: Sendable, Codable {
    public struct Code: Sendable, Codable {
        public var code: UInt16
        public var hex: String
        public var name: String
        public var callsA: Int
        public var callsB: Int
        /// callsB / callsA; nil when either side has none.
        public var ratio: Double?
        /// Calls per second of each side's logged time; nil when a side has no timestamps.
        public var rateA: Double?
        public var rateB: Double?
        public var rateRatio: Double?
    }

    public struct StatusChange: Sendable, Codable {
        public var code: UInt16
        public var status: String
        public var countA: Int
        public var countB: Int
    }

    public var logsA: [String]
    public var logsB: [String]
    public var callsA: Int
    public var callsB: Int
    public var secondsA: Double?
    public var secondsB: Double?
    public var onlyInA: [Code]
    public var onlyInB: [Code]
    /// Codes on both sides, by code.
    public var common: [Code]
    /// Statuses a code returned on one side only.
    public var statusChanges: [StatusChange]

    public init(_ a: UsageReport, _ b: UsageReport) {
        func seconds(_ report: UsageReport) -> Double? {
            let known = report.logs.compactMap(\.seconds)
            return known.isEmpty ? nil : known.reduce(0, +)
        }
        logsA = a.logs.map(\.path)
        logsB = b.logs.map(\.path)
        callsA = a.totalCalls
        callsB = b.totalCalls
        secondsA = seconds(a)
        secondsB = seconds(b)
        let codesA = Dictionary(uniqueKeysWithValues: a.codes.map { ($0.code, $0) })
        let codesB = Dictionary(uniqueKeysWithValues: b.codes.map { ($0.code, $0) })
        func rate(_ calls: Int, _ seconds: Double?) -> Double? {
            guard let seconds, seconds > 0 else { return nil }
            return Double(calls) / seconds
        }
        func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator, numerator > 0, denominator > 0 else { return nil }
            return numerator / denominator
        }
        var onlyInA: [Code] = [], onlyInB: [Code] = [], common: [Code] = [], statusChanges: [StatusChange] = []
        for code in Set(codesA.keys).union(codesB.keys).sorted() {
            let statisticsA = codesA[code], statisticsB = codesB[code]
            let calls = (statisticsA?.calls ?? 0, statisticsB?.calls ?? 0)
            let rates = (rate(calls.0, secondsA), rate(calls.1, secondsB))
            let statistics = (statisticsA ?? statisticsB)!
            let entry = Code(code: code, hex: statistics.hex, name: statistics.name, callsA: calls.0, callsB: calls.1,
                             ratio: ratio(Double(calls.1), Double(calls.0)), rateA: rates.0, rateB: rates.1, rateRatio: ratio(rates.1, rates.0))
            switch (statisticsA, statisticsB) {
            case (.some, nil): onlyInA.append(entry)
            case (nil, .some): onlyInB.append(entry)
            case (.some(let left), .some(let right)):
                common.append(entry)
                let statusesA = Dictionary(uniqueKeysWithValues: left.statuses.map { ($0.name, $0.count) })
                let statusesB = Dictionary(uniqueKeysWithValues: right.statuses.map { ($0.name, $0.count) })
                for status in Set(statusesA.keys).symmetricDifference(statusesB.keys).sorted() {
                    statusChanges.append(.init(code: code, status: status, countA: statusesA[status] ?? 0, countB: statusesB[status] ?? 0))
                }
            case (nil, nil): break
            }
        }
        self.onlyInA = onlyInA
        self.onlyInB = onlyInB
        self.common = common
        self.statusChanges = statusChanges
    }

    /// The diff as tables: only in A, only in B, changes, status changes.
    public var tables: [ReportTable] {
        func codeRows(_ codes: [Code], _ calls: KeyPath<Code, Int>) -> [[String]] {
            codes.map { [$0.hex, $0.name, $0[keyPath: calls].grouped] }
        }
        func number(_ value: Double?, _ digits: Int) -> String { value.map { ReportTables.fixed($0, digits) } ?? "–" }
        let changes = ReportTable(
            id: "changes", title: "Codes on both sides (ratio = B / A)",
            headers: ["Code", "Name", "Calls A", "Calls B", "Ratio", "Rate A /s", "Rate B /s", "Rate ratio"],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right],
            rows: common.map { [$0.hex, $0.name, $0.callsA.grouped, $0.callsB.grouped, number($0.ratio, 3), number($0.rateA, 1), number($0.rateB, 1), number($0.rateRatio, 3)] },
            monospaceColumns: [0, 1])
        return [
            ReportTable(id: "only-a", title: "Only in A", headers: ["Code", "Name", "Calls"], alignments: [.left, .left, .right],
                        rows: codeRows(onlyInA, \.callsA), monospaceColumns: [0, 1]),
            ReportTable(id: "only-b", title: "Only in B", headers: ["Code", "Name", "Calls"], alignments: [.left, .left, .right],
                        rows: codeRows(onlyInB, \.callsB), monospaceColumns: [0, 1]),
            changes,
            ReportTable(id: "statuses", title: "Statuses returned on one side only", headers: ["Code", "Status", "A", "B"],
                        alignments: [.left, .left, .right, .right],
                        rows: statusChanges.map { [ReportTables.label($0.code), $0.status, $0.countA.grouped, $0.countB.grouped] },
                        monospaceColumns: [0]),
        ]
    }
}
