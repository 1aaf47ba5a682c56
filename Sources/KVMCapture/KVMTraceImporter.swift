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

    public private(set) var statistics = KVMImportStatistics()
    private let options: Options
    private let emit: (LogEntry) throws -> Void
    private var phase: String
    private var tasks: [Int32: TaskState] = [:]
    private var queue = ReorderQueue()
    private var sequence: UInt64 = 0
    private var partitionsByComm: [[UInt8]: Int32] = [:]
    private var lastComm: (bytes: [UInt8], partition: Int32)?

    private struct TaskState {
        var pendingSlot: Int?
        var vcpu: UInt32?
    }

    public init(options: Options = Options(), emit: @escaping (LogEntry) throws -> Void) {
        self.options = options
        self.emit = emit
        phase = options.initialPhase
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
        for (pid, state) in tasks where state.pendingSlot != nil {
            statistics.incompleteCalls += 1
            tasks[pid]?.pendingSlot = nil
        }
        try queue.drainAll(emit)
    }

    private func handle(_ decoded: KVMEvent, _ line: FtraceLine) throws {
        switch decoded {
        case let .hypercall(code, fast, variableHeader, repCount, repIndex, input, output):
            if let open = tasks[line.pid]?.pendingSlot {
                // The previous call of this task never completed.
                statistics.incompleteCalls += 1
                queue.markReady(open)
            }
            let inputValue = HypercallInputValue(rawValue: UInt64(code) | (fast ? 1 << 16 : 0)
                | (variableHeader & 0x3FF) << 17 | (repCount & 0xFFF) << 32 | (repIndex & 0xFFF) << 48)
            var record = HypercallRecord(
                sequence: nextSequence(), entryTime: line.timestamp, source: options.source,
                partitionID: UInt64(partition(of: line)), partitionRole: .guest, vpIndex: tasks[line.pid]?.vcpu,
                phase: phase, inputValue: inputValue, convention: fast ? .fast : .memory)
            if fast {
                // KVM traces the first two input registers (RDX, R8) in place of the GPAs.
                record.input = withUnsafeBytes(of: (input.littleEndian, output.littleEndian)) { Array($0) }
            } else {
                record.inputGPA = input
                record.outputGPA = output
            }
            record.attributes = [RecordAttribute("kvm.thread", String(line.pid))]
            let slot = queue.append(.call(record), ready: false)
            tasks[line.pid, default: TaskState()].pendingSlot = slot
        case .hypercallDone(let result):
            guard let slot = tasks[line.pid]?.pendingSlot else {
                statistics.unpairedDone += 1
                return
            }
            queue.update(slot) { record in
                record.resultValue = HypercallResultValue(rawValue: result)
                record.exitTime = line.timestamp
            }
            queue.markReady(slot)
            tasks[line.pid]?.pendingSlot = nil
            statistics.completeCalls += 1
        case let .flushTLB(extended, fields, forL2):
            attach(prefix: extended ? "flush_ex." : "flush.", fields, extra: forL2 ? [RecordAttribute("flush.guest_mode", "L2")] : [], to: line.pid)
        case let .sendIPI(extended, fields):
            attach(prefix: extended ? "ipi_ex." : "ipi.", fields, extra: [], to: line.pid)
        case .vcpuTransition(let vcpu):
            if let vcpu { tasks[line.pid, default: TaskState()].vcpu = vcpu }
        case let .msr(write, index, value, faulted):
            guard SyntheticMSR.range.contains(index) else {
                statistics.otherMSRAccesses += 1
                return
            }
            let name = SyntheticMSR.name(of: index) ?? "0x" + String(index, radix: 16, uppercase: true)
            let access = write ? "msr_write" : "msr_read"
            let hexValue = "0x" + String(value, radix: 16)
            var attributes = [RecordAttribute("msr", "0x" + String(index, radix: 16, uppercase: true)), RecordAttribute("msr.name", name),
                              RecordAttribute("msr.access", write ? "write" : "read"), RecordAttribute("msr.value", hexValue),
                              RecordAttribute("kvm.thread", String(line.pid)), RecordAttribute("partition", String(partition(of: line)))]
            if let vcpu = tasks[line.pid]?.vcpu { attributes.append(RecordAttribute("vp", String(vcpu))) }
            if faulted { attributes.append(RecordAttribute("msr.fault", "#GP")) }
            statistics.markers += 1
            _ = queue.append(.marker(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .annotation, source: options.source,
                                                text: "\(access) \(name) = \(hexValue)\(faulted ? " (#GP)" : "")", attributes: attributes)), ready: true)
        case .marker(let bytes):
            let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()
            statistics.markers += 1
            if let newPhase = phaseName(in: text) {
                phase = newPhase
                _ = queue.append(.marker(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .phase, source: options.source, text: newPhase,
                                                    attributes: [RecordAttribute("trace_marker", text)])), ready: true)
            } else {
                _ = queue.append(.marker(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .annotation, source: options.source, text: text)), ready: true)
            }
        }
        try queue.drainReady(emit)
    }

    private func attach(prefix: String, _ fields: [(key: String, value: UInt64)], extra: [RecordAttribute], to pid: Int32) {
        guard let slot = tasks[pid]?.pendingSlot else {
            statistics.detailsWithoutCall += 1
            return
        }
        queue.update(slot) { record in
            for field in fields { record.attributes.append(RecordAttribute(prefix + field.key, "0x" + String(field.value, radix: 16))) }
            record.attributes += extra
        }
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

/// Entries in the order they began; each is emitted once it and all before it are complete.
/// Slots are absolute numbers that stay valid while the queue drops emitted entries.
struct ReorderQueue {
    private var entries: [LogEntry?] = []
    private var ready: [Bool] = []
    /// Slot number of `entries[0]`, and index of the first entry not yet emitted.
    private var base = 0
    private var head = 0

    /// Adds an entry; returns its slot.
    mutating func append(_ entry: LogEntry, ready isReady: Bool) -> Int {
        entries.append(entry)
        ready.append(isReady)
        return base + entries.count - 1
    }

    mutating func update(_ slot: Int, _ change: (inout HypercallRecord) -> Void) {
        let index = slot - base
        guard case .call(var record)? = entries[index] else { return }
        entries[index] = nil  // so the record is uniquely referenced while it changes
        change(&record)
        entries[index] = .call(record)
    }

    mutating func markReady(_ slot: Int) { ready[slot - base] = true }

    /// Emits the complete entries at the front.
    mutating func drainReady(_ emit: (LogEntry) throws -> Void) rethrows {
        while head < entries.count, ready[head] {
            let entry = entries[head]!
            entries[head] = nil
            head += 1
            try emit(entry)
        }
        if head > 4096, head * 2 > entries.count {
            entries.removeFirst(head)
            ready.removeFirst(head)
            base += head
            head = 0
        }
    }

    /// Emits everything left, complete or not.
    mutating func drainAll(_ emit: (LogEntry) throws -> Void) rethrows {
        for index in head..<entries.count { if let entry = entries[index] { try emit(entry) } }
        base += entries.count
        entries.removeAll()
        ready.removeAll()
        head = 0
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" || copy.last == "\r" { copy.removeLast() }
        return copy
    }
}
