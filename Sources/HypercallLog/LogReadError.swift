/// A log that cannot be read as it stands, with the place of the problem.
public struct LogReadError: Error, CustomStringConvertible, Sendable {
    public let path: String
    /// Byte offset (for `.hvl`) of the damage.
    public let offset: Int?
    /// Line number (for JSON Lines), counted from 1.
    public let line: Int?
    public let message: String

    public init(path: String, offset: Int? = nil, line: Int? = nil, message: String) {
        self.path = path
        self.offset = offset
        self.line = line
        self.message = message
    }

    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let offset { place += " at byte offset \(offset)" }
        return "\(place): \(message)"
    }
}

/// What a reader passed over: a torn tail, or regions skipped while salvaging.
public struct ReadDamageReport: Sendable, Hashable {
    /// Bytes at the end that do not form a complete entry (a writer stopped mid-write).
    public init() {}

    public var ignoredTailBytes = 0
    /// Damaged regions skipped with salvage on: start offset (or line) and length in bytes.
    public var skipped: [(offset: Int, length: Int)] = []

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.ignoredTailBytes == rhs.ignoredTailBytes && lhs.skipped.elementsEqual(rhs.skipped) { $0 == $1 }
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ignoredTailBytes)
        for region in skipped { hasher.combine(region.offset); hasher.combine(region.length) }
    }

    public var isClean: Bool { ignoredTailBytes == 0 && skipped.isEmpty }
}

/// Something that yields log entries one at a time, in constant memory.
public protocol LogReader: AnyObject {
    var header: LogHeader { get }
    /// The next entry, `nil` at the end.
    func next() throws -> LogEntry?
    /// Reads the next entry, a call into `record`; nil at the end (and `record` unchanged).
    ///
    /// The streaming loop for millions of records: each call is read into the same record,
    /// reusing its storage (blocks are overwritten in place when nothing else shares them), so
    /// the loop allocates almost nothing. Copies the caller kept are unaffected: records are
    /// values. After a throw, `record` is valid but meaningless.
    func next(into record: inout HypercallRecord) throws -> EntryRead?
    /// What was passed over so far (complete once `next()` returned nil).
    var damage: ReadDamageReport { get }
}

extension LogReader {
    /// Reads through `next()`, for readers with no faster way.
    public func next(into record: inout HypercallRecord) throws -> EntryRead? {
        switch try next() {
        case .call(let call)?:
            record = call
            return .call
        case .marker(let marker)?: return .marker(marker)
        case nil: return nil
        }
    }
}

/// What `LogReader.next(into:)` read.
public enum EntryRead: Sendable, Hashable {
    /// A call record, now in the record passed in.
    case call
    case marker(LogMarker)
}
