import HypercallABI
import HypercallLog

/// Options for `LogAnalyzer`.
public struct AnalysisOptions: Sendable {
    /// Columns by partition role or by partition id.
    public var grouping: ColumnGrouping = .role
    /// Phases to show as matrix columns, in this order; nil: every phase in order of first appearance.
    public var phaseOrder: [String]?
    /// How many n-grams per n, transitions and parameter values to keep in the report.
    public var top = 10
    /// Attributes that describe the capture rather than the call (not summarised as parameters).
    public var metadataAttributes: Set<String> = ["kvm.thread", "gdb.thread", "gdb.input-address", "gdb.output-address"]
    /// Whether to decode input and output bytes into parameter fields for the parameter summary
    /// (each distinct input is decoded once; logs whose every input differs pay for every one).
    public var decodeParameters = true
    /// The attribute that stands in for the VP in sequences when the capture does not know the VP.
    public var threadAttribute = "kvm.thread"

    public init() {}
}

/// Aggregates logs in one streaming pass into a `UsageReport`: memory depends on the number of
/// distinct codes, columns, transitions and parameter values, not on the number of records.
///
/// Feed each log with `beginLog`, then its entries (`.hvl` views via `add(_: HVLEntryView)`, or
/// owned entries), then `endLog`; `report()` builds the result.
public struct LogAnalyzer {
    let options: AnalysisOptions
    var logs: [UsageReport.Log] = []
    var logIndex = -1

    // Call codes: a dense slot per code seen.
    var codeSlots = [Int32](repeating: -1, count: 65_536)
    var accumulators: [CodeAccumulator] = []

    // Phases and partitions, interned; the column of each (partition, phase) pair.
    var phases = ByteInterner()
    var lastPhase: [UInt8] = []
    var lastShortPhase: ShortBytes?
    var lastPhaseID = -1
    var partitions: [PartitionKey: Int] = [:]
    var partitionOrder: [PartitionKey] = []
    var lastPartition: PartitionKey?
    var lastPartitionIndex = 0
    var columnOf: [[Int32]] = []
    var columns: [(partition: Int, phase: Int)] = []

    // Per log: phase spans and the timeline.
    var phaseSeconds: [Double?] = []
    var logPhaseSpans: [PhaseSpan] = []
    var markerPhase = -1
    var timeline = TimelineAccumulator()
    var boundaries: [(offset: UInt64, phase: Int)] = []
    var timelines: [UsageReport.Timeline] = []
    /// Time 0 of each finished log (its first timestamp), for timelines and sightings.
    var logOrigins: [UInt64?] = []
    /// The log's earliest and latest times (UInt64.max / .min while it has none).
    var logFirstTime = UInt64.max
    var logLastTime = UInt64.min

    var sequences = SequenceTracker()
    let bits = RepFieldBits()
    var parameters = ParameterTally()
    var decodedParameters = DecodedParameterCache()
    var threadAttribute: [UInt8]
    var metadataAttributes: [[UInt8]]
    /// What the attribute key at each position of the last records meant (records of one capture
    /// list their attributes in the same order): the key is then compared once, not hashed.
    var recentAttributeKeys: [(key: ShortBytes, role: AttributeKeyRole)?] = Array(repeating: nil, count: 8)
    var totalCalls = 0
    /// Calls of the current log (written to `logs` by `endLog`).
    var logCalls = 0

    struct PartitionKey: Hashable {
        var role: PartitionRole
        var id: UInt64?
    }

    /// What an attribute key is to the report.
    struct AttributeKeyRole {
        /// The key names the thread that stands in for an unknown VP (`threadAttribute`).
        var isThread: Bool
        /// The key is capture metadata, not a parameter (`metadataAttributes`).
        var isMetadata: Bool
        /// The parameter tally's id of the key.
        var nameID: Int
    }

    struct PhaseSpan {
        var first = UInt64.max
        var last = UInt64.min
        var seconds: Double { first <= last ? Double(last - first) / 1e9 : 0 }
        var isEmpty: Bool { first > last }
        mutating func include(_ time: UInt64) {
            first = min(first, time)
            last = max(last, time)
        }
    }

    public init(options: AnalysisOptions = AnalysisOptions()) {
        self.options = options
        threadAttribute = Array(options.threadAttribute.utf8)
        metadataAttributes = options.metadataAttributes.map { Array($0.utf8) }
        if let order = options.phaseOrder {
            for phase in order { _ = phases.id(of: phase) }
        }
    }

    /// Starts a log; sequences never continue across logs.
    public mutating func beginLog(path: String, header: LogHeader) {
        logIndex += 1
        logs.append(UsageReport.Log(path: path, sourceDescription: header.sourceDescription, calls: 0, markers: 0, seconds: nil))
        logPhaseSpans = []
        logCalls = 0
        markerPhase = -1
        timeline = TimelineAccumulator()
        boundaries = []
        logFirstTime = .max
        logLastTime = .min
    }

    /// Finishes the current log: its phase spans and timeline join the totals.
    public mutating func endLog() {
        logs[logIndex].calls = logCalls
        if logFirstTime <= logLastTime {
            let first = logFirstTime, last = logLastTime
            logs[logIndex].seconds = Double(last - first) / 1e9
            if markerPhase >= 0 { includeInPhase(markerPhase, last) }
        }
        for (phase, span) in logPhaseSpans.enumerated() where !span.isEmpty {
            if phase >= phaseSeconds.count { phaseSeconds.append(contentsOf: repeatElement(nil, count: phase + 1 - phaseSeconds.count)) }
            phaseSeconds[phase] = (phaseSeconds[phase] ?? 0) + span.seconds
        }
        logOrigins.append(timeline.origin)
        let bucket = Double(timeline.bucketNanoseconds) / 1e9
        timelines.append(UsageReport.Timeline(
            log: logIndex, bucketSeconds: bucket, counts: timeline.counts,
            boundaries: boundaries.map { .init(seconds: Double($0.offset) / 1e9, phase: phaseName($0.phase)) }))
    }

    /// Adds a whole log: `.hvl` through zero-copy views, other formats through owned entries.
    /// `progress` is called with the number of entries read every 65,536 entries.
    public mutating func addLog(_ reader: any LogReader, path: String, progress: (Int) -> Void = { _ in }) throws {
        beginLog(path: path, header: reader.header)
        var entries = 0
        if let hvl = reader as? HVLReader {
            while let view = try hvl.nextView() {
                add(view)
                entries += 1
                if entries & 0xFFFF == 0 { progress(entries) }
            }
        } else {
            while let entry = try reader.next() {
                add(entry)
                entries += 1
                if entries & 0xFFFF == 0 { progress(entries) }
            }
        }
        endLog()
    }

    /// Adds one entry of an `.hvl` log, read in place.
    public mutating func add(_ view: HVLEntryView) {
        if view.isCall {
            addCall(view)
        } else if let kind = view.markerKind {
            addMarker(kind: kind, time: view.markerTime, text: view.phaseBytes)
        }
    }

    /// Adds one owned entry (JSON Lines, SQLite, or any other reader).
    public mutating func add(_ entry: LogEntry) {
        switch entry {
        case .call(let record): addCall(record)
        case .marker(let marker): withUTF8Bytes(marker.text) { addMarker(kind: marker.kind, time: marker.time, text: $0) }
        }
    }

    func phaseName(_ id: Int) -> String {
        let name = phases.string(id)
        return name.isEmpty ? "(none)" : name
    }

    @inline(__always)
    mutating func includeInPhase(_ phase: Int, _ time: UInt64) {
        if phase >= logPhaseSpans.count {
            logPhaseSpans.append(contentsOf: repeatElement(PhaseSpan(), count: phase + 1 - logPhaseSpans.count))
        }
        logPhaseSpans.withUnsafeMutableBufferPointer { $0[phase].include(time) }
    }

    mutating func noteTime(_ time: UInt64) {
        logFirstTime = min(logFirstTime, time)
        logLastTime = max(logLastTime, time)
    }

    mutating func addMarker(kind: LogMarker.Kind, time: UInt64?, text: UnsafeRawBufferPointer) {
        logs[logIndex].markers += 1
        guard kind == .phase else { return }
        let phase = phaseID(text)
        if let time {
            noteTime(time)
            // A phase marker ends the previous phase and starts the next.
            if markerPhase >= 0 { includeInPhase(markerPhase, time) }
            includeInPhase(phase, time)
            if boundaries.count < 10_000 { boundaries.append((timeline.offset(of: time), phase)) }
        }
        markerPhase = phase
    }

    @inline(__always)
    mutating func phaseID(_ bytes: UnsafeRawBufferPointer) -> Int {
        if lastPhaseID >= 0, lastShortPhase.map({ $0.matches(bytes) }) ?? bytesEqual(bytes, lastPhase) { return lastPhaseID }
        lastPhaseID = phases.id(of: bytes)
        lastPhase = Array(bytes)
        lastShortPhase = ShortBytes(bytes)
        return lastPhaseID
    }
}
