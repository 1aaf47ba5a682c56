#if canImport(Glibc)
import Glibc
#endif

/// A minimal JSON reader over the bytes of one line, for the log's JSON Lines format.
///
/// It reads objects key by key without building a tree: callers ask for the value type each key
/// should have. Strings without escapes are returned as slices of the line (no copy).
struct JSONScanner {
    struct SyntaxError: Error {
        let column: Int
        let message: String
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private func fail(_ message: String) -> SyntaxError { SyntaxError(column: index + 1, message: message) }

    /// An error at the current position, for callers that find a value of the wrong kind.
    func error(_ message: String) -> SyntaxError { fail(message) }

    @inline(__always) private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always) mutating func skipWhitespace() {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let count = bytes.count
        var cursor = index
        while cursor < count, base[cursor] == 0x20 || base[cursor] == 0x09 || base[cursor] == 0x0D || base[cursor] == 0x0A { cursor += 1 }
        index = cursor
    }

    mutating func expect(_ byte: UInt8) throws(SyntaxError) {
        skipWhitespace()
        guard current == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    /// Iterates the members of an object: `body` receives each key and must consume its value.
    mutating func forEachMember(_ body: (inout JSONScanner, UnsafeRawBufferPointer) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return }
        while true {
            let key = try readRawString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, key)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1; skipWhitespace()
            case UInt8(ascii: "}"): index += 1; return
            default: throw fail("expected ',' or '}' after a member")
            }
        }
    }

    /// Member-by-member reading without a closure: `beginObject()`, then `nextKey()` until it
    /// returns nil, reading each value in between.
    mutating func beginObject() throws(SyntaxError) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        objectHasMembers = current != UInt8(ascii: "}")
        if !objectHasMembers { index += 1 }
        firstMember = true
    }

    private var objectHasMembers = false
    private var firstMember = true

    /// The next key (its raw bytes, which must have no escapes) with the `:` consumed; nil after the
    /// closing brace. Only one object can be read this way at a time.
    @inline(__always) mutating func nextKey() throws(SyntaxError) -> UnsafeRawBufferPointer? {
        guard objectHasMembers else { return nil }
        // Locals rather than stored properties, so the loop runs in registers.
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        var cursor = index
        @inline(__always) func skipSpace() {
            while cursor < count, base[cursor] == 0x20 || base[cursor] == 0x09 { cursor += 1 }
        }
        if !firstMember {
            skipSpace()
            guard cursor < count else { index = cursor; throw fail("expected ',' or '}' after a member") }
            if base[cursor] == UInt8(ascii: "}") {
                index = cursor + 1
                objectHasMembers = false
                return nil
            }
            guard base[cursor] == UInt8(ascii: ",") else { index = cursor; throw fail("expected ',' or '}' after a member") }
            cursor += 1
        }
        firstMember = false
        skipSpace()
        guard cursor < count, base[cursor] == 0x22 else { index = cursor; throw fail("expected a member name") }
        cursor += 1
        let start = cursor
        while cursor < count, base[cursor] != 0x22 {
            if base[cursor] == 0x5C { throw SyntaxError(column: cursor + 1, message: "escape in a member name") }
            cursor += 1
        }
        let end = cursor
        cursor += 1
        skipSpace()
        guard cursor < count, base[cursor] == UInt8(ascii: ":") else { index = min(cursor, count); throw fail("expected ':' after a member name") }
        cursor += 1
        skipSpace()
        index = cursor
        return UnsafeRawBufferPointer(start: base + start, count: end - start)
    }

    /// Whether only whitespace remains.
    mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// A string value without escapes as a slice of the line; throws when it has escapes.
    mutating func readRawString() throws(SyntaxError) -> UnsafeRawBufferPointer {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let start = index + 1
        guard let base = bytes.baseAddress, start <= bytes.count,
              let quote = memchr(base + start, 0x22, bytes.count - start) else { throw fail("unterminated string") }
        let end = base.distance(to: UnsafeRawPointer(quote))
        if memchr(base + start, 0x5C, end - start) != nil {
            throw SyntaxError(column: start + 1, message: "escape sequence where none is expected")
        }
        index = end + 1
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// Skips a string value, escapes included, without building it.
    mutating func skipString() throws(SyntaxError) {
        guard current == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        while let base = bytes.baseAddress, index <= bytes.count, let quote = memchr(base + index, 0x22, bytes.count - index) {
            let end = base.distance(to: UnsafeRawPointer(quote))
            // The quote ends the string unless an odd number of backslashes precede it.
            var backslashes = 0
            while end - backslashes - 1 >= index, bytes[end - backslashes - 1] == 0x5C { backslashes += 1 }
            index = end + 1
            if backslashes % 2 == 0 { return }
        }
        throw fail("unterminated string")
    }

    /// A string value, with escapes resolved.
    mutating func readString() throws(SyntaxError) -> String {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        if current == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        var scalars = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"): try appendEscape(to: &scalars)
            default: scalars.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func appendEscape(to output: inout [UInt8]) throws(SyntaxError) {
        guard let byte = current else { throw fail("unterminated escape") }
        index += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let mapped = simple[byte] { output.append(mapped); return }
        guard byte == UInt8(ascii: "u") else { throw fail("unknown escape \\\(Character(Unicode.Scalar(byte)))") }
        var code = try readHex4()
        if (0xD800..<0xDC00).contains(code) {
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else { throw fail("lone high surrogate") }
            index += 2
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid low surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("invalid code point") }
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexDigit(bytes[index]) else { throw fail("bad hex digit in \\u escape") }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A non-negative integer.
    mutating func readUnsigned() throws(SyntaxError) -> UInt64 {
        skipWhitespace()
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        let start = index
        var cursor = index
        guard let value = parseDecimalDigits(base, count, &cursor) else {
            index = cursor
            throw fail("integer does not fit 64 bits")
        }
        index = cursor
        guard cursor > start else { throw fail("expected a non-negative integer") }
        if cursor < count, base[cursor] == UInt8(ascii: ".") || base[cursor] | 0x20 == UInt8(ascii: "e") {
            throw fail("expected an integer, found a fraction or exponent")
        }
        return value
    }

    /// A `"0x…"` string holding a 64-bit value.
    mutating func readHexString() throws(SyntaxError) -> UInt64 {
        skipWhitespace()
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        // Digits run to the closing quote; no escapes can occur in a valid value.
        guard index + 3 < count, base[index] == 0x22, base[index + 1] == UInt8(ascii: "0"), base[index + 2] | 0x20 == UInt8(ascii: "x") else {
            throw fail("expected a \"0x…\" hex string")
        }
        var cursor = index + 3
        var value: UInt64 = 0
        let limit = min(count, cursor + 17)
        while cursor < limit, let digit = hexDigit(base[cursor]) {
            value = value << 4 | UInt64(digit)
            cursor += 1
        }
        let digits = cursor - index - 3
        guard cursor < count, base[cursor] == 0x22, digits > 0, digits <= 16 else {
            throw fail("expected a \"0x…\" hex string of 1 to 16 digits")
        }
        index = cursor + 1
        return value
    }

    /// A string of hex digit pairs as bytes.
    mutating func readHexBytes() throws(SyntaxError) -> [UInt8] {
        let raw = try readRawString()
        guard raw.count % 2 == 0 else { throw fail("hex byte string has an odd number of digits") }
        var bad = false
        let result = [UInt8](unsafeUninitializedCapacity: raw.count / 2) { buffer, initialized in
            for position in 0..<buffer.count {
                guard let high = hexDigit(raw[2 * position]), let low = hexDigit(raw[2 * position + 1]) else {
                    bad = true
                    break
                }
                buffer[position] = high << 4 | low
                initialized = position + 1
            }
        }
        if bad { throw fail("bad hex digit in byte string") }
        return result
    }

    /// Skips any value (for members this version does not know).
    mutating func skipValue() throws {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "\"")?: try skipString()
        case UInt8(ascii: "{")?: try forEachMember { scanner, _ in try scanner.skipValue() }
        case UInt8(ascii: "[")?:
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") { index += 1; return }
            while true {
                try skipValue()
                skipWhitespace()
                guard let byte = current else { throw fail("unterminated array") }
                index += 1
                if byte == UInt8(ascii: "]") { return }
                guard byte == UInt8(ascii: ",") else { throw fail("expected ',' or ']'") }
            }
        default:
            let start = index
            while let byte = current, !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20) { index += 1 }
            let token = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
            guard !token.isEmpty else { throw fail("expected a value") }
        }
    }
}

/// Reads the decimal digits at `cursor` (none is fine: the value is 0 and the cursor stays);
/// nil when they do not fit 64 bits. Shared by the general and the fast JSON Lines parsers.
@inline(__always) func parseDecimalDigits(_ base: UnsafePointer<UInt8>, _ count: Int, _ cursor: inout Int) -> UInt64? {
    let start = cursor
    var value: UInt64 = 0
    // Up to 19 digits cannot overflow; a 20th is checked, a 21st is always too many.
    while cursor < count, cursor - start < 19 {
        let digit = base[cursor] &- 0x30
        guard digit < 10 else { return value }
        value = value &* 10 &+ UInt64(digit)
        cursor += 1
    }
    guard cursor < count, base[cursor] &- 0x30 < 10 else { return value }
    let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
    let (sum, overflowB) = times.addingReportingOverflow(UInt64(base[cursor] &- 0x30))
    cursor += 1
    guard !overflowA, !overflowB, cursor == count || base[cursor] &- 0x30 >= 10 else { return nil }
    return sum
}

@inline(__always) func hexDigit(_ byte: UInt8) -> UInt8? {
    let digit = byte &- 0x30
    if digit < 10 { return digit }
    let letter = (byte | 0x20) &- 0x61
    return letter < 6 ? letter + 10 : nil
}

/// Compares a key slice with an ASCII literal.
@inline(__always) func keyEquals(_ key: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    key.count == literal.utf8CodeUnitCount && (key.isEmpty || memcmp(key.baseAddress!, literal.utf8Start, key.count) == 0)
}
