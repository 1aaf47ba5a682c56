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

        // The CPU column: the first " [digits] " whose prefix ends in "-pid" or "-pid (tgid)".
        var bracket = start
        while true {
            guard let found = find(UInt8(ascii: "["), base, from: bracket + 1, to: count) else {
                return isPreamble(base + start, count - start) ? .ignorable : .unrecognized
            }
            bracket = found
            guard base[bracket - 1] == 0x20 else { continue }
            var close = bracket + 1
            var cpu = 0
            while close < count, base[close] &- 0x30 < 10 { cpu = cpu * 10 + Int(base[close] &- 0x30); close += 1 }
            guard close > bracket + 1, close < count, base[close] == UInt8(ascii: "]") else { continue }
            guard let prefix = taskPrefix(base, from: start, to: bracket) else { continue }
            return rest(base, count, after: close + 1, cpu: cpu, prefix: prefix)
        }
    }

    private struct TaskPrefix {
        let commStart: Int
        let commEnd: Int
        let pid: Int32
        let tgid: Int32?
    }

    /// `comm-pid` or `comm-pid (tgid)` ending just before `end` (trailing spaces allowed).
    private static func taskPrefix(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> TaskPrefix? {
        var cursor = end
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
    private static func rest(_ base: UnsafePointer<UInt8>, _ count: Int, after position: Int, cpu: Int, prefix: TaskPrefix) -> Parsed {
        var cursor = position
        var timestamp: UInt64?
        // At most two tokens: the flags column (optional), then the timestamp ending in ':'.
        for _ in 0..<2 {
            while cursor < count, base[cursor] == 0x20 { cursor += 1 }
            let tokenStart = cursor
            while cursor < count, base[cursor] != 0x20 { cursor += 1 }
            if cursor > tokenStart + 1, base[cursor - 1] == UInt8(ascii: ":"), let value = parseTimestamp(base, tokenStart, cursor - 1) {
                timestamp = value
                break
            }
        }
        guard let timestamp else { return .unrecognized }
        while cursor < count, base[cursor] == 0x20 { cursor += 1 }
        let eventStart = cursor
        while cursor < count, base[cursor] != UInt8(ascii: ":"), base[cursor] != 0x20 { cursor += 1 }
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

    /// `seconds.fraction` (any number of fraction digits, scaled to ns) or a bare counter.
    static func parseTimestamp(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        var cursor = start
        var seconds: UInt64 = 0
        while cursor < end, base[cursor] &- 0x30 < 10 {
            seconds = seconds &* 10 &+ UInt64(base[cursor] &- 0x30)
            cursor += 1
        }
        guard cursor > start, cursor - start <= 19 else { return nil }
        if cursor == end { return seconds }
        guard base[cursor] == UInt8(ascii: "."), end - cursor - 1 >= 1, end - cursor - 1 <= 9 else { return nil }
        cursor += 1
        var fraction: UInt64 = 0
        var digits = 0
        while cursor < end {
            guard base[cursor] &- 0x30 < 10 else { return nil }
            fraction = fraction * 10 + UInt64(base[cursor] &- 0x30)
            digits += 1
            cursor += 1
        }
        while digits < 9 { fraction *= 10; digits += 1 }
        return seconds &* 1_000_000_000 &+ fraction
    }

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
