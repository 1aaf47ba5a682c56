#if canImport(Glibc)
import Glibc
#endif
import HypercallABI
import HypercallLog

/// Turns KVM's Hyper-V tracepoints into log entries, one line at a time.
///
/// Each `kvm_hv_hypercall` opens a record for its task (the vCPU thread); the flush and IPI
/// details KVM traces while handling it become attributes; the task's next `kvm_hv_hypercall_done`
/// completes it. A task's next hypercall, or the end of the trace, closes a call that never got
/// its `done` (KVM queued an exception instead) as incomplete. Entries leave in the order their
/// first line appeared, whatever order calls complete in.
public final class KVMTraceImporter {
    public struct Options {
        /// Phase of the records before the first phase marker.
        public var initialPhase = ""
        /// Besides `hvlog phase=NAME`, trace_marker text matching this makes a phase change; its
        /// first capture group that matched (or the whole match) names the phase.
        public var phaseMarkerPattern: Regex<AnyRegexOutput>?
        public var partitionBy: PartitionKey = .automatic
        public var source = "kvm"
        /// Sequence number of the first entry (an import of several files continues the numbering).
        public var firstSequence: UInt64 = 0
        public init() {}
    }

    /// What identifies a VM (a partition): the VMM process.
    public enum PartitionKey: String, CaseIterable, Sendable {
        /// The TGID column when the trace has it, otherwise the task name.
        case automatic
        /// The thread group id (needs `record-tgid`).
        case tgid
        /// All tasks with the same name are one VM; its id is the first thread id seen with that name.
        case comm
    }

    // The importer is used from one thread; unchecked exclusivity keeps the per-line path free of
    // the runtime's access tracking.
    @exclusivity(unchecked) public private(set) var statistics = KVMImportStatistics()
    private let options: Options
    private let emit: (LogEntry) throws -> Void
    /// Every phase so far (open calls name theirs by position); the last is the current one.
    @exclusivity(unchecked) private var phases: [String]
    @exclusivity(unchecked) private var tasks = TaskTable()
    private let queue = ReorderQueue()
    @exclusivity(unchecked) private var hexTexts = HexTextCache()
    /// The records calls are built in (see `emitCall`).
    @exclusivity(unchecked) private var memoryRecord: HypercallRecord
    @exclusivity(unchecked) private var fastRecord: HypercallRecord
    /// Entries passed to `emit` so far.
    @exclusivity(unchecked) public private(set) var emittedEntries = 0
    @exclusivity(unchecked) private var sequence: UInt64 = 0
    @exclusivity(unchecked) private var partitionsByComm: [[UInt8]: Int32] = [:]
    @exclusivity(unchecked) private var lastComm: (bytes: [UInt8], partition: Int32)?
    @exclusivity(unchecked) private var msrTexts: [UInt64: (index: String, name: String, textPrefix: String)] = [:]

    public init(options: Options = Options(), emit: @escaping (LogEntry) throws -> Void) {
        self.options = options
        self.emit = emit
        phases = [options.initialPhase]
        sequence = options.firstSequence
        memoryRecord = HypercallRecord(sequence: 0, source: options.source, partitionRole: .guest, inputValue: HypercallInputValue(rawValue: 0), convention: .memory)
        fastRecord = HypercallRecord(sequence: 0, source: options.source, partitionRole: .guest, inputValue: HypercallInputValue(rawValue: 0), convention: .fast,
                                     input: [UInt8](repeating: 0, count: 16))
    }

    /// Reads one line of ftrace text.
    public func consume(line: UnsafeRawBufferPointer, lineNumber: Int) throws {
        statistics.lines += 1
        switch FtraceLine.parse(line) {
        case .ignorable: statistics.ignorableLines += 1
        case .unrecognized: statistics.unrecognizedLines += 1
        case .event(let event):
            guard let name = KVMEvent.Name(event.event) else {
                statistics.otherEvents += 1
                return
            }
            statistics.count(name)
            do {
                try handle(try KVMEvent.decode(name, event.arguments), event)
            } catch let malformed as KVMEvent.Malformed {
                statistics.recordMalformed(line: lineNumber, event: name, message: malformed.message)
            }
        }
    }

    /// Closes the calls still open (as incomplete) and emits everything left.
    public func finish() throws {
        statistics.incompleteCalls += tasks.closeAllPending()
        try queue.drainAll(call: emitCall, marker: emitMarker)
    }

    private func handle(_ decoded: KVMEvent, _ line: FtraceLine) throws {
        switch decoded {
        case let .hypercall(code, fast, variableHeader, repCount, repIndex, input, output):
            let task = tasks.index(of: line.pid)
            if let open = tasks[task].pendingSlot {
                // The previous call of this task never completed.
                statistics.incompleteCalls += 1
                queue.markReady(open)
            }
            tasks[task].pendingSlot = queue.append(PendingCall(
                sequence: nextSequence(), entryTime: line.timestamp,
                inputValue: UInt64(code) | (fast ? 1 << 16 : 0) | (variableHeader & 0x3FF) << 17 | (repCount & 0xFFF) << 32 | (repIndex & 0xFFF) << 48,
                input: input, output: output, fast: fast, partition: partition(of: line), vcpu: tasks[task].vcpu,
                task: Int32(truncatingIfNeeded: task), phase: Int32(truncatingIfNeeded: phases.count - 1)))
        case .hypercallDone(let result):
            let task = tasks.index(of: line.pid)
            guard let slot = tasks[task].pendingSlot else {
                statistics.unpairedDone += 1
                return
            }
            queue.complete(slot, exitTime: line.timestamp, result: result)
            tasks[task].pendingSlot = nil
            statistics.completeCalls += 1
        case let .flushTLB(fields, forL2):
            attach(fields, forL2: forL2, to: line.pid)
        case .sendIPI(let fields):
            attach(fields, forL2: false, to: line.pid)
        case .vcpuTransition(let vcpu):
            if let vcpu { tasks[tasks.index(of: line.pid)].vcpu = vcpu }
        case let .msr(write, index, value, faulted):
            guard SyntheticMSR.range.contains(index) else {
                statistics.otherMSRAccesses += 1
                return
            }
            let names = msrNames(index, write: write)
            let hexValue = hexTexts.text(value)
            let task = tasks.index(of: line.pid)
            var attributes: [RecordAttribute] = []
            attributes.reserveCapacity(8)
            attributes.append(RecordAttribute("msr", names.index))
            attributes.append(RecordAttribute("msr.name", names.name))
            attributes.append(RecordAttribute("msr.access", write ? "write" : "read"))
            attributes.append(RecordAttribute("msr.value", hexValue))
            attributes.append(RecordAttribute("kvm.thread", tasks.threadName(at: task)))
            attributes.append(RecordAttribute("partition", String(partition(of: line))))
            if let vcpu = tasks[task].vcpu { attributes.append(RecordAttribute("vp", String(vcpu))) }
            if faulted { attributes.append(RecordAttribute("msr.fault", "#GP")) }
            statistics.markers += 1
            queue.append(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .annotation, source: options.source,
                                   text: names.textPrefix + hexValue + (faulted ? " (#GP)" : ""), attributes: attributes))
        case .marker(let bytes):
            let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()
            statistics.markers += 1
            if let newPhase = phaseName(in: text) {
                phases.append(newPhase)
                queue.append(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .phase, source: options.source, text: newPhase,
                                       attributes: [RecordAttribute("trace_marker", text)]))
            } else {
                queue.append(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .annotation, source: options.source, text: text))
            }
        }
        try queue.drainReady(call: emitCall, marker: emitMarker)
    }

    /// Builds the record of a call leaving the queue and emits it. The record is one of two kept for
    /// the purpose (one per convention, as their inputs differ) and changed in place, so that its
    /// arrays keep their storage: a writer that keeps the entry gets a copy of its own on the next change.
    private func emitCall(_ call: borrowing PendingCall, _ moreDetails: [(DetailFields, forL2: Bool)]) throws {
        emittedEntries += 1
        if call.fast {
            fill(&fastRecord, call, moreDetails)
            // KVM traces the first two input registers (RDX, R8) in place of the GPAs.
            withUnsafeBytes(of: (call.input.littleEndian, call.output.littleEndian)) { registers in
                fastRecord.input.withUnsafeMutableBytes { $0.copyMemory(from: registers) }
            }
            try emit(.call(fastRecord))
        } else {
            fill(&memoryRecord, call, moreDetails)
            memoryRecord.inputGPA = call.input
            memoryRecord.outputGPA = call.output
            try emit(.call(memoryRecord))
        }
    }

    /// Sets everything but the inputs.
    @inline(__always)
    private func fill(_ record: inout HypercallRecord, _ call: borrowing PendingCall, _ moreDetails: [(DetailFields, forL2: Bool)]) {
        record.sequence = call.sequence
        record.entryTime = call.entryTime
        record.exitTime = call.exitTime
        record.partitionID = UInt64(UInt32(bitPattern: call.partition))  // a pid text beyond 32 bits must not trap
        record.vpIndex = call.vcpu
        record.phase = phases[Int(call.phase)]
        record.inputValue = HypercallInputValue(rawValue: call.inputValue)
        record.resultValue = call.result.map(HypercallResultValue.init(rawValue:))
        var used = 0
        record.attributes.put(RecordAttribute("kvm.thread", tasks.threadName(at: Int(call.task))), at: &used)
        if let detail = call.detail {
            putAttributes(detail, forL2: call.detailForL2, into: &record.attributes, at: &used)
            for (fields, forL2) in moreDetails { putAttributes(fields, forL2: forL2, into: &record.attributes, at: &used) }
        }
        while record.attributes.count > used { record.attributes.removeLast() }
    }

    private func emitMarker(_ marker: consuming LogMarker) throws {
        emittedEntries += 1
        try emit(.marker(marker))
    }

    /// A flush's or IPI's fields, named as the tracepoint names them (`processor_mask`,
    /// `address_space`, `flags`, `valid_bank_mask`, `format`, `vector`: all short enough to be
    /// stored inline, which matters at millions of records).
    @inline(__always)
    private func putAttributes(_ fields: DetailFields, forL2: Bool, into attributes: inout [RecordAttribute], at used: inout Int) {
        fields.forEach { key, value in attributes.put(RecordAttribute(key.attributeName, hexTexts.text(value)), at: &used) }
        if forL2 { attributes.put(RecordAttribute("guest_mode", "L2"), at: &used) }
    }

    /// Adds a flush's or IPI's fields to the open call of `pid`.
    private func attach(_ fields: DetailFields, forL2: Bool, to pid: Int32) {
        guard let slot = tasks[tasks.index(of: pid)].pendingSlot else {
            statistics.detailsWithoutCall += 1
            return
        }
        queue.addDetail(slot, fields, forL2: forL2)
    }

    /// A synthetic MSR's texts, made once per MSR and access: the index (`0x40000070`), the name
    /// (the index again when the MSR has none), and the annotation up to the value (`msr_write HV_X64_MSR_EOI = `).
    private func msrNames(_ index: UInt32, write: Bool) -> (index: String, name: String, textPrefix: String) {
        let key = UInt64(index) << 1 | (write ? 1 : 0)
        if let known = msrTexts[key] { return known }
        let indexText = "0x" + String(index, radix: 16, uppercase: true)
        let name = SyntheticMSR.name(of: index) ?? indexText
        let texts = (indexText, name, "\(write ? "msr_write" : "msr_read") \(name) = ")
        msrTexts[key] = texts
        return texts
    }

    private func nextSequence() -> UInt64 {
        defer { sequence += 1 }
        return sequence
    }

    /// The phase a trace_marker text announces, if it announces one.
    func phaseName(in text: String) -> String? {
        if text.hasPrefix("hvlog phase=") {
            let name = text.dropFirst("hvlog phase=".count).prefix { !$0.isWhitespace }
            return name.isEmpty ? nil : String(name)
        }
        guard let pattern = options.phaseMarkerPattern, let match = try? pattern.firstMatch(in: text) else { return nil }
        // The first capture group that took part in the match (patterns may have alternatives), else the match.
        let captured = match.output.dropFirst().lazy.compactMap(\.substring).first ?? match.output[0].substring
        return captured.map(String.init)
    }

    private func partition(of line: FtraceLine) -> Int32 {
        switch options.partitionBy {
        case .tgid: return line.tgid ?? line.pid
        case .automatic where line.tgid != nil: return line.tgid!
        case .automatic, .comm:
            if let last = lastComm, last.bytes.count == line.comm.count,
               last.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, line.comm.baseAddress!, line.comm.count) }) == 0 {
                return last.partition
            }
            let key = Array(line.comm)
            let id = partitionsByComm[key] ?? line.pid
            partitionsByComm[key] = id
            lastComm = (key, id)
            return id
        }
    }
}

/// `0x` and lower-case hex digits, built without intermediate strings.
func hexString(_ value: UInt64) -> String {
    let digits = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
    return String(unsafeUninitializedCapacity: digits + 2) { buffer in
        buffer[0] = UInt8(ascii: "0")
        buffer[1] = UInt8(ascii: "x")
        for index in 0..<digits {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64(4 * (digits - 1 - index))) & 0xF
            buffer[2 + index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
        }
        return digits + 2
    }
}

/// `0x…` texts of recent flush and IPI values: they repeat (the same masks, address spaces and
/// vectors), and finding a text costs less than making it. Direct-mapped, 64 entries.
struct HexTextCache {
    private var values = [UInt64](repeating: 0, count: 64)
    private var texts = [String](repeating: hexString(0), count: 64)

    mutating func text(_ value: UInt64) -> String {
        let slot = Int(truncatingIfNeeded: (value ^ value >> 6 ^ value >> 12 ^ value >> 24 ^ value >> 32) & 63)
        if values[slot] == value { return texts[slot] }
        let text = hexString(value)
        values[slot] = value
        texts[slot] = text
        return text
    }
}

/// The vCPU threads seen so far: few, so a list with a last-hit shortcut beats hashing.
struct TaskTable {
    struct Task {
        let pid: Int32
        var pendingSlot: Int?
        var vcpu: UInt32?
        /// The pid as text, made once for the `kvm.thread` attribute.
        let threadName: String
    }

    private var tasks: [Task] = []
    private var last = 0

    /// The index of `pid`'s entry, created when new.
    mutating func index(of pid: Int32) -> Int {
        if last < tasks.count, tasks[last].pid == pid { return last }
        if let found = tasks.firstIndex(where: { $0.pid == pid }) {
            last = found
            return found
        }
        tasks.append(Task(pid: pid, pendingSlot: nil, vcpu: nil, threadName: String(decoding: Array(String(pid).utf8), as: UTF8.self)))  // made from bytes: stored inline
        last = tasks.count - 1
        return last
    }

    func threadName(at index: Int) -> String { tasks[index].threadName }

    subscript(index: Int) -> Task {
        get { tasks[index] }
        _modify { yield &tasks[index] }
    }

    /// Forgets every open call; returns how many there were.
    mutating func closeAllPending() -> Int {
        var closed = 0
        for index in tasks.indices where tasks[index].pendingSlot != nil {
            tasks[index].pendingSlot = nil
            closed += 1
        }
        return closed
    }
}

extension Array where Element == RecordAttribute {
    /// Stores `attribute` at `index` (overwriting, or appending at the end) and advances `index`.
    @inline(__always) mutating func put(_ attribute: RecordAttribute, at index: inout Int) {
        if index < count { self[index] = attribute } else { append(attribute) }
        index += 1
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" || copy.last == "\r" { copy.removeLast() }
        return copy
    }
}
