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
/// grows past `batchBytes`, when `flushInterval` has passed since the last write (checked every
/// 64 appends and by a background timer, so an idle capture still reaches the disk), and on close.
///
/// Writers call `lock()`, encode into `buffer`, then `appended()` and `unlock()`; a plain lock
/// rather than a closure keeps the entry from being copied into a closure context.
final class BatchedOutput: @unchecked Sendable {
    private let output: OutputFile
    private let mutex = PlainMutex()
    private let batchBytes: Int
    private let intervalNanoseconds: UInt64
    private var timer: PeriodicTask?
    /// Guarded by the mutex, like everything below (hence no runtime exclusivity tracking).
    @exclusivity(unchecked) var buffer = ByteWriter(reservingCapacity: 1 << 16)
    private var lastFlush: UInt64
    private var appendsSinceClock = 0
    private var closed = false
    private var failure: (any Error)?

    init(output: OutputFile, batchBytes: Int, flushInterval: Duration?) {
        self.output = output
        self.batchBytes = batchBytes
        self.intervalNanoseconds = flushInterval.map { UInt64($0.components.seconds) * 1_000_000_000 + UInt64($0.components.attoseconds / 1_000_000_000) } ?? 0
        lastFlush = MonotonicClock.nanoseconds()
        if intervalNanoseconds > 0 {
            timer = PeriodicTask(intervalNanoseconds: intervalNanoseconds) { [weak self] in
                guard let self else { return false }
                return self.flushIfDue()
            }
        }
    }

    deinit { timer?.stop() }

    /// Takes the lock and checks the output is still usable.
    func lock() throws {
        mutex.lock()
        if let failure {
            mutex.unlock()
            throw failure
        }
        precondition(!closed, "append after close")
    }

    func unlock() { mutex.unlock() }

    /// After encoding into `buffer` under the lock: writes the batch when it is due.
    @inline(__always) func appended() throws {
        if buffer.count >= batchBytes {
            try write()
        } else if intervalNanoseconds > 0 {
            appendsSinceClock &+= 1
            if appendsSinceClock >= 64 {
                appendsSinceClock = 0
                if MonotonicClock.nanoseconds() &- lastFlush >= intervalNanoseconds { try write() }
            }
        }
    }

    func flush() throws {
        mutex.lock()
        defer { mutex.unlock() }
        try write()
    }

    func close() throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard !closed else { return }
        closed = true
        timer?.stop()
        try write()
        try output.close()
    }

    /// Called by the timer: flushes when the interval has passed; false once closed.
    private func flushIfDue() -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        guard !closed else { return false }
        if !buffer.isEmpty && MonotonicClock.nanoseconds() &- lastFlush >= intervalNanoseconds {
            do { try write() } catch { failure = error }
        }
        return true
    }

    private func write() throws {
        lastFlush = MonotonicClock.nanoseconds()
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { bytes in try output.write(bytes) }
        buffer.removeAll()
    }
}

/// A pthread mutex with explicit lock and unlock.
final class PlainMutex: @unchecked Sendable {
    private let raw = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(raw, nil) }
    deinit {
        pthread_mutex_destroy(raw)
        raw.deallocate()
    }
    @inline(__always) func lock() { pthread_mutex_lock(raw) }
    @inline(__always) func unlock() { pthread_mutex_unlock(raw) }
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
        try output.lock()
        defer { output.unlock() }
        HVLFormat.appendFrame(entry, to: &output.buffer)
        try output.appended()
    }

    public func flush() throws { try output.flush() }
    public func close() throws { try output.close() }
}

/// CLOCK_MONOTONIC, for intervals (flush periods, time-outs, durations): not wall-clock time.
public enum MonotonicClock {
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    public static func seconds() -> Double { Double(nanoseconds()) / 1e9 }
}
