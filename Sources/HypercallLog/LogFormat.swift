/// The log formats, chosen by file extension (or, for standard input, by the first byte).
public enum LogFormat: String, Sendable, CaseIterable {
    case hvl
    case jsonl

    /// `.hvl` → hvl; `.jsonl`, `.ndjson`, `.json` → jsonl; anything else `nil`.
    public init?(path: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".hvl") { self = .hvl }
        else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") { self = .jsonl }
        else { return nil }
    }

    /// Opens a log for reading: by extension, or by its first byte for `-` and unknown extensions.
    public static func openReader(path: String, salvage: Bool = false) throws -> any LogReader {
        let input = try InputFile(path: path)
        let format: LogFormat
        if let byExtension = LogFormat(path: path), path != "-" {
            format = byExtension
        } else {
            try input.fill(atLeast: 1)
            let first = input.withAvailableBytes { $0.first }
            switch first {
            case HVLFormat.magic[0]?: format = .hvl
            case UInt8(ascii: "{")?: format = .jsonl
            case nil: throw LogReadError(path: path, offset: 0, message: "empty input, not an hvlog log")
            default: throw LogReadError(path: path, offset: 0, message: "not an hvlog log: neither the .hvl magic nor a JSON object at the start")
            }
        }
        switch format {
        case .hvl: return try HVLReader(input: input, salvage: salvage)
        case .jsonl: return try JSONLReader(input: input, salvage: salvage)
        }
    }

    /// Creates a log for writing in this format (`-` for standard output).
    public func createWriter(path: String, header: LogHeader, flushInterval: Duration? = .milliseconds(200)) throws -> any LogWriter {
        switch self {
        case .hvl: try HVLWriter(path: path, header: header, flushInterval: flushInterval)
        case .jsonl: try JSONLWriter(path: path, header: header, flushInterval: flushInterval)
        }
    }
}
