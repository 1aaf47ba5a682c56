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

    @inline(__always) private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always) mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A { index += 1 }
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
        var cursor = start
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "\""):
                index = cursor + 1
                return UnsafeRawBufferPointer(rebasing: bytes[start..<cursor])
            case UInt8(ascii: "\\"):
                throw SyntaxError(column: cursor + 1, message: "escape sequence where none is expected")
            default: cursor += 1
            }
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
        let start = index
        var value: UInt64 = 0
        while let byte = current, byte >= 0x30, byte <= 0x39 {
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflowA && !overflowB else { throw fail("integer does not fit 64 bits") }
            value = sum
            index += 1
        }
        guard index > start else { throw fail("expected a non-negative integer") }
        if let byte = current, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw fail("expected an integer, found a fraction or exponent")
        }
        return value
    }

    /// A `"0x…"` string holding a 64-bit value.
    mutating func readHexString() throws(SyntaxError) -> UInt64 {
        let raw = try readRawString()
        guard raw.count > 2, raw.count <= 18, raw[0] == UInt8(ascii: "0"), raw[1] | 0x20 == UInt8(ascii: "x") else {
            throw fail("expected a \"0x…\" hex string of at most 16 digits")
        }
        var value: UInt64 = 0
        for byte in raw.dropFirst(2) {
            guard let digit = hexDigit(byte) else { throw fail("bad hex digit in \"0x…\" string") }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// A string of hex digit pairs as bytes.
    mutating func readHexBytes() throws(SyntaxError) -> [UInt8] {
        let raw = try readRawString()
        guard raw.count % 2 == 0 else { throw fail("hex byte string has an odd number of digits") }
        var result = [UInt8](repeating: 0, count: raw.count / 2)
        for position in 0..<result.count {
            guard let high = hexDigit(raw[2 * position]), let low = hexDigit(raw[2 * position + 1]) else {
                throw fail("bad hex digit in byte string")
            }
            result[position] = high << 4 | low
        }
        return result
    }

    /// Skips any value (for members this version does not know).
    mutating func skipValue() throws {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "\"")?: _ = try readString()
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

@inline(__always) func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
}

/// Compares a key slice with an ASCII literal.
@inline(__always) func keyEquals(_ key: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    key.count == literal.utf8CodeUnitCount && (key.isEmpty || memcmp(key.baseAddress!, literal.utf8Start, key.count) == 0)
}
