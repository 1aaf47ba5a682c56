import HypercallABI
import HypercallLog

/// Running totals for one call code (the analyzer's per-call hot path, `addCall`, follows).
/// Scalars where possible: every nested array costs a uniqueness check per update.
struct CodeAccumulator {
    let code: UInt16
    var calls = 0
    var perColumn: [Int] = []
    var repCalls = 0
    var repsRequested = 0
    var repsCompleted = 0
    var repMax = 0
    var continuations = 0
    var incomplete = 0
    /// The first status this code returned, counted inline (a code mostly returns one status).
    var firstStatus: UInt16 = 0
    var firstStatusCount = 0
    /// Every other status with its count; a code returns few, so a list beats a dictionary.
    var otherStatuses: [(status: UInt16, count: Int)] = []
    var conventions = UsageReport.ConventionCounts()
    var durations = DurationHistogram()
    var firstSeen: (log: Int, time: UInt64)?
    var lastSeen: (log: Int, time: UInt64)?

    init(code: UInt16) { self.code = code }

    /// (status, count) pairs, the first status returned first.
    var statuses: [(status: UInt16, count: Int)] {
        (firstStatusCount > 0 ? [(firstStatus, firstStatusCount)] : []) + otherStatuses
    }

    @inline(__always)
    mutating func countStatus(_ status: UInt16) {
        if status == firstStatus, firstStatusCount > 0 {
            firstStatusCount += 1
        } else if firstStatusCount == 0 {
            firstStatus = status
            firstStatusCount = 1
        } else {
            countOtherStatus(status)
        }
    }

    private mutating func countOtherStatus(_ status: UInt16) {
        for index in otherStatuses.indices where otherStatuses[index].status == status {
            otherStatuses[index].count += 1
            return
        }
        otherStatuses.append((status, 1))
    }
}

/// The rep fields' positions, taken once from the ABI model's bit-field tables, so that the hot
/// path extracts them with a shift and a mask.
struct RepFieldBits {
    private let repCountShift = UInt64(HypercallInputValue.Field.repCount.lowBit)
    private let repCountMask = HypercallInputValue.Field.repCount.maxValue
    private let repStartShift = UInt64(HypercallInputValue.Field.repStartIndex.lowBit)
    private let repStartMask = HypercallInputValue.Field.repStartIndex.maxValue
    private let completedShift = UInt64(HypercallResultValue.Field.repsCompleted.lowBit)
    private let completedMask = HypercallResultValue.Field.repsCompleted.maxValue

    @inline(__always) func repCount(_ input: UInt64) -> Int { Int((input >> repCountShift) & repCountMask) }
    @inline(__always) func repStartIndex(_ input: UInt64) -> Int { Int((input >> repStartShift) & repStartMask) }
    @inline(__always) func repsCompleted(_ result: UInt64) -> Int { Int((result >> completedShift) & completedMask) }
}

extension LogAnalyzer {
    @inline(__always)
    mutating func slot(of code: UInt16) -> Int {
        let known = codeSlots[Int(code)]
        if known >= 0 { return Int(known) }
        codeSlots[Int(code)] = Int32(accumulators.count)
        accumulators.append(CodeAccumulator(code: code))
        return accumulators.count - 1
    }

    @inline(__always)
    mutating func partitionIndex(_ key: PartitionKey) -> Int {
        if key == lastPartition { return lastPartitionIndex }
        let index: Int
        if let known = partitions[key] {
            index = known
        } else {
            index = partitionOrder.count
            partitions[key] = index
            partitionOrder.append(key)
        }
        lastPartition = key
        lastPartitionIndex = index
        return index
    }

    @inline(__always)
    mutating func column(partition: Int, phase: Int) -> Int {
        if partition >= columnOf.count { columnOf.append(contentsOf: repeatElement([], count: partition + 1 - columnOf.count)) }
        if phase >= columnOf[partition].count {
            columnOf[partition].append(contentsOf: repeatElement(-1, count: phase + 1 - columnOf[partition].count))
        }
        let known = columnOf[partition][phase]
        if known >= 0 { return Int(known) }
        columns.append((partition, phase))
        columnOf[partition][phase] = Int32(columns.count - 1)
        return columns.count - 1
    }

    @inline(__always)
    mutating func attributeRole(_ key: UnsafeRawBufferPointer, position: Int) -> AttributeKeyRole {
        if position < recentAttributeKeys.count, let recent = recentAttributeKeys[position], recent.key.matches(key) { return recent.role }
        let role = AttributeKeyRole(isThread: bytesEqual(key, threadAttribute), isMetadata: metadataAttributes.contains { bytesEqual(key, $0) },
                                    nameID: parameters.nameID(of: key))
        if position < recentAttributeKeys.count, let short = ShortBytes(key) { recentAttributeKeys[position] = (short, role) }
        return role
    }

    /// The aggregation hot path, specialised for views and for owned records.
    @inline(__always)
    mutating func addCall(_ call: some AnalyzableCall) {
        totalCalls += 1
        logCalls += 1
        let input = call.inputValue
        let code = UInt16(truncatingIfNeeded: input.rawValue)
        let codeSlot = slot(of: code)
        let phase = call.withPhaseBytes { phaseID($0) }
        let role = call.partitionRole
        let partitionID = call.partitionID
        let partition = partitionIndex(PartitionKey(role: role, id: options.grouping == .partition ? partitionID : nil))
        let column = column(partition: partition, phase: phase)

        // Attributes: parameters, and the thread that stands in for an unknown VP.
        var thread: UInt64?
        let vpIndex = call.vpIndex
        let wantThread = vpIndex == nil
        var position = 0
        call.forEachAttribute { key, value in
            let role = attributeRole(key, position: position)
            if wantThread, role.isThread {
                thread = ParameterTally.number(value)
            } else if !role.isMetadata {
                parameters.add(code: code, codeSlot: codeSlot, nameID: role.nameID, value: value)
            }
            position += 1
        }

        // Fields decoded from the input and output bytes, where the capture has them.
        if options.decodeParameters {
            call.withBlocks { inputBytes, outputBytes in
                guard !inputBytes.isEmpty || !outputBytes.isEmpty else { return }
                let leaves = decodedParameters.leaves(inputValue: input, result: call.resultValue, input: inputBytes, output: outputBytes)
                for leaf in leaves {
                    leaf.path.withUnsafeBytes { path in
                        leaf.text.withUnsafeBytes { text in parameters.add(code: code, codeSlot: codeSlot, name: path, value: text) }
                    }
                }
            }
        }

        let entry = call.entryTime
        let logIndex = logIndex
        let bits = bits
        accumulators.withUnsafeMutableBufferPointer { all in
            let index = codeSlot
            all[index].calls += 1
            if column >= all[index].perColumn.count {
                all[index].perColumn.append(contentsOf: repeatElement(0, count: column + 1 - all[index].perColumn.count))
            }
            all[index].perColumn[column] += 1
            let reps = bits.repCount(input.rawValue)
            if reps > 0 {
                all[index].repCalls += 1
                all[index].repsRequested += reps
                all[index].repMax = max(all[index].repMax, reps)
                if bits.repStartIndex(input.rawValue) > 0 { all[index].continuations += 1 }
            }
            if let result = call.resultValue {
                all[index].countStatus(UInt16(truncatingIfNeeded: result.rawValue))
                if reps > 0 { all[index].repsCompleted += bits.repsCompleted(result.rawValue) }
            } else {
                all[index].incomplete += 1
            }
            all[index].conventions.add(call.convention)
            if let entry {
                if let exit = call.exitTime, exit >= entry { all[index].durations.add(exit - entry) }
                if all[index].firstSeen == nil { all[index].firstSeen = (logIndex, entry) }
                all[index].lastSeen = (logIndex, entry)
            }
        }
        if let entry {
            noteTime(entry)
            includeInPhase(phase, entry)
            timeline.add(at: entry)
        }
        if let stream = vpIndex.map(UInt64.init) ?? thread {
            sequences.observe(code: code, phase: phase, partition: .init(log: logIndex, role: role, partition: partitionID), stream: stream)
        }
    }

}

extension UsageReport.ConventionCounts {
    /// Counts one call by the convention the log records (`RecordedConvention`).
    @inline(__always)
    mutating func add(_ convention: RecordedConvention) {
        switch convention {
        case .unknown: unknown += 1
        case .memory: memory += 1
        case .fast: fast += 1
        case .xmmFast: xmmFast += 1
        }
    }
}
