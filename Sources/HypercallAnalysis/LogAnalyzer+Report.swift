import HypercallABI
import HypercallLog

extension LogAnalyzer {
    /// The report for everything added so far.
    public func report() -> UsageReport {
        let phaseCount = phases.count
        // Columns: partitions in order of first appearance, then phases in phase order.
        let shownPhases: [Int]
        if let order = options.phaseOrder {
            // A phase named twice keeps its first place (init interned every name in the order).
            var seen = Set<Int>()
            shownPhases = order.compactMap { name in withUTF8Bytes(name) { phases.existingID(of: $0) } }.filter { seen.insert($0).inserted }
        } else {
            shownPhases = Array(0..<phaseCount)
        }
        let rank = Dictionary(uniqueKeysWithValues: shownPhases.enumerated().map { ($1, $0) })
        let shownColumns = columns.indices
            .filter { rank[columns[$0].phase] != nil }
            .sorted { (columns[$0].partition, rank[columns[$0].phase]!) < (columns[$1].partition, rank[columns[$1].phase]!) }

        // Phases: every phase that has calls or a time span, in order of first appearance.
        var callsPerPhase = [Int](repeating: 0, count: phaseCount)
        for accumulator in accumulators {
            for (column, calls) in accumulator.perColumn.enumerated() { callsPerPhase[columns[column].phase] += calls }
        }
        let reportedPhases = (0..<phaseCount).filter {
            callsPerPhase[$0] > 0 || ($0 < phaseSeconds.count && phaseSeconds[$0] != nil) || options.phaseOrder != nil
        }
        let phaseList = reportedPhases.map {
            UsageReport.Phase(name: phaseName($0), calls: callsPerPhase[$0], seconds: $0 < phaseSeconds.count ? phaseSeconds[$0] : nil)
        }

        let codes = accumulators.sorted { $0.code < $1.code }.map { accumulator in
            codeStatistics(accumulator, shownColumns: shownColumns, reportedPhases: reportedPhases, phaseList: phaseList)
        }
        var exclusive: [UsageReport.PhaseExclusive] = []
        if phaseList.count > 1 {
            for (statistics, accumulator) in zip(codes, accumulators.sorted { $0.code < $1.code }) {
                let phasesUsed = Set(accumulator.perColumn.indices.filter { accumulator.perColumn[$0] > 0 }.map { columns[$0].phase })
                if phasesUsed.count == 1, let only = phasesUsed.first {
                    exclusive.append(.init(code: statistics.code, phase: phaseName(only), calls: statistics.calls))
                }
            }
        }
        return UsageReport(
            logs: logs, grouping: options.grouping, totalCalls: totalCalls, phases: phaseList,
            columns: shownColumns.map { UsageReport.Column(partition: partitionLabel(columns[$0].partition), phase: phaseName(columns[$0].phase)) },
            codes: codes, transitions: transitionList(), ngrams: ngramList(), phaseExclusive: exclusive,
            parameters: parameterList(), timelines: timelines)
    }

    func partitionLabel(_ index: Int) -> String {
        let key = partitionOrder[index]
        guard let id = key.id else { return key.role.name }
        return "\(key.role.name) \(id)"
    }

    private func codeStatistics(_ accumulator: CodeAccumulator, shownColumns: [Int], reportedPhases: [Int],
                                phaseList: [UsageReport.Phase]) -> UsageReport.CodeStatistics {
        let code = HypercallCode(accumulator.code)
        var perPhase = [Int](repeating: 0, count: phases.count)
        for (column, calls) in accumulator.perColumn.enumerated() { perPhase[columns[column].phase] += calls }
        let reportedCalls = reportedPhases.map { perPhase[$0] }
        let rates: [Double?] = zip(reportedCalls, phaseList).map { calls, phase in
            guard let seconds = phase.seconds, seconds > 0 else { return nil }
            return Double(calls) / seconds
        }
        let durations = accumulator.durations
        return UsageReport.CodeStatistics(
            code: accumulator.code, hex: code.hex, name: code.name, calls: accumulator.calls,
            share: totalCalls > 0 ? Double(accumulator.calls) / Double(totalCalls) : 0,
            perColumn: shownColumns.map { $0 < accumulator.perColumn.count ? accumulator.perColumn[$0] : 0 },
            perPhase: reportedCalls, ratePerPhase: rates,
            repCalls: accumulator.repCalls, repsRequested: accumulator.repsRequested, repsCompleted: accumulator.repsCompleted,
            repMax: accumulator.repMax, continuations: accumulator.continuations, incomplete: accumulator.incomplete,
            statuses: accumulator.statuses.sorted { ($1.count, $0.status) < ($0.count, $1.status) }.map {
                let status = HypervisorStatus($0.status)
                return UsageReport.StatusCount(name: status.name, value: status.hex, count: $0.count)
            },
            conventions: accumulator.conventions,
            durations: durations.count == 0 ? nil : .init(
                count: Int(durations.count), p50: durations.percentile(50)!, p90: durations.percentile(90)!,
                p99: durations.percentile(99)!, max: durations.maximum),
            firstSeen: accumulator.firstSeen.map(sighting), lastSeen: accumulator.lastSeen.map(sighting))
    }

    private func sighting(_ seen: (log: Int, time: UInt64)) -> UsageReport.Sighting {
        let origin = logOrigins[seen.log] ?? seen.time
        return .init(log: seen.log, seconds: Double(seen.time &- origin) / 1e9)
    }

    private func transitionList() -> [UsageReport.Transition] {
        sequences.transitions()
            .map { entry in
                UsageReport.Transition(phase: phaseName(Int(entry.key >> 32)), from: UInt16(truncatingIfNeeded: entry.key >> 16),
                                       to: UInt16(truncatingIfNeeded: entry.key), count: entry.count)
            }
            .sorted { ($1.count, $0.phase, $0.from, $0.to) < ($0.count, $1.phase, $1.from, $1.to) }
    }

    private func ngramList() -> [UsageReport.NGram] {
        let all = sequences.ngrams().map { UsageReport.NGram(codes: SequenceTracker.codes(ofNGram: $0.key), count: $0.count) }
        return (2...SequenceTracker.longest).flatMap { n in
            all.filter { $0.codes.count == n }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.codes.lexicographicallyPrecedes($1.codes) }
                .prefix(options.top)
        }
    }

    private func parameterList() -> [UsageReport.ParameterSummary] {
        let parameters = parameters.settled()
        var valuesByField: [Int: [UsageReport.ParameterValue]] = [:]
        for entry in parameters.valueCounts.entries {
            let field = Int(entry.key >> 40)
            valuesByField[field, default: []].append(.init(value: parameters.values.string(Int(entry.key & 0xFF_FFFF_FFFF)), count: entry.count))
        }
        return parameters.fields.enumerated().map { index, field in
            let values = (valuesByField[index] ?? []).sorted { ($1.count, $0.value) < ($0.count, $1.value) }
            let numeric = field.numeric && field.minimum <= field.maximum
            func format(_ value: UInt64) -> String { field.hexadecimal ? "0x" + String(value, radix: 16) : String(value) }
            return UsageReport.ParameterSummary(
                code: field.code, field: parameters.names.string(field.name), calls: field.calls, distinct: field.distinct,
                distinctCapped: field.other > 0, values: Array(values.prefix(options.top)),
                minimum: numeric ? format(field.minimum) : nil, maximum: numeric ? format(field.maximum) : nil)
        }
        .sorted { ($0.code, $0.field) < ($1.code, $1.field) }
    }
}
