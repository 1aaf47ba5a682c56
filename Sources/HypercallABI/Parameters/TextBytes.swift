/// The decoder's readable values built as UTF-8 bytes and turned into a `String` once:
/// hex and decimal numbers, VP lists, hex byte strings. Same text as `HexFormat` and `String(_:)`,
/// without interpolation, padding strings or intermediate arrays of parts.
struct TextBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 32) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    private static let upperDigits: StaticString = "0123456789ABCDEF"
    private static let lowerDigits: StaticString = "0123456789abcdef"

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

    /// `0x` and upper-case hex digits, no leading zeros (`HexFormat.fixedWidth(value, digits: 1)`).
    mutating func appendHex(_ value: UInt64) {
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "x"))
        appendHexDigits(value, minimum: 1, digits: Self.upperDigits)
    }

    /// Exactly `minimum` or more hex digits, no prefix.
    mutating func appendHexDigits(_ value: UInt64, minimum: Int, digits: StaticString) {
        let count = max(minimum, (64 - value.leadingZeroBitCount + 3) / 4)
        for shift in stride(from: 4 * (count - 1), through: 0, by: -4) {
            bytes.append(digits.utf8Start[Int(truncatingIfNeeded: (shift < 64 ? value >> UInt64(shift) : 0) & 0xF)])
        }
    }

    /// Decimal digits (`String(value)`).
    mutating func appendDecimal(_ value: UInt64) {
        if value >= 10 { appendDecimal(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Bytes in memory order as lower-case hex pairs (`HexFormat.bytes`).
    mutating func appendHexBytes(_ data: some Collection<UInt8>) {
        bytes.reserveCapacity(bytes.count + 2 * data.count)
        for byte in data { appendHexDigits(UInt64(byte), minimum: 2, digits: Self.lowerDigits) }
    }

    /// `{0,5,130}`, runs of three or more as ranges: `{0-63,128}`.
    mutating func appendProcessorList(_ processors: some RandomAccessCollection<UInt32>) {
        append(ascii: "{")
        var index = processors.startIndex
        var first = true
        while index < processors.endIndex {
            var end = index
            while processors.index(after: end) < processors.endIndex, processors[processors.index(after: end)] == processors[end] + 1 {
                end = processors.index(after: end)
            }
            if !first { append(ascii: ",") }
            first = false
            appendDecimal(UInt64(processors[index]))
            if processors.distance(from: index, to: end) >= 2 {
                append(ascii: "-")
                appendDecimal(UInt64(processors[end]))
                index = processors.index(after: end)
            } else {
                index = processors.index(after: index)
            }
        }
        append(ascii: "}")
    }

    static func hex(_ value: UInt64) -> String {
        var text = TextBytes(capacity: 18)
        text.appendHex(value)
        return text.string
    }

    static func decimal(_ value: UInt64) -> String {
        var text = TextBytes(capacity: 20)
        text.appendDecimal(value)
        return text.string
    }
}
