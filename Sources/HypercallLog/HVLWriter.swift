import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Something that appends log entries: the `.hvl` and JSON Lines writers.
public protocol LogWriter: AnyObject {
    func append(_ entry: LogEntry) throws
    /// Writes everything buffered.
    func flush() throws
    /// Flushes and closes; appending afterwards is an error.
    func close() throws
}

/// Batching shared by the writers: entries are encoded into a buffer that is written when it
/// grows past `batchBytes`, when `flushInterval` has passed since the last write (checked on each
/// append and by a background timer, so an idle capture still reaches the disk), and on close.
final class BatchedOutput: Sendable {
    private struct State {
        var buffer = ByteWriter(reservingCapacity: 1 << 16)
        var lastFlush: UInt64 = 0
        var closed = false
        var failure: (any Error)?
    }

    private let output: OutputFile
    private let state: Mutex<State>
    private let batchBytes: Int
    private let intervalNanoseconds: UInt64
    private let timer = Mutex<PeriodicTask?>(nil)

    init(output: OutputFile, batchBytes: Int, flushInterval: Duration?) {
        self.output = output
        self.batchBytes = batchBytes
        self.intervalNanoseconds = flushInterval.map { UInt64($0.components.seconds) * 1_000_000_000 + UInt64($0.components.attoseconds / 1_000_000_000) } ?? 0
        self.state = Mutex(State(lastFlush: monotonicNanoseconds()))
        if intervalNanoseconds > 0 {
            let task = PeriodicTask(intervalNanoseconds: intervalNanoseconds) { [weak self] in
                guard let self else { return false }
                return self.flushIfDue()
            }
            timer.withLock { $0 = task }
        }
    }

    /// Appends bytes produced by `encode` to the batch; writes the batch when it is due.
    func append(_ encode: (inout ByteWriter) -> Void) throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            precondition(!state.closed, "append after close")
            encode(&state.buffer)
            if state.buffer.bytes.count >= batchBytes || (intervalNanoseconds > 0 && monotonicNanoseconds() &- state.lastFlush >= intervalNanoseconds) {
                try write(&state)
            }
        }
    }

    func flush() throws {
        try state.withLock { state in try write(&state) }
    }

    func close() throws {
        try state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            try write(&state)
            try output.close()
        }
        timer.withLock { $0?.stop() }
    }

    /// Called by the timer: flushes when the interval has passed; false once closed.
    private func flushIfDue() -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            if !state.buffer.bytes.isEmpty && monotonicNanoseconds() &- state.lastFlush >= intervalNanoseconds {
                do { try write(&state) } catch { state.failure = error }
            }
            return true
        }
    }

    private func write(_ state: inout State) throws {
        state.lastFlush = monotonicNanoseconds()
        guard !state.buffer.bytes.isEmpty else { return }
        try state.buffer.bytes.withUnsafeBytes { bytes in try output.write(bytes) }
        state.buffer.bytes.removeAll(keepingCapacity: true)
    }
}

/// Writes a `.hvl` log: the header at once, then one CRC-protected frame per entry, batched.
public final class HVLWriter: LogWriter {
    private let output: BatchedOutput

    /// Creates `path` (`-` for standard output) and writes the header.
    /// - Parameters:
    ///   - batchBytes: write when this many bytes are buffered.
    ///   - flushInterval: also write buffered entries after this long; `nil` for size and close only.
    public init(path: String, header: LogHeader, batchBytes: Int = 1 << 20, flushInterval: Duration? = .milliseconds(200)) throws {
        let file = try OutputFile(path: path)
        try HVLFormat.encodeHeader(header).withUnsafeBytes { bytes in try file.write(bytes) }
        output = BatchedOutput(output: file, batchBytes: batchBytes, flushInterval: flushInterval)
    }

    public func append(_ entry: LogEntry) throws {
        try output.append { HVLFormat.appendFrame(entry, to: &$0) }
    }

    public func flush() throws { try output.flush() }
    public func close() throws { try output.close() }
}

/// Nanoseconds of CLOCK_MONOTONIC.
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
