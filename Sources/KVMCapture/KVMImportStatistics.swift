/// What an import saw: lines by kind, events by tracepoint, calls, markers and problems.
public struct KVMImportStatistics: Sendable {
    public var lines = 0
    /// Comments, headers and blank lines.
    public var ignorableLines = 0
    /// Lines not in the ftrace format.
    public var unrecognizedLines = 0
    /// Events of tracepoints hvlog does not read (counted, skipped).
    public var otherEvents = 0
    public var hypercallEvents = 0
    public var doneEvents = 0
    public var flushEvents = 0
    public var flushExEvents = 0
    public var ipiEvents = 0
    public var ipiExEvents = 0
    public var entryExitEvents = 0
    public var msrEvents = 0
    public var markerEvents = 0
    public var completeCalls = 0
    public var incompleteCalls = 0
    /// Markers written: phases, trace_marker annotations, synthetic MSR accesses.
    public var markers = 0
    /// `done` events of a task with no open call (the trace began mid-call).
    public var unpairedDone = 0
    /// Flush or IPI details of a task with no open call.
    public var detailsWithoutCall = 0
    /// MSR accesses outside the hypervisor range 0x40000000–0x4000FFFF (not synthetic; skipped).
    public var otherMSRAccesses = 0
    public var malformedLines = 0
    /// The first malformed lines, with their line numbers.
    public var malformedExamples: [(line: Int, event: String, message: String)] = []

    mutating func count(_ name: KVMEvent.Name) {
        switch name {
        case .hypercall: hypercallEvents += 1
        case .hypercallDone: doneEvents += 1
        case .flushTLB: flushEvents += 1
        case .flushTLBEx: flushExEvents += 1
        case .sendIPI: ipiEvents += 1
        case .sendIPIEx: ipiExEvents += 1
        case .entry, .exit: entryExitEvents += 1
        case .msr: msrEvents += 1
        case .marker: markerEvents += 1
        }
    }

    mutating func recordMalformed(line: Int, event: KVMEvent.Name, message: String) {
        malformedLines += 1
        if malformedExamples.count < 20 { malformedExamples.append((line, "\(event.tracepoint)", message)) }
    }

    /// Adds another file's figures.
    public mutating func add(_ other: KVMImportStatistics) {
        lines += other.lines; ignorableLines += other.ignorableLines; unrecognizedLines += other.unrecognizedLines
        otherEvents += other.otherEvents; hypercallEvents += other.hypercallEvents; doneEvents += other.doneEvents
        flushEvents += other.flushEvents; flushExEvents += other.flushExEvents; ipiEvents += other.ipiEvents
        ipiExEvents += other.ipiExEvents; entryExitEvents += other.entryExitEvents; msrEvents += other.msrEvents
        markerEvents += other.markerEvents; completeCalls += other.completeCalls; incompleteCalls += other.incompleteCalls
        markers += other.markers; unpairedDone += other.unpairedDone; detailsWithoutCall += other.detailsWithoutCall
        otherMSRAccesses += other.otherMSRAccesses; malformedLines += other.malformedLines
        malformedExamples += other.malformedExamples.prefix(max(0, 20 - malformedExamples.count))
    }

    /// A table of the figures, for the command line.
    public var summary: [(String, Int)] {
        [("lines", lines), ("kvm_hv_hypercall", hypercallEvents), ("kvm_hv_hypercall_done", doneEvents),
         ("kvm_hv_flush_tlb", flushEvents), ("kvm_hv_flush_tlb_ex", flushExEvents), ("kvm_hv_send_ipi", ipiEvents),
         ("kvm_hv_send_ipi_ex", ipiExEvents), ("kvm_entry/kvm_exit", entryExitEvents), ("kvm_msr", msrEvents),
         ("tracing_mark_write", markerEvents), ("calls complete", completeCalls), ("calls incomplete", incompleteCalls),
         ("markers written", markers), ("other events (skipped)", otherEvents), ("non-synthetic MSR accesses (skipped)", otherMSRAccesses),
         ("done without open call", unpairedDone), ("details without open call", detailsWithoutCall),
         ("header/blank lines", ignorableLines), ("unrecognized lines", unrecognizedLines), ("malformed lines", malformedLines)]
    }
}
