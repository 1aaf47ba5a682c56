/// How the logger leaves a stop: the queued block reads, the way past the breakpoint the thread
/// stopped on, and the resume go out together (`GDBRemoteClient.exchange`), so that a logged call
/// costs as few round trips as the stub allows; and the clean-up that removes every breakpoint.
extension GDBLogger {
    /// Whether a thread resumed on one of hvlog's breakpoints gets past it by itself.
    enum StepOver {
        /// Not known yet: the first breakpoint stop is resumed plainly as a `probe`.
        case unknown
        /// The stub reports the breakpoint again at once (gdbserver with `Z0`: the `int3` runs
        /// again; QEMU's TCG gdbstub with `Z0` and `Z1`): hvlog removes it, single-steps the
        /// thread alone and puts it back, as GDB does.
        case needed
        /// The thread runs on from the breakpoint (Linux sets the resume flag RF after an
        /// instruction breakpoint in the debug registers, so gdbserver with `Z1` needs no step-over).
        case stubPassesOver
    }

    /// Reads queued for the next batch.
    struct DeferredRead {
        var packets: [[UInt8]]
        /// Gets the replies to `packets`, once they have arrived.
        var finish: ([[UInt8]]) throws -> Void
        /// Logs what is known without the replies, when the recording ends on an error first.
        var abandon: () throws -> Void = {}
    }

    /// The recording ends on an error with reads still queued: their calls are logged as they are.
    func abandonDeferred() {
        runAfterSend()
        for read in deferred { try? read.abandon() }
        deferred.removeAll()
    }

    /// Runs the work queued in `afterSend`; returns the first error (the rest is not run).
    @discardableResult
    func runAfterSend() -> Error? {
        let work = afterSend
        afterSend.removeAll()
        do {
            for item in work { try item() }
        } catch {
            return error
        }
        return nil
    }

    /// Sends the queued block reads, then `final` (a resume or step, or nothing), in one write,
    /// does the stop's `afterSend` work while the stub answers, and hands each block to its
    /// reader; returns the replies to `extra` (sent after the reads).
    @discardableResult
    func sendDeferred(extra: [[UInt8]] = [], then final: [UInt8]?) throws -> [[UInt8]] {
        let reads = deferred
        deferred.removeAll()
        defer { snapshot.frozen = false }
        var workError: Error?
        let replies: [[UInt8]]
        do {
            replies = try client.exchange(reads.flatMap(\.packets) + extra, then: final) {
                self.snapshot.frozen = final != nil // the target may run: the snapshot must already hold what the work reads
                workError = self.runAfterSend()
            }
        } catch {
            snapshot.frozen = false
            runAfterSend() // the calls it would have recorded stay pending, so that they are logged
            deferred = reads + deferred // and the reads' calls are logged by `abandonDeferred`
            throw error
        }
        snapshot.frozen = final != nil
        var index = 0
        for read in reads { // the replies are in hand: their calls are logged even if the work failed
            try read.finish(Array(replies[index..<(index + read.packets.count)]))
            index += read.packets.count
        }
        if let workError { throw workError }
        return Array(replies[index...])
    }

    /// The bytes of a block read with `packets`, or the note of the stub's refusal (counted).
    func blockBytes(_ replies: [[UInt8]], packets: [[UInt8]], what: String) throws -> (bytes: [UInt8], refusal: String?) {
        var bytes: [UInt8] = []
        for (packet, reply) in zip(packets, replies) {
            let result: Result<[UInt8], GDBError> = Result { () throws(GDBError) in try GDBRemoteClient.memoryReply(reply, request: packet) }
            switch result {
            case .success(let chunk): bytes += chunk
            case .failure(.stubError(let request, let reply)):
                statistics.readErrors += 1
                return ([], "\(what) block: '\(request)' → '\(reply)'")
            case .failure(let error): throw error
            }
        }
        return (bytes, nil)
    }

    /// Single-steps tried to get a thread off a breakpoint before hvlog gives up.
    static let stepAttempts = 8

    /// Resumes the target (delivering `signal`, if any) after a stop, getting the thread that stopped
    /// on one of hvlog's breakpoints past it first. Returns how the target ended if it did meanwhile.
    func leaveStop(signal: UInt8?) throws -> String? {
        var signal = signal
        if let (thread, address) = stoppedOnBreakpoint {
            stoppedOnBreakpoint = nil
            if stepOver == .unknown && probe == nil {
                probe = (thread, address, try snapshot.registerFile())
            } else if stepOver != .stubPassesOver {
                let kind = settings.breakpoints
                let (requests, step) = client.stepPackets(thread: thread)
                let removal = GDBRemoteClient.breakpointPacket(insert: false, kind, address, 1)
                var sent = [removal] + requests
                let replies = try sendDeferred(extra: sent, then: step)
                // A step that reports a stop without leaving the breakpoint's instruction (QEMU's TCG
                // stub did, under load: the call was then logged twice) is repeated, so that
                // resuming with the breakpoint back in place cannot hit the same call again.
                for attempt in 1...Self.stepAttempts {
                    for (request, reply) in zip(sent, attempt == 1 ? replies : try client.exchange(requests, then: step)) {
                        try GDBRemoteClient.okReply(reply, request: request)
                    }
                    sent = requests
                    let (stop, _) = try client.waitForStop(limit: client.timeout) { false }
                    statistics.steps += 1
                    guard case .stopped(let stepSignal, _, let registers) = stop else { return stop.targetEnd }
                    if stepSignal != Self.sigtrap {
                        signal = stepSignal
                        break
                    }
                    snapshot.reset(expedited: registers)
                    if try snapshot.evaluate(fields.programCounter) != address { break }
                    statistics.repeatedSteps += 1
                    guard attempt < Self.stepAttempts else {
                        throw GDBError.protocolError("the stub did not single-step thread \(thread) past 0x\(String(address, radix: 16)) in \(Self.stepAttempts) attempts")
                    }
                }
                let insertion = GDBRemoteClient.breakpointPacket(insert: true, kind, address, 1)
                let reply = try client.exchange([insertion], then: client.resumePacket(signal: signal))
                try GDBRemoteClient.okReply(reply[0], request: insertion)
                return nil
            }
        }
        try sendDeferred(then: client.resumePacket(signal: signal))
        return nil
    }

    /// The probe thread stopped again at `pc`: if on the same breakpoint with every register as
    /// before, the stub re-reported it without running anything (a real second hit would have
    /// passed the call's other breakpoint in between, a stop of its own), so hvlog steps over
    /// breakpoints from now on and this stop is not a new hit. Returns whether it was a re-report.
    func settle(_ probe: (thread: String, address: UInt64, registers: [UInt8]), stoppedAt pc: UInt64) throws -> Bool {
        if pc == probe.address, try snapshot.registerFile() == probe.registers {
            stepOver = .needed
            stoppedOnBreakpoint = (probe.thread, pc)
            note("the stub reports a breakpoint again on resume: stepping over it each time")
            return true
        }
        stepOver = .stubPassesOver
        return false
    }

    func insertBreakpoint(at address: UInt64) throws {
        watchdog?(BreakpointWatchdog.line(inserted: true, settings.breakpoints, address))
        try client.insertBreakpoint(settings.breakpoints, at: address)
        inserted.append((settings.breakpoints, address))
        statistics.breakpointsInserted += 1
    }

    /// Stops the target if it runs, removes every breakpoint hvlog inserted and detaches.
    /// Without the connection nothing can be removed: the watchdog (not told `done`) takes over.
    func cleanUp(targetRunning: Bool, targetGone: Bool, connectionLost: Bool = false) {
        guard !connectionLost, client.connection.isOpen else { return }
        if targetGone { watchdog?(BreakpointWatchdog.doneLine); return }
        do {
            if targetRunning {
                try client.connection.sendInterrupt()
                let (stop, _) = try client.waitForStop(limit: client.timeout) { false }
                if case .exited = stop { watchdog?(BreakpointWatchdog.doneLine); return }
                if case .terminated = stop { watchdog?(BreakpointWatchdog.doneLine); return }
            }
            for breakpoint in inserted.reversed() {
                do {
                    try client.removeBreakpoint(breakpoint.kind, at: breakpoint.address)
                    watchdog?(BreakpointWatchdog.line(inserted: false, breakpoint.kind, breakpoint.address))
                    statistics.breakpointsRemoved += 1
                } catch {
                    note("could not remove the breakpoint at 0x\(String(breakpoint.address, radix: 16)): \(error)")
                }
            }
            inserted.removeAll()
            try client.detach()
            watchdog?(BreakpointWatchdog.doneLine)
        } catch {
            note("clean-up: \(error)")
        }
    }
}
