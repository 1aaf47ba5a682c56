#if canImport(Glibc)
import Glibc
#endif
import HypercallLog

/// The kernel's tracing file system: finding it, switching events on, and putting everything back.
public final class TraceFS {
    /// A tracefs problem, said so that a person can act on it.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let root: String

    /// The events hvlog records; `kvm_entry` gives the vCPU of each task.
    public static let recordedEvents: [KVMEvent.Name] = [.hypercall, .hypercallDone, .flushTLB, .flushTLBEx, .sendIPI, .sendIPIEx, .entry, .msr]

    /// Uses `root`, or finds tracefs at /sys/kernel/tracing or /sys/kernel/debug/tracing.
    public init(root: String? = nil) throws {
        let candidates = root.map { [$0] } ?? ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"]
        guard let found = candidates.first(where: { access($0 + "/trace_pipe", F_OK) == 0 }) else {
            throw Failure(description: """
                no tracefs at \(candidates.joined(separator: " or ")) (no trace_pipe there): mount it with \
                `mount -t tracefs nodev /sys/kernel/tracing` (as root), or name it with --tracefs
                """)
        }
        guard access(found + "/trace_pipe", R_OK) == 0, access(found + "/trace_marker", W_OK) == 0 else {
            throw Failure(description: "\(found): no permission to read trace_pipe and write trace_marker; run as root or give this user access to tracefs")
        }
        self.root = found
    }

    /// The events of `names` this kernel has (older kernels lack e.g. kvm_hv_hypercall_done).
    public func availableEvents(_ names: [KVMEvent.Name]) -> (present: [KVMEvent.Name], missing: [KVMEvent.Name]) {
        var present: [KVMEvent.Name] = [], missing: [KVMEvent.Name] = []
        for name in names {
            guard let event = name.tracefsEvent else { continue }
            if access("\(root)/events/\(event)/enable", W_OK) == 0 { present.append(name) } else { missing.append(name) }
        }
        return (present, missing)
    }

    public func read(_ file: String) throws -> String {
        guard let handle = fopen("\(root)/\(file)", "r") else {
            throw Failure(description: "\(root)/\(file): cannot read (\(String(cString: strerror(errno))))")
        }
        defer { fclose(handle) }
        var result = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = fread(&buffer, 1, buffer.count, handle)
            if got == 0 { break }
            result += buffer[0..<got]
        }
        return String(decoding: result, as: UTF8.self)
    }

    public func write(_ file: String, _ value: String) throws {
        // Truncating open and a single write(2): tracefs control files act on each write.
        let descriptor = open("\(root)/\(file)", O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "\(root)/\(file): cannot open for writing (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var text = value
        let written = text.withUTF8 { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == value.utf8.count else {
            throw Failure(description: "\(root)/\(file): writing '\(value)' failed (\(String(cString: strerror(errno))))")
        }
    }

    /// Writes a phase marker (`hvlog phase=NAME`) into trace_marker.
    public func markPhase(_ phase: String) throws {
        try write("trace_marker", "hvlog phase=\(phase)\n")
    }

    /// The control files a recording changes, as they were before it.
    public struct SavedState {
        fileprivate var files: [(String, String)] = []
    }

    /// Records the current value of every control file that `configure` will change.
    public func save(events: [KVMEvent.Name]) throws -> SavedState {
        var state = SavedState()
        for file in controlFiles(events) where access("\(root)/\(file)", R_OK) == 0 {
            state.files.append((file, try read(file).trimmingCharacters()))
        }
        return state
    }

    /// Enables the events (and the TGID column), limits them to `threads` when given, switches tracing on.
    public func configure(events: [KVMEvent.Name], threads: [Int32]?) throws {
        for name in events { if let event = name.tracefsEvent { try write("events/\(event)/enable", "1") } }
        if access("\(root)/options/record-tgid", W_OK) == 0 { try write("options/record-tgid", "1") }
        if let threads { try write("set_event_pid", threads.map(String.init).joined(separator: " ")) }
        try write("tracing_on", "1")
    }

    /// Puts every saved control file back; tries them all and reports the first failure.
    public func restore(_ state: SavedState) throws {
        var firstFailure: (any Error)?
        for (file, value) in state.files.reversed() {
            do {
                // An empty set_event_pid is cleared by an empty truncating write.
                try write(file, value.isEmpty ? "" : value)
            } catch {
                if firstFailure == nil { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
    }

    private func controlFiles(_ events: [KVMEvent.Name]) -> [String] {
        events.compactMap { $0.tracefsEvent.map { "events/\($0)/enable" } } + ["options/record-tgid", "set_event_pid", "tracing_on"]
    }

    /// The thread ids of process `pid` (its vCPU threads among them), from /proc.
    public static func threads(of pid: Int32) throws -> [Int32] {
        guard let directory = opendir("/proc/\(pid)/task") else { throw Failure(description: "no process \(pid) (/proc/\(pid)/task cannot be read)") }
        defer { closedir(directory) }
        var threads: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let thread = Int32(name) { threads.append(thread) }
        }
        return threads.sorted()
    }
}

extension String {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        return String(slice)
    }
}
