#if canImport(Glibc)
import Glibc
#endif

/// Streams a file (or standard input) line by line in constant memory, without copying lines.
public final class LineReader {
    private let input: InputFile
    // A reader is used from one thread: no runtime access tracking on the per-line counters.
    /// Lines returned so far; the number of the last line returned.
    @exclusivity(unchecked) public private(set) var lineNumber = 0
    /// File offset of the last line returned.
    @exclusivity(unchecked) public private(set) var lineOffset = 0
    /// Whether the last line returned ended with a newline (false only for a last line cut short).
    @exclusivity(unchecked) public private(set) var lineWasTerminated = true

    public var path: String { input.path }
    /// Bytes consumed so far (for progress).
    public var bytesRead: Int { input.consumedBytes }

    public convenience init(path: String) throws {
        try self.init(input: InputFile(path: path))
    }

    /// A reader of a stream that may stay silent for long (trace_pipe): it ends when `stop`
    /// returns true, checked at least every 100 ms, or at end of file.
    public convenience init(path: String, stopWhen stop: @escaping () -> Bool) throws {
        let input = try InputFile(path: path)
        input.shouldStop = stop
        self.init(input: input)
    }

    init(input: InputFile) {
        self.input = input
    }

    /// The next line without its newline (and without a trailing carriage return), valid until the
    /// next call; nil at the end.
    public func next() throws -> UnsafeRawBufferPointer? {
        var searched = 0
        while true {
            let bytes = input.availableBytes
            if bytes.count > searched, let found = memchr(bytes.baseAddress! + searched, 0x0A, bytes.count - searched) {
                let length = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
                lineNumber += 1
                lineOffset = input.consumedBytes
                lineWasTerminated = true
                input.consume(length + 1)
                // The bytes stay in the buffer until the next fill, which only the next call makes.
                return Self.trimmingCarriageReturn(UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
            }
            searched = bytes.count
            if input.reachedEnd {
                guard !bytes.isEmpty else { return nil }
                lineNumber += 1
                lineOffset = input.consumedBytes
                lineWasTerminated = false
                input.consume(bytes.count)
                return Self.trimmingCarriageReturn(bytes)
            }
            try input.fill(atLeast: input.available + 1)
        }
    }

    private static func trimmingCarriageReturn(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        line.last == 0x0D ? UnsafeRawBufferPointer(rebasing: line.dropLast()) : line
    }
}
