#if canImport(Glibc)
import Glibc
#endif
import HypercallLog

/// Live recording: enables the tracepoints, streams trace_pipe through the importer into a log,
/// and puts tracefs back as it was, whatever way the recording ends.
public enum KVMRecorder {
    public struct Settings {
        public var duration: Double?
        /// Only these threads (a VMM's threads, from `--pid`).
        public var threads: [Int32]?
        public var includeVCPUEvents = true
        public var options = KVMTraceImporter.Options()
        public init() {}
    }

    /// Records until `shouldStop` returns true, the duration passes, or trace_pipe ends.
    /// `onProgress` gets the number of entries written so far, now and then.
    public static func record(
        tracefs: TraceFS, settings: Settings, writer: any LogWriter,
        shouldStop: @escaping () -> Bool, onProgress: ((Int) -> Void)? = nil, onNote: (String) -> Void = { _ in }
    ) throws -> KVMImportStatistics {
        var wanted = TraceFS.recordedEvents
        if !settings.includeVCPUEvents { wanted.removeAll { $0 == .entry } }
        let (events, missing) = tracefs.availableEvents(wanted)
        guard events.contains(.hypercall) else {
            throw TraceFS.Failure(description: "\(tracefs.root)/events/kvm/kvm_hv_hypercall does not exist: load the kvm module (modprobe kvm-intel or kvm-amd)")
        }
        if !missing.isEmpty { onNote("this kernel lacks \(missing.map { "\($0.tracepoint)" }.joined(separator: ", ")); recording without") }

        let saved = try tracefs.save(events: events)
        var statistics = KVMImportStatistics()
        do {
            try tracefs.configure(events: events, threads: settings.threads)
            let deadline = settings.duration.map { MonotonicClock.seconds() + $0 }
            let lines = try LineReader(path: tracefs.root + "/trace_pipe") {
                shouldStop() || deadline.map { MonotonicClock.seconds() >= $0 } == true
            }
            var written = 0
            let importer = KVMTraceImporter(options: settings.options) { entry in
                try writer.append(entry)
                written += 1
                if written & 0x3FF == 0 { onProgress?(written) }
            }
            while let line = try lines.next() {
                try importer.consume(line: line, lineNumber: lines.lineNumber)
            }
            try importer.finish()
            onProgress?(written)
            statistics = importer.statistics
        } catch {
            try? tracefs.restore(saved)
            throw error
        }
        try tracefs.restore(saved)
        return statistics
    }
}
