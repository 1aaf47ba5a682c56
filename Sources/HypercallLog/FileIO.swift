#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure naming the file and the operation.
public struct LogIOError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let operation: String
    public let errno: Int32
    public var description: String { "\(path): \(operation) failed: \(String(cString: strerror(errno)))" }
}

/// A file descriptor opened for writing, with complete writes (retrying short writes and EINTR).
/// Used from one thread at a time: `BatchedOutput` serializes every access behind its mutex.
final class OutputFile: @unchecked Sendable {
    let path: String
    private(set) var descriptor: Int32
    private let ownsDescriptor: Bool

    /// Creates or truncates `path`; `-` is standard output.
    init(path: String) throws(LogIOError) {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw LogIOError(path: path, operation: "open for writing", errno: errno) }
            ownsDescriptor = true
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(LogIOError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw LogIOError(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
    }

    func close() throws(LogIOError) {
        guard ownsDescriptor, descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        if result != 0 { throw LogIOError(path: path, operation: "close", errno: errno) }
    }

    deinit { if ownsDescriptor && descriptor >= 0 { _ = Glibc.close(descriptor) } }
}

/// A file descriptor opened for reading, read in large chunks into a sliding window.
final class InputFile {
    let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Bytes read and not yet consumed live in `storage[start..<end]`. (Used from one thread at a
    /// time: no runtime access tracking on the per-line and per-frame path.)
    @exclusivity(unchecked) private var storage: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var start = 0
    @exclusivity(unchecked) private(set) var end = 0
    /// File offset of `storage[start]`.
    @exclusivity(unchecked) private(set) var consumedBytes: Int = 0
    @exclusivity(unchecked) private(set) var reachedEnd = false

    /// Asked before each read of a stream that may stay silent (trace_pipe): when it returns true
    /// the input ends as if at end of file. Reads then wait at most 100 ms at a time.
    var shouldStop: (() -> Bool)?

    /// Opens `path`; `-` is standard input.
    init(path: String, chunkSize: Int = 1 << 20) throws(LogIOError) {
        self.path = path
        capacity = chunkSize
        storage = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                storage.deallocate()
                throw LogIOError(path: path, operation: "open", errno: errno)
            }
            ownsDescriptor = true
        }
    }

    deinit {
        if ownsDescriptor { _ = close(descriptor) }
        storage.deallocate()
    }

    var available: Int { end - start }

    /// The bytes read and not consumed; valid until the next `fill` or `consume`.
    var availableBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage + start, count: end - start) }

    /// Makes at least `count` bytes available unless the input ends first; returns what is available.
    @inline(__always) @discardableResult
    func fill(atLeast count: Int) throws(LogIOError) -> Int {
        if available >= count || reachedEnd { return available }
        return try refill(atLeast: count)
    }

    private func refill(atLeast count: Int) throws(LogIOError) -> Int {
        while available < count && !reachedEnd {
            if start > 0 {
                (storage).copyMemory(from: storage + start, byteCount: end - start)
                end -= start
                start = 0
            }
            if capacity < count {
                let grown = UnsafeMutableRawPointer.allocate(byteCount: max(count, capacity * 2), alignment: 16)
                grown.copyMemory(from: storage, byteCount: end)
                storage.deallocate()
                storage = grown
                capacity = max(count, capacity * 2)
            }
            if let shouldStop {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, 100)
                if shouldStop() { reachedEnd = true; break }
                if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            }
            let got = read(descriptor, storage + end, capacity - end)
            if got < 0 {
                if errno == EINTR { continue }
                throw LogIOError(path: path, operation: "read", errno: errno)
            }
            if got == 0 { reachedEnd = true } else { end += got }
        }
        return available
    }

    /// Runs `body` on the available bytes without copying.
    func withAvailableBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(availableBytes)
    }

    @inline(__always) func consume(_ count: Int) {
        precondition(count <= available)
        start += count
        consumedBytes += count
    }
}
