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
    @exclusivity(unchecked) private var phase: String
    @exclusivity(unchecked) private var tasks = TaskTable()
    private let queue = ReorderQueue()
    @exclusivity(unchecked) private var sequence: UInt64 = 0
    @exclusivity(unchecked) private var partitionsByComm: [[UInt8]: Int32] = [:]
    @exclusivity(unchecked) private var lastComm: (bytes: [UInt8], partition: Int32)?

    public init(options: Options = Options(), emit: @escaping (LogEntry) throws -> Void) {
        self.options = options
        self.emit = emit
        phase = options.initialPhase
        sequence = options.firstSequence
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
        try queue.drainAll(emit)
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
            let inputValue = HypercallInputValue(rawValue: UInt64(code) | (fast ? 1 << 16 : 0)
                | (variableHeader & 0x3FF) << 17 | (repCount & 0xFFF) << 32 | (repIndex & 0xFFF) << 48)
            var record = HypercallRecord(
                sequence: nextSequence(), entryTime: line.timestamp, source: options.source,
                partitionID: UInt64(partition(of: line)), partitionRole: .guest, vpIndex: tasks[task].vcpu,
                phase: phase, inputValue: inputValue, convention: fast ? .fast : .memory)
            if fast {
                // KVM traces the first two input registers (RDX, R8) in place of the GPAs.
                record.input = withUnsafeBytes(of: (input.littleEndian, output.littleEndian)) { Array($0) }
            } else {
                record.inputGPA = input
                record.outputGPA = output
            }
            record.attributes.reserveCapacity(4)
            record.attributes.append(RecordAttribute("kvm.thread", tasks[task].threadName))
            tasks[task].pendingSlot = queue.append(record)
        case .hypercallDone(let result):
            let task = tasks.index(of: line.pid)
            guard let slot = tasks[task].pendingSlot else {
                statistics.unpairedDone += 1
                return
            }
            queue.update(slot) { record in
                record.resultValue = HypercallResultValue(rawValue: result)
                record.exitTime = line.timestamp
            }
            queue.markReady(slot)
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
            let name = SyntheticMSR.name(of: index) ?? "0x" + String(index, radix: 16, uppercase: true)
            let access = write ? "msr_write" : "msr_read"
            let hexValue = "0x" + String(value, radix: 16)
            var attributes = [RecordAttribute("msr", "0x" + String(index, radix: 16, uppercase: true)), RecordAttribute("msr.name", name),
                              RecordAttribute("msr.access", write ? "write" : "read"), RecordAttribute("msr.value", hexValue),
                              RecordAttribute("kvm.thread", String(line.pid)), RecordAttribute("partition", String(partition(of: line)))]
            if let vcpu = tasks[tasks.index(of: line.pid)].vcpu { attributes.append(RecordAttribute("vp", String(vcpu))) }
            if faulted { attributes.append(RecordAttribute("msr.fault", "#GP")) }
            statistics.markers += 1
            queue.append(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .annotation, source: options.source,
                                   text: "\(access) \(name) = \(hexValue)\(faulted ? " (#GP)" : "")", attributes: attributes))
        case .marker(let bytes):
            let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines()
            statistics.markers += 1
            if let newPhase = phaseName(in: text) {
                phase = newPhase
                queue.append(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .phase, source: options.source, text: newPhase,
                                       attributes: [RecordAttribute("trace_marker", text)]))
            } else {
                queue.append(LogMarker(sequence: nextSequence(), time: line.timestamp, kind: .annotation, source: options.source, text: text))
            }
        }
        try queue.drainReady(emit)
    }

    /// Adds a flush's or IPI's fields to the open call of `pid`, named as the tracepoint names them
    /// (`processor_mask`, `address_space`, `flags`, `valid_bank_mask`, `format`, `vector`: all short
    /// enough to be stored inline, which matters at millions of records).
    private func attach(_ fields: DetailFields, forL2: Bool, to pid: Int32) {
        guard let slot = tasks[tasks.index(of: pid)].pendingSlot else {
            statistics.detailsWithoutCall += 1
            return
        }
        queue.update(slot) { record in
            fields.forEach { key, value in record.attributes.append(RecordAttribute(key.attributeName, hexString(value))) }
            if forL2 { record.attributes.append(RecordAttribute("guest_mode", "L2")) }
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
        tasks.append(Task(pid: pid, pendingSlot: nil, vcpu: nil, threadName: String(pid)))
        last = tasks.count - 1
        return last
    }

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

/// Entries in the order they began; each is emitted once it and all before it are complete.
/// A ring of slots: an open call is changed in place in its slot (no copies of the record),
/// and the slots of emitted entries are reused. Slots are absolute numbers (never reused while
/// their entry waits).
final class ReorderQueue {
    private struct Slot {
        var record: HypercallRecord?
        var marker: LogMarker?
        var ready = false
    }

    // Used from one thread, like the importer (no runtime access tracking).
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var mask: Int
    /// Absolute numbers of the first entry not yet emitted and of the next entry to add.
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private var tail = 0

    init(capacity: Int = 256) {
        var size = 2
        while size < capacity { size *= 2 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(), count: size)
        mask = size - 1
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    /// Adds a call that is not complete yet; returns its slot.
    func append(_ record: consuming HypercallRecord) -> Int {
        let slot = reserveSlot()
        slots[slot & mask].record = record
        return slot
    }

    /// Adds a marker (always complete).
    func append(_ marker: consuming LogMarker) {
        let slot = reserveSlot()
        slots[slot & mask].marker = marker
        slots[slot & mask].ready = true
    }

    /// Changes the open call in `slot` (a slot `append(_: HypercallRecord)` returned) in place.
    @inline(__always) func update(_ slot: Int, _ change: (inout HypercallRecord) -> Void) {
        change(&slots[slot & mask].record!)
    }

    func markReady(_ slot: Int) { slots[slot & mask].ready = true }

    /// Emits the complete entries at the front.
    func drainReady(_ emit: (LogEntry) throws -> Void) rethrows {
        while head < tail, slots[head & mask].ready {
            try emitHead(emit)
        }
    }

    /// Emits everything left, complete or not.
    func drainAll(_ emit: (LogEntry) throws -> Void) rethrows {
        while head < tail { try emitHead(emit) }
    }

    /// Moves the entry at the head out of its slot (leaving the slot empty) and emits it.
    private func emitHead(_ emit: (LogEntry) throws -> Void) rethrows {
        let slot = slots + (head & mask)
        head += 1
        slot.pointee.ready = false
        if let record = slot.pointee.record.take() {
            try emit(.call(record))
        } else if let marker = slot.pointee.marker.take() {
            try emit(.marker(marker))
        }
    }

    private func reserveSlot() -> Int {
        if tail - head > mask { grow() }
        defer { tail += 1 }
        return tail
    }

    /// Doubles the ring, keeping every waiting entry at its absolute slot number.
    @inline(never) private func grow() {
        let oldSize = mask + 1, newSize = 2 * oldSize
        let grown = UnsafeMutablePointer<Slot>.allocate(capacity: newSize)
        grown.initialize(repeating: Slot(), count: newSize)
        for slot in head..<tail {
            swap(&grown[slot & (newSize - 1)], &slots[slot & mask])
        }
        slots.deinitialize(count: oldSize)
        slots.deallocate()
        slots = grown
        mask = newSize - 1
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last == "\n" || copy.last == "\r" { copy.removeLast() }
        return copy
    }
}
