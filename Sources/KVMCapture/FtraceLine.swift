#if canImport(Glibc)
import Glibc
#endif

/// One event line of ftrace text, split into its columns, as slices of the line (no copies).
///
/// Handles the kernel's `trace`/`trace_pipe` output and `trace-cmd report`:
///
///     <comm>-<pid> [(<tgid>)] [<cpu>] [<flags>] <seconds>.<fraction>: <event>: <arguments>
///
/// with the comm right-aligned and free to contain spaces and dashes, the TGID column present or
/// not (`record-tgid`), the irq-flags/preempt column present or not, and fractions of 6 (µs) or 9
/// (ns) digits, or no fraction at all for counter clocks.
public struct FtraceLine {
    public let comm: UnsafeRawBufferPointer
    public let pid: Int32
    /// The thread group (process) id, when the trace has the TGID column and knows it.
    public let tgid: Int32?
    public let cpu: Int
    /// The timestamp in nanoseconds (for counter clocks: the raw counter).
    public let timestamp: UInt64
    public let event: UnsafeRawBufferPointer
    public let arguments: UnsafeRawBufferPointer

    /// What a line is.
    public enum Parsed {
        case event(FtraceLine)
        /// A header or comment line (`#…`), a blank line, or trace-cmd's preamble (`cpus=2`, `version = 6`).
        case ignorable
        /// Not in the ftrace format.
        case unrecognized
    }

    public static func parse(_ line: UnsafeRawBufferPointer) -> Parsed {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .ignorable }
        let count = line.count
        var start = 0
        while start < count, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
        if start == count || base[start] == UInt8(ascii: "#") { return .ignorable }

        if let (prefix, cpu, after) = kernelLayoutColumns(base, count, start: start) {
            return rest(base, count, after: after, cpu: cpu, prefix: prefix)
        }
        return parseColumns(base, count, start: start)
    }

    /// The task and CPU columns as the kernel prints them (`"%16s-%-7d [%03d] "`: the comm right-
    /// aligned in 16 columns, the pid left-aligned in 7), read at their fixed places: the dash at
    /// 16 and the bracket at 25. Nil for any other layout (TGID column, trace-cmd's narrower
    /// columns, a longer pid, a bracket inside the comm), which `parseColumns` reads; for lines
    /// this accepts, both give the same result.
    @inline(__always)
    static func kernelLayoutColumns(_ base: UnsafePointer<UInt8>, _ count: Int, start: Int) -> (TaskPrefix, cpu: Int, after: Int)? {
        guard count > 27, start < 16, base[16] == UInt8(ascii: "-"), base[24] == 0x20, base[25] == UInt8(ascii: "["),
              !containsBracket(base) else { return nil }
        var cursor = 17
        var pid: Int32 = 0
        while base[cursor] &- 0x30 < 10 {  // ends at base[24], a space
            pid = pid &* 10 &+ Int32(base[cursor] &- 0x30)
            cursor += 1
        }
        guard cursor > 17 else { return nil }
        while base[cursor] == 0x20 { cursor += 1 }  // ends at base[25], the bracket
        guard cursor == 25 else { return nil }
        cursor = 26
        var cpu = 0
        while cursor < count, base[cursor] &- 0x30 < 10 {
            cpu = cpu &* 10 &+ Int(base[cursor] &- 0x30)
            cursor += 1
        }
        guard cursor > 26, cursor - 26 <= 9, cursor < count, base[cursor] == UInt8(ascii: "]") else { return nil }
        return (TaskPrefix(commStart: start, commEnd: 16, pid: pid, tgid: nil), cpu, cursor + 1)
    }

    /// Whether the first 16 bytes (the comm column, after spaces) hold a `[`.
    @inline(__always) private static func containsBracket(_ base: UnsafePointer<UInt8>) -> Bool {
        let raw = UnsafeRawPointer(base), brackets: UInt64 = 0x5B5B_5B5B_5B5B_5B5B
        return zeroBytes(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) ^ brackets)
            | zeroBytes(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) ^ brackets) != 0
    }

    /// The columns up to the CPU's, in any layout: the CPU column is the first " [digits] " whose
    /// prefix ends in "-pid" or "-pid (tgid)".
    static func parseColumns(_ base: UnsafePointer<UInt8>, _ count: Int, start: Int) -> Parsed {
        var bracket = start
        while true {
            guard let found = find(UInt8(ascii: "["), base, from: bracket + 1, to: count) else {
                return isPreamble(base + start, count - start) ? .ignorable : .unrecognized
            }
            bracket = found
            guard base[bracket - 1] == 0x20 else { continue }
            var close = bracket + 1
            var cpu = 0
            while close < count, base[close] &- 0x30 < 10, close - bracket <= 9 { cpu = cpu &* 10 &+ Int(base[close] &- 0x30); close += 1 }
            guard close > bracket + 1, close < count, base[close] == UInt8(ascii: "]") else { continue }
            guard let prefix = taskPrefix(base, from: start, to: bracket) else { continue }
            return rest(base, count, after: close + 1, cpu: cpu, prefix: prefix)
        }
    }

    struct TaskPrefix {
        let commStart: Int
        let commEnd: Int
        let pid: Int32
        let tgid: Int32?
    }

    /// `comm-pid` or `comm-pid (tgid)` ending just before `end` (trailing spaces allowed).
    static func taskPrefix(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> TaskPrefix? {
        var cursor = end
        // The pid is padded with spaces: skip them eight at a time.
        while cursor - 8 >= start {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: cursor - 8, as: UInt64.self))
            let nonSpace = word ^ 0x2020_2020_2020_2020
            if nonSpace != 0 {
                cursor -= nonSpace.leadingZeroBitCount / 8
                break
            }
            cursor -= 8
        }
        while cursor > start, base[cursor - 1] == 0x20 { cursor -= 1 }
        var tgid: Int32?
        if cursor > start, base[cursor - 1] == UInt8(ascii: ")") {
            guard let open = findBackward(UInt8(ascii: "("), base, from: cursor - 1, to: start) else { return nil }
            var digitsStart = open + 1
            while digitsStart < cursor - 1, base[digitsStart] == 0x20 { digitsStart += 1 }  // "(%7d)" pads with spaces
            tgid = parseDecimal(base, digitsStart, cursor - 1).map(Int32.init(truncatingIfNeeded:))  // "(-------)" when unknown
            cursor = open
            while cursor > start, base[cursor - 1] == 0x20 { cursor -= 1 }
        }
        let pidEnd = cursor
        while cursor > start, base[cursor - 1] &- 0x30 < 10 { cursor -= 1 }
        guard cursor < pidEnd, cursor > start, base[cursor - 1] == UInt8(ascii: "-"),
              let pid = parseDecimal(base, cursor, pidEnd) else { return nil }
        return TaskPrefix(commStart: start, commEnd: cursor - 1, pid: Int32(truncatingIfNeeded: pid), tgid: tgid)
    }

    /// Flags (optional), timestamp, event name and arguments after the CPU column.
    @inline(__always)
    static func rest(_ base: UnsafePointer<UInt8>, _ count: Int, after position: Int, cpu: Int, prefix: TaskPrefix) -> Parsed {
        var cursor = position
        var timestamp: UInt64?
        // At most two space-separated tokens: the flags column (optional), then the timestamp ending in ':'.
        for _ in 0..<2 {
            while cursor < count, base[cursor] == 0x20 { cursor += 1 }
            if let (value, end) = scanTimestamp(base, cursor, count) {
                timestamp = value
                cursor = end
                break
            }
            cursor = firstIndex(of: 0x20, or: 0x20, base, from: cursor, to: count)
        }
        guard let timestamp else { return .unrecognized }
        while cursor < count, base[cursor] == 0x20 { cursor += 1 }
        let eventStart = cursor
        cursor = firstIndex(of: UInt8(ascii: ":"), or: 0x20, base, from: cursor, to: count)
        guard cursor < count, base[cursor] == UInt8(ascii: ":"), cursor > eventStart else { return .unrecognized }
        let eventEnd = cursor
        cursor += 1
        while cursor < count, base[cursor] == 0x20 { cursor += 1 }
        return .event(FtraceLine(
            comm: UnsafeRawBufferPointer(start: base + prefix.commStart, count: prefix.commEnd - prefix.commStart),
            pid: prefix.pid, tgid: prefix.tgid, cpu: cpu, timestamp: timestamp,
            event: UnsafeRawBufferPointer(start: base + eventStart, count: eventEnd - eventStart),
            arguments: UnsafeRawBufferPointer(start: base + cursor, count: count - cursor)))
    }

    /// A timestamp token at `start`: `seconds.fraction:` (1 to 9 fraction digits, scaled to ns) or
    /// `counter:`, ending the token (a space or the end of the line follows). The value and the
    /// position after the colon; nil when the token at `start` is something else.
    @inline(__always)
    static func scanTimestamp(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> (UInt64, Int)? {
        var cursor = start
        var seconds: UInt64 = 0
        while cursor < count, base[cursor] &- 0x30 < 10 {
            seconds = seconds &* 10 &+ UInt64(base[cursor] &- 0x30)
            cursor += 1
        }
        guard cursor > start, cursor - start <= 19, cursor < count else { return nil }
        var value = seconds
        if base[cursor] == UInt8(ascii: ".") {
            cursor += 1
            let fractionStart = cursor
            var fraction: UInt64 = 0
            while cursor < count, base[cursor] &- 0x30 < 10 {
                fraction = fraction &* 10 &+ UInt64(base[cursor] &- 0x30)
                cursor += 1
            }
            let digits = cursor - fractionStart
            guard digits >= 1, digits <= 9, cursor < count else { return nil }
            value = seconds &* 1_000_000_000 &+ fraction &* powersOfTen[9 - digits]
        }
        guard base[cursor] == UInt8(ascii: ":"), cursor + 1 == count || base[cursor + 1] == 0x20 else { return nil }
        return (value, cursor + 1)
    }

    private static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    private static func isPreamble(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        // trace-cmd report starts with "cpus=N" and sometimes "version = N".
        func has(_ literal: StaticString) -> Bool {
            count >= literal.utf8CodeUnitCount && memcmp(base, literal.utf8Start, literal.utf8CodeUnitCount) == 0
        }
        return has("cpus=") || has("version = ") || has("CPU ") && count < 40
    }
}

@inline(__always) func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
}

/// The position of the first `a` or `b` in base[start..<end], or `end`: eight bytes at a time.
@inline(__always) func firstIndex(of a: UInt8, or b: UInt8, _ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    var index = start
    let raw = UnsafeRawPointer(base)
    let spreadA = 0x0101_0101_0101_0101 &* UInt64(a), spreadB = 0x0101_0101_0101_0101 &* UInt64(b)
    while index + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let found = zeroBytes(word ^ spreadA) | zeroBytes(word ^ spreadB)
        if found != 0 { return index + found.trailingZeroBitCount / 8 }
        index += 8
    }
    while index < end, base[index] != a, base[index] != b { index += 1 }
    return index
}

/// The high bit of each byte of `word` that is zero, and no other bit.
@inline(__always) func zeroBytes(_ word: UInt64) -> UInt64 {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    return ~(((word & low7) &+ low7) | word | low7)
}

@inline(__always) func findBackward(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    var cursor = start
    while cursor > end {
        cursor -= 1
        if base[cursor] == byte { return cursor }
    }
    return nil
}

/// Decimal digits in base[start..<end]; nil if empty, not all digits, or too long.
@inline(__always) func parseDecimal(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
    guard end > start, end - start <= 19 else { return nil }
    var value: UInt64 = 0
    for index in start..<end {
        let digit = base[index] &- 0x30
        guard digit < 10 else { return nil }
        value = value * 10 + UInt64(digit)
    }
    return value
}
