#if canImport(Glibc)
import Glibc
#endif
import HypercallABI
import HypercallLog

/// Logs hypercalls live through a GDB stub: a breakpoint on the handler's entry, one on each exit
/// (the return address read at entry, or the profile's addresses), entries paired with exits per
/// thread (vCPU), input blocks read at entry and output blocks at exit, each record appended as
/// its call completes. Whatever way the logging ends — the target exits, `shouldStop`, `--max`,
/// `--duration`, an error — every breakpoint it inserted is removed and the target detached and
/// left running, unless the connection itself is gone.
public final class GDBLogger {
    public struct Settings: Sendable {
        public var entryAddress: UInt64
        /// Exit breakpoints known in advance (the profile's `exit.addresses`, module base applied).
        public var exitAddresses: [UInt64] = []
        public var breakpoints: BreakpointKind
        public var initialPhase = ""
        /// A file whose content (one word) is the phase: changing it while recording starts a new phase.
        public var phaseFile: String?
        public var maxCalls: Int?
        public var duration: Double?
        /// Whether to ask the stub to keep only a smaller register set that still holds every
        /// register the profile reads (`GDBRemoteClient.narrowRegisterSet`); off only to measure its effect.
        public var narrowRegisterSet = true

        public init(entryAddress: UInt64, breakpoints: BreakpointKind) {
            self.entryAddress = entryAddress
            self.breakpoints = breakpoints
        }
    }

    public struct Statistics: Sendable {
        public var completeCalls = 0
        public var incompleteCalls = 0
        /// Stops at an exit breakpoint with no call of that thread waiting there.
        public var unmatchedExits = 0
        /// Traps at addresses that are none of hvlog's breakpoints.
        public var foreignTraps = 0
        public var stops = 0
        /// Stops after single-stepping a thread past a breakpoint (the step-over).
        public var steps = 0
        /// Steps repeated because the stub reported one without leaving the breakpoint's instruction.
        public var repeatedSteps = 0
        public var phaseMarkers = 0
        /// Block or field reads the stub refused (the call is logged with a `gdb.error` attribute).
        public var readErrors = 0
        public var breakpointsInserted = 0
        public var breakpointsRemoved = 0
        /// How the target ended, if it did (`exited 0`, `killed by signal 9`).
        public var targetEnd: String?
        public var packetsSent = 0
        public var packetsReceived = 0
        /// Whether the stub let a thread run on from a breakpoint without hvlog's step-over (nil: not found out).
        public var stubPassesOverBreakpoints: Bool?
    }

    struct PendingCall {
        var record: HypercallRecord
        var returnAddress: UInt64?
        var outputAddress: UInt64?
        var outputSizeAtEntry: UInt64?
    }

    public let client: GDBRemoteClient
    public let profile: TargetProfile
    public let settings: Settings
    private let writer: any LogWriter
    var snapshot: StopSnapshot!
    private var programCounter = ""
    var fields: Fields!
    var inserted: [(kind: BreakpointKind, address: UInt64)] = []
    private var exitAddresses: Set<UInt64> = []
    private var pending: [String: [PendingCall]] = [:]
    private var repGroups: [String: (code: UInt16, inputAddress: UInt64?, repCount: Int, completed: Int, group: UInt64)] = [:]
    private var sequence: UInt64 = 0
    private var phase: String
    private var phaseFileStamp: timespec?
    private var lastPhaseCheck = 0.0
    private let clockStart = MonotonicClock.nanoseconds()
    var statistics = Statistics()
    /// The thread that stopped on one of hvlog's breakpoints, which must get past it before resuming.
    var stoppedOnBreakpoint: (thread: String, address: UInt64)?
    /// Whether resuming a thread stopped on a breakpoint needs hvlog's step-over (found out by `probe`).
    var stepOver = StepOver.unknown
    /// A thread resumed on its breakpoint without a step-over, to see whether the stub re-reports it.
    var probe: (thread: String, address: UInt64, registers: [UInt8])?
    /// Block reads that go out with the next resume, in one write (`sendDeferred`).
    var deferred: [DeferredRead] = []
    /// Work of the last stop that need not delay the resume: run once its packets are written (`sendDeferred`).
    var afterSend: [() throws -> Void] = []
    /// Returned calls whose result is read in the next batch: counted toward `--max` ahead.
    var callsAwaitingResult = 0
    var note: (String) -> Void = { _ in }
    /// Told every breakpoint kept in the target and removed from it, then `done` (see `BreakpointWatchdog`).
    public var watchdog: ((String) -> Void)?

    public init(client: GDBRemoteClient, profile: TargetProfile, settings: Settings, writer: any LogWriter) {
        self.client = client
        self.profile = profile
        self.settings = settings
        self.writer = writer
        phase = settings.initialPhase
    }

    /// Records until the target exits, `shouldStop` says so, or a limit is reached.
    /// `onProgress` gets the number of complete calls now and then; `onNote` gets messages for the user.
    public func run(shouldStop: @escaping () -> Bool, onProgress: (Int) -> Void = { _ in }, onNote: @escaping (String) -> Void = { _ in }) throws -> Statistics {
        note = onNote
        guard let description = try client.targetDescription() else {
            throw GDBError.protocolError("\(client.connection.target) offers no target description (qXfer:features:read), so hvlog cannot number its registers")
        }
        snapshot = StopSnapshot(client: client, description: description)
        programCounter = try profile.programCounter ?? ["rip", "pc", "eip"].first { description.register(named: $0) != nil }
            ?? { throw GDBError.profile("the target has no rip, pc or eip register: name the program counter with \"pc\"") }()
        let used = profile.registerNames.union([programCounter]).map { ($0, description.register(named: $0)) }
        let missing = used.filter { $0.1 == nil }.map(\.0).sorted()
        guard missing.isEmpty else {
            throw GDBError.profile("profile '\(profile.name)' uses \(missing.joined(separator: ", ")), which the target description (\(description.architecture)) lacks; it has \(description.registers.prefix(40).map(\.name).joined(separator: " "))")
        }
        fields = Fields(profile: profile, programCounter: programCounter, snapshot: snapshot)
        if profile.memory == .physical { try client.setPhysicalMemoryMode(true) }
        switch try client.haltReason() {
        case .exited, .terminated: throw GDBError.protocolError("the target has already exited")
        case .stopped: break
        }
        let needed = used.compactMap(\.1)
        if settings.narrowRegisterSet, let bytes = try client.narrowRegisterSet(needed: needed) {
            onNote("the stub now keeps only the first \(bytes) bytes of registers (its description for clients without XML), which hold every register the profile reads")
        }
        let deadline = settings.duration.map { MonotonicClock.seconds() + $0 }
        var targetGone = false
        var connectionLost = false
        do {
            try insertBreakpoint(at: settings.entryAddress)
            for address in settings.exitAddresses {
                try insertBreakpoint(at: address)
                exitAddresses.insert(address)
            }
            try startPhaseIfChanged(force: !phase.isEmpty)
            onNote("recording: \(settings.breakpoints) breakpoint at entry 0x\(String(settings.entryAddress, radix: 16))\(settings.exitAddresses.isEmpty ? ", exits at return addresses" : ", exits at " + settings.exitAddresses.map { "0x" + String($0, radix: 16) }.joined(separator: ", "))")
            var signalToPass: UInt8?
            let stopNow = { shouldStop() || deadline.map { MonotonicClock.seconds() >= $0 } == true }
            loop: while true {
                let limitReached = { self.settings.maxCalls.map { self.statistics.completeCalls + self.callsAwaitingResult >= $0 } == true }
                if limitReached() || stopNow() {
                    try sendDeferred(then: nil) // the target stays stopped
                    if limitReached() || stopNow() { break } // else a call counted ahead turned out incomplete
                }
                if let end = try leaveStop(signal: signalToPass) {
                    statistics.targetEnd = end
                    targetGone = true
                    break loop
                }
                signalToPass = nil
                let stop: StopReply, interrupted: Bool
                do {
                    (stop, interrupted) = try client.waitForStop {
                        try? self.startPhaseIfChanged(force: false)
                        return stopNow()
                    }
                } catch {
                    guard case .disconnected(let message) = error else { throw error }
                    // QEMU exits (isa-debug-exit, poweroff) without a W packet: the stub went with the target.
                    statistics.targetEnd = "gone: the stub closed the connection while the target ran (\(message))"
                    targetGone = true
                    connectionLost = true
                    break loop
                }
                statistics.stops += 1
                guard case .stopped(let signal, let thread, let registers) = stop else {
                    statistics.targetEnd = stop.targetEnd
                    targetGone = true
                    break loop
                }
                if let thread { client.stopped(in: thread) }
                if signal == Self.sigtrap {
                    try handleTrap(thread: thread ?? "0", expedited: registers)
                    if statistics.completeCalls & 0x3F == 0 { onProgress(statistics.completeCalls) }
                } else if !interrupted {
                    signalToPass = signal // the target's own signal: deliver it on resume
                }
                if interrupted { try sendDeferred(then: nil); break loop }
                if MonotonicClock.seconds() - lastPhaseCheck > 0.1 { try startPhaseIfChanged(force: false) }
            }
        } catch {
            abandonDeferred()
            finishPending()
            cleanUp(targetRunning: client.awaitingStop, targetGone: targetGone, connectionLost: Self.isDisconnect(error))
            throw error
        }
        finishPending()
        cleanUp(targetRunning: false, targetGone: targetGone, connectionLost: connectionLost)
        onProgress(statistics.completeCalls)
        statistics.packetsSent = client.connection.packetsSent
        statistics.packetsReceived = client.connection.packetsReceived
        statistics.stubPassesOverBreakpoints = stepOver == .unknown ? nil : stepOver == .stubPassesOver
        return statistics
    }

    /// SIGTRAP in GDB's signal numbering (include/gdb/signals.def): breakpoints report it.
    static let sigtrap: UInt8 = 5

    static func isDisconnect(_ error: Error) -> Bool {
        if case .disconnected = error as? GDBError { return true }
        return false
    }

    // MARK: Stops

    private func handleTrap(thread: String, expedited: [Int: [UInt8]]) throws {
        snapshot.reset(expedited: expedited)
        try client.selectThread(thread)
        let pc = try snapshot.evaluate(fields.programCounter)
        if let probe, probe.thread == thread {
            self.probe = nil
            if try settle(probe, stoppedAt: pc) { return }
        }
        if pc == settings.entryAddress {
            stoppedOnBreakpoint = (thread, pc)
            try handleEntry(thread: thread)
        } else if exitAddresses.contains(pc) {
            stoppedOnBreakpoint = (thread, pc)
            try handleExit(thread: thread, pc: pc)
        } else {
            statistics.foreignTraps += 1
        }
    }

    /// Reads what the entry's packets depend on (the input block's place and size, the return
    /// address and its breakpoint) and queues the input block's read; the record itself is built
    /// once the read and the resume have gone out (`afterSend`), from values the snapshot holds.
    private func handleEntry(thread: String) throws {
        let entryTime = now(), phase = self.phase
        var errors: [String] = []
        let fields = self.fields!, fastInputRegisters = profile.atEntry.fastInputRegisters
        try snapshot.prefetch(fields.atEntry, registers: fastInputRegisters ?? [])
        let value = HypercallInputValue(rawValue: try read(fields.inputValue, errors: &errors) ?? 0)
        let inputAddress = try read(fields.inputAddress, errors: &errors)
        let inputSize = try read(fields.inputSize, errors: &errors)
        let inputBytes = profile.sizes.inputBytes(value, sizeAtEntry: inputSize)
        var returnAddress: UInt64?, returnErrors: [String] = []
        if let address = try read(fields.returnAddress, errors: &returnErrors) {
            returnAddress = address
            if !exitAddresses.contains(address) {
                try insertBreakpoint(at: address)
                exitAddresses.insert(address)
            }
        }
        let repGroup = self.repGroup(value, thread: thread, inputAddress: inputAddress)
        let exitUncatchable: Bool
        if case .returnAddress = profile.exit { exitUncatchable = returnAddress == nil } else { exitUncatchable = false }
        var call: PendingCall?
        var index = 0
        afterSend.append {
            var record = HypercallRecord(
                sequence: 0, entryTime: entryTime, source: "gdb",
                partitionID: try self.read(fields.partitionID, errors: &errors),
                vpIndex: try self.read(fields.vpIndex, errors: &errors).map { UInt32(truncatingIfNeeded: $0) },
                vtl: try self.read(fields.vtl, errors: &errors).map { UInt8(truncatingIfNeeded: $0) },
                phase: phase, inputValue: value, convention: value.isFast ? .fast : .memory)
            if value.isFast, let registers = fastInputRegisters {
                var bytes: [UInt8] = []
                for name in registers where bytes.count < inputBytes { bytes += try self.snapshot.bytes(of: name) }
                record.input = Array(bytes.prefix(inputBytes))
            }
            var entered = PendingCall(record: record, returnAddress: returnAddress, outputAddress: try self.read(fields.outputAddress, errors: &errors),
                                      outputSizeAtEntry: try self.read(fields.outputSize, errors: &errors))
            if self.profile.blockAddressesAreGuestPhysical {
                entered.record.inputGPA = inputAddress
                entered.record.outputGPA = entered.outputAddress
            } else {
                if let inputAddress { entered.record.attributes.append(RecordAttribute("gdb.input-address", "0x" + String(inputAddress, radix: 16))) }
                if let output = entered.outputAddress { entered.record.attributes.append(RecordAttribute("gdb.output-address", "0x" + String(output, radix: 16))) }
            }
            entered.record.attributes.append(RecordAttribute("gdb.thread", thread))
            entered.record.repGroup = repGroup
            for error in errors + returnErrors { entered.record.attributes.append(RecordAttribute("gdb.error", error)) }
            index = self.pending[thread, default: []].count
            if !exitUncatchable { self.pending[thread, default: []].append(entered) }
            call = entered
        }
        let inputBlock = value.isFast && fastInputRegisters != nil ? nil : inputAddress.flatMap { $0 == 0 ? nil : $0 }
        readBlock(at: inputBlock, count: inputBytes, what: "input", abandon: exitUncatchable ? { if let call { try self.writeIncomplete(call.record) } } : {}) { bytes, error in
            guard var call else { return } // the record could not be built: the error ends the recording
            if exitUncatchable {
                call.record.input = bytes ?? call.record.input
                if let error { call.record.attributes.append(RecordAttribute("gdb.error", error)) }
                try self.writeIncomplete(call.record) // its exit cannot be caught: logged now
            } else {
                if let bytes { self.pending[thread]![index].record.input = bytes }
                if let error { self.pending[thread]![index].record.attributes.append(RecordAttribute("gdb.error", error)) }
            }
        }
    }

    private func handleExit(thread: String, pc: UInt64) throws {
        let stack = pending[thread] ?? []
        let index: Int?
        if case .returnAddress = profile.exit {
            index = stack.lastIndex { $0.returnAddress == pc }
        } else {
            index = stack.indices.last
        }
        guard let index else { statistics.unmatchedExits += 1; return }
        for abandoned in stack[(index + 1)...] {
            try write(abandoned.record)
            statistics.incompleteCalls += 1
        }
        var call = stack[index]
        pending[thread] = Array(stack[..<index])
        call.record.exitTime = now()
        let exitReads = self.fields.atExit
        // Where the output block is and its size known before the result: the result's read, the
        // block's and the resume go out together, and the record is completed from their replies.
        if profile.atExit.outputAddress == nil, let size = profile.sizes.outputBytesBeforeResult(call.record.inputValue, sizeAtEntry: call.outputSizeAtEntry),
           let batch = snapshot.singleBatch(for: exitReads) {
            let address = call.outputAddress.flatMap { $0 == 0 ? nil : $0 }
            let block = address.map { size > 0 ? client.memoryPackets(at: $0, count: size) : [] } ?? []
            callsAwaitingResult += 1
            deferred.append(DeferredRead(packets: batch.requests + block, finish: { replies in
                self.callsAwaitingResult -= 1
                self.snapshot.store(Array(replies.prefix(batch.requests.count)), batch)
                _ = try self.exitFields(&call, thread: thread)
                let output = try self.blockBytes(Array(replies.dropFirst(batch.requests.count)), packets: block, what: "output")
                try self.finishExit(call, output: address == nil ? nil : output.bytes, refusal: output.refusal)
            }, abandon: { try self.writeIncomplete(call.record) }))
            return
        }
        try snapshot.prefetch(exitReads)
        let (address, size) = try exitFields(&call, thread: thread)
        readBlock(at: address, count: size, what: "output", abandon: {
            try self.finishExit(call, output: nil, refusal: address == nil ? nil : "output block: not read, the recording ended on an error first")
        }) { bytes, refusal in
            try self.finishExit(call, output: bytes, refusal: refusal)
        }
    }

    /// Reads the result and the output block's place at an exit (read already) into the call;
    /// returns the block's address (nil: none) and size.
    private func exitFields(_ call: inout PendingCall, thread: String) throws -> (address: UInt64?, size: Int) {
        var errors: [String] = []
        let result = try read(fields.resultValue, errors: &errors).map(HypercallResultValue.init(rawValue:))
        call.record.resultValue = result
        let outputAddress = try read(fields.exitOutputAddress, errors: &errors) ?? call.outputAddress
        let outputBytes = profile.sizes.outputBytes(call.record.inputValue, result: result, sizeAtEntry: call.outputSizeAtEntry)
        if let result, call.record.repGroup != nil {
            repGroups[thread]?.completed = result.repsCompleted
        }
        for error in errors { call.record.attributes.append(RecordAttribute("gdb.error", error)) }
        if result != nil { statistics.completeCalls += 1 } else { statistics.incompleteCalls += 1 }
        return (outputAddress.flatMap { $0 == 0 ? nil : $0 }, outputBytes)
    }

    /// Logs a returned call with its output block.
    private func finishExit(_ call: PendingCall, output: [UInt8]?, refusal: String?) throws {
        var record = call.record
        record.output = output ?? record.output
        if let refusal { record.attributes.append(RecordAttribute("gdb.error", refusal)) }
        try write(record)
    }

    /// The group of a rep call: continuations of one rep call (same code, block and count, starting
    /// where the last stopped) share one; nil for a call without reps.
    private func repGroup(_ value: HypercallInputValue, thread: String, inputAddress: UInt64?) -> UInt64? {
        guard value.repCount > 0 else { return nil }
        if value.repStartIndex > 0, let last = repGroups[thread], last.code == value.callCode.rawValue,
           last.inputAddress == inputAddress, last.repCount == value.repCount, last.completed == value.repStartIndex {
            return last.group
        }
        let group = sequence + 1 + UInt64(pending.values.reduce(0) { $0 + $1.count })
        repGroups[thread] = (value.callCode.rawValue, inputAddress, value.repCount, 0, group)
        return group
    }

    // MARK: Reading

    /// Evaluates a field; a read the stub refuses becomes an error note and `nil`.
    private func read(_ expression: StopSnapshot.Compiled?, errors: inout [String]) throws -> UInt64? {
        guard let expression else { return nil }
        let result: Result<UInt64, GDBError> = Result { () throws(GDBError) in try snapshot.evaluate(expression) }
        switch result {
        case .success(let value): return value
        case .failure(.stubError(let request, let reply)):
            statistics.readErrors += 1
            errors.append("\(expression): '\(request)' → '\(reply)'")
            return nil
        case .failure(let error): throw error
        }
    }

    /// Queues the read of a block for the next batch (`sendDeferred`); `finish` gets its bytes (nil
    /// when there is no block) or the note of a refused read. With nothing to read, `finish` waits
    /// its turn all the same, so that records are written in the order their calls were seen.
    private func readBlock(at address: UInt64?, count: Int, what: String, abandon: @escaping () throws -> Void,
                           finish: @escaping ([UInt8]?, String?) throws -> Void) {
        let packets = address.map { count > 0 ? client.memoryPackets(at: $0, count: count) : [] } ?? []
        deferred.append(DeferredRead(packets: packets, finish: { replies in
            let block = try self.blockBytes(replies, packets: packets, what: what)
            try finish(address == nil ? nil : block.bytes, block.refusal)
        }, abandon: abandon))
    }

    /// Logs a call that will get no result.
    private func writeIncomplete(_ record: HypercallRecord) throws {
        try write(record)
        statistics.incompleteCalls += 1
    }

    // MARK: Log

    func write(_ record: HypercallRecord) throws {
        var record = record
        sequence += 1
        record.sequence = sequence
        try writer.append(.call(record))
    }

    private func now() -> UInt64 { MonotonicClock.nanoseconds() - clockStart }

    /// Starts the phase named in the phase file when the file changed (or `force`).
    private func startPhaseIfChanged(force: Bool) throws {
        lastPhaseCheck = MonotonicClock.seconds()
        if let path = settings.phaseFile {
            var status = stat()
            if stat(path, &status) == 0 {
                let stamp = status.st_mtim
                if phaseFileStamp.map({ $0.tv_sec != stamp.tv_sec || $0.tv_nsec != stamp.tv_nsec }) ?? true {
                    phaseFileStamp = stamp
                    if let text = Self.readWord(path), !text.isEmpty, text != phase {
                        phase = text
                        return try writePhaseMarker()
                    }
                }
            }
        }
        if force { try writePhaseMarker() }
    }

    private func writePhaseMarker() throws {
        sequence += 1
        try writer.append(.marker(LogMarker(sequence: sequence, time: now(), kind: .phase, source: "gdb", text: phase)))
        statistics.phaseMarkers += 1
    }

    static func readWord(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = fread(&buffer, 1, buffer.count, file)
        return String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace).first.map(String.init)
    }

    /// Calls that entered and never returned while hvlog watched: logged without a result.
    private func finishPending() {
        for thread in pending.keys.sorted() {
            for call in pending[thread] ?? [] {
                try? write(call.record)
                statistics.incompleteCalls += 1
            }
        }
        pending.removeAll()
    }
}
