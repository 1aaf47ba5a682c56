import ArgumentParser
import HypercallABI
import HypercallLog
#if canImport(Glibc)
import Glibc
#endif

struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print a log's entries readably, with decoded names.",
        discussion: """
            Filters combine; with any filter, only matching calls are printed (no markers). \
            Example: hvlog cat capture.hvl --code FlushVirtualAddressList --phase idle --status success
            """
    )

    @Argument(help: "The log (.hvl, JSON Lines, SQLite export, or - for standard input).")
    var log: String

    @Flag(name: .long, help: "Print JSON Lines (a valid log: header line first) instead of text.")
    var json = false

    @Option(name: .long, help: "Only this call code or name (repeatable).")
    var code: [String] = []

    @Option(name: .long, help: "Only this partition id (repeatable).")
    var partition: [UInt64] = []

    @Option(name: .long, help: "Only this phase (repeatable).")
    var phase: [String] = []

    @Option(name: .long, help: "Only this status: a name (success, HV_STATUS_ACCESS_DENIED), a value, or 'incomplete' (repeatable).")
    var status: [String] = []

    @Flag(name: .long, help: "Skip damaged frames or lines instead of stopping.")
    var salvage = false

    func run() throws {
        let filter = try EntryFilter(codes: code, partitions: partition, phases: phase, statuses: status)
        let reader = try LogAccess.openReader(log, salvage: salvage)
        if json {
            let writer = try JSONLWriter(path: "-", header: reader.header, flushInterval: nil)
            try copyEntries(from: reader, to: writer, label: "printed", filter: filter.matches)
        } else {
            var output = StandardOutput()
            // Print what was read even when a later entry turns out damaged.
            defer { output.flush() }
            while let entry = try reader.next() {
                if filter.matches(entry) { output.write(RecordText.line(entry)) }
            }
        }
        LogAccess.reportDamage(reader, path: log)
    }
}

/// The `cat` filters, resolved once: codes and statuses from names, partitions and phases as given.
struct EntryFilter {
    let codes: Set<UInt16>
    let partitions: Set<UInt64>
    let phases: Set<String>
    /// Status values; `nil` inside stands for "incomplete" (no result).
    let statuses: Set<UInt16?>
    var isEmpty: Bool { codes.isEmpty && partitions.isEmpty && phases.isEmpty && statuses.isEmpty }

    init(codes: [String], partitions: [UInt64], phases: [String], statuses: [String]) throws {
        self.codes = Set(try codes.map { text in
            switch HypercallCatalog.standard.resolve(text) {
            case .found(let entry): return entry.code.rawValue
            case .ambiguous(let entries): throw ValidationError("--code '\(text)' names \(entries.map(\.code.hex).joined(separator: " and ")): give the number")
            case .notFound:
                guard let value = HexFormat.parseUnsigned(text), let code = UInt16(exactly: value) else {
                    throw ValidationError("--code '\(text)' is neither a call code nor a known name")
                }
                return code
            }
        })
        self.partitions = Set(partitions)
        self.phases = Set(phases)
        self.statuses = Set(try statuses.map { text -> UInt16? in
            if text.lowercased() == "incomplete" { return nil }
            guard let status = HypervisorStatus(parsing: text) else { throw ValidationError("--status '\(text)' is not an HV_STATUS name or value") }
            return status.rawValue
        })
    }

    func matches(_ entry: LogEntry) -> Bool {
        guard case .call(let record) = entry else { return isEmpty }
        return (codes.isEmpty || codes.contains(record.callCode.rawValue))
            && (partitions.isEmpty || record.partitionID.map(partitions.contains) == true)
            && (phases.isEmpty || phases.contains(record.phase))
            && (statuses.isEmpty || statuses.contains(record.resultValue.map { $0.status.rawValue }))
    }
}

/// Buffered line output to standard output.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { if errno == EINTR { continue }; break }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
