/// Framing of the GDB remote serial protocol (GDB manual, appendix "Remote Protocol", sections
/// "Overview" and "Packets"):
///
/// - a packet is `$` payload `#` followed by two hex digits, the modulo-256 sum of the payload bytes;
/// - the receiver acknowledges with `+` (or `-` to ask for a retransmission) until no-ack mode
///   (`QStartNoAckMode`) is in force;
/// - binary data escapes `$`, `#`, `}` and `*` as `}` followed by the byte XOR 0x20;
/// - replies may be run-length encoded: `*` followed by a character whose value minus 29 is the
///   number of additional repetitions of the byte before `*`;
/// - a lone byte 0x03 sent to a running target interrupts it.
public enum RSPCodec {
    public static let packetStart: UInt8 = 0x24 // $
    public static let packetEnd: UInt8 = 0x23 // #
    public static let escape: UInt8 = 0x7D // }
    public static let repeatMark: UInt8 = 0x2A // *
    public static let escapeXOR: UInt8 = 0x20
    /// The repeat count character encodes `additional repetitions + 29`.
    public static let repeatBias = 29
    public static let ack: UInt8 = 0x2B // +
    public static let nak: UInt8 = 0x2D // -
    public static let interrupt: UInt8 = 0x03

    /// The modulo-256 sum of the bytes.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt8 {
        var sum: UInt8 = 0
        for byte in bytes { sum &+= byte }
        return sum
    }

    /// `$payload#xx`, with `$`, `#`, `}` and `*` in the payload escaped.
    public static func frame(_ payload: some Sequence<UInt8>) -> [UInt8] {
        var framed: [UInt8] = [packetStart]
        for byte in payload {
            if byte == packetStart || byte == packetEnd || byte == escape || byte == repeatMark {
                framed.append(escape)
                framed.append(byte ^ escapeXOR)
            } else {
                framed.append(byte)
            }
        }
        let sum = checksum(framed.dropFirst())
        framed.append(packetEnd)
        framed.append(Hex.digit(sum >> 4))
        framed.append(Hex.digit(sum & 0xF))
        return framed
    }
}

/// What the byte stream from a stub holds next.
public enum RSPEvent: Equatable, Sendable {
    case ack
    case nak
    /// A packet's payload, unescaped and run-length decoded.
    case packet([UInt8])
    /// A packet whose checksum did not match (the receiver answers `-`).
    case corrupt(expected: UInt8, received: UInt8)
}

/// Splits the byte stream from a stub into acknowledgements and packets, incrementally.
public struct RSPDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 4096 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next complete event, or `nil` when more bytes are needed. Bytes outside packets other
    /// than `+` and `-` (line noise) are skipped.
    public mutating func next() throws(GDBError) -> RSPEvent? {
        while start < buffer.count {
            let byte = buffer[start]
            if byte == RSPCodec.ack { start += 1; return .ack }
            if byte == RSPCodec.nak { start += 1; return .nak }
            if byte != RSPCodec.packetStart { start += 1; continue }
            // Find the terminating '#', skipping the byte after each escape.
            let end: Int? = buffer.withUnsafeBufferPointer { bytes in
                var index = start + 1
                while index < bytes.count {
                    let current = bytes[index]
                    if current == RSPCodec.packetEnd { return index }
                    index += current == RSPCodec.escape ? 2 : 1
                }
                return nil
            }
            guard let end, end + 3 <= buffer.count else { return nil }
            let raw = buffer[(start + 1)..<end]
            guard let high = Hex.value(buffer[end + 1]), let low = Hex.value(buffer[end + 2]) else {
                let found = String(decoding: buffer[(end + 1)...(end + 2)], as: UTF8.self)
                start = end + 3
                throw GDBError.protocolError("packet checksum '\(found)' is not two hex digits")
            }
            let received = high << 4 | low
            let expected = raw.withUnsafeBufferPointer { RSPCodec.checksum($0) }
            start = end + 3
            guard received == expected else { return .corrupt(expected: expected, received: received) }
            return .packet(try Self.decodePayload(raw))
        }
        return nil
    }

    /// Undoes escapes and run-length encoding: one pass to size the payload, one to fill it.
    static func decodePayload(_ raw: ArraySlice<UInt8>) throws(GDBError) -> [UInt8] {
        if !raw.contains(where: { $0 == RSPCodec.escape || $0 == RSPCodec.repeatMark }) { return Array(raw) }
        let decodedCount: Int = try raw.withUnsafeBufferPointer { (input) throws(GDBError) -> Int in
            var count = 0, index = 0
            while index < input.count {
                switch input[index] {
                case RSPCodec.escape:
                    guard index + 1 < input.count else { throw GDBError.protocolError("packet ends inside an escape") }
                    count += 1
                    index += 2
                case RSPCodec.repeatMark:
                    guard index + 1 < input.count, count > 0 else {
                        throw GDBError.protocolError("run-length mark '*' without a preceding character or count")
                    }
                    let repeats = Int(input[index + 1]) - RSPCodec.repeatBias
                    guard repeats >= 0 else { throw GDBError.protocolError("run-length count character 0x\(String(input[index + 1], radix: 16)) is below 29") }
                    count += repeats
                    index += 2
                default:
                    count += 1
                    index += 1
                }
            }
            return count
        }
        return raw.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: decodedCount) { output, initialized in
                var index = 0, written = 0
                while index < input.count {
                    let byte = input[index]
                    if byte == RSPCodec.escape {
                        output[written] = input[index + 1] ^ RSPCodec.escapeXOR
                        written += 1
                        index += 2
                    } else if byte == RSPCodec.repeatMark {
                        let repeats = Int(input[index + 1]) - RSPCodec.repeatBias // sized by the first pass
                        (output.baseAddress! + written).initialize(repeating: output[written - 1], count: repeats)
                        written += repeats
                        index += 2
                    } else {
                        output[written] = byte
                        written += 1
                        index += 1
                    }
                }
                initialized = written
            }
        }
    }
}

/// Hex digits as the protocol writes them (lower case on output, either case on input).
public enum Hex {
    @inline(__always) public static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }

    @inline(__always) public static func value(_ character: UInt8) -> UInt8? {
        let value = values[Int(character)]
        return value == invalid ? nil : value
    }

    /// The byte two register digits stand for, `xx` (a register the stub cannot read) as 0; nil
    /// when either is not a hex digit.
    @inline(__always) static func registerByte(_ first: UInt8, _ second: UInt8) -> UInt8? {
        if first == UInt8(ascii: "x") && second == UInt8(ascii: "x") { return 0 }
        guard let high = value(first), let low = value(second) else { return nil }
        return high << 4 | low
    }

    static let invalid: UInt8 = 0xFF
    /// Digit values by character (`0`–`9`, `a`–`f`, `A`–`F`), `invalid` elsewhere: one load per digit on hot paths.
    static let values: [UInt8] = (0...255).map { character in
        switch UInt8(character) {
        case 0x30...0x39: UInt8(character) - 0x30
        case 0x61...0x66: UInt8(character) - 0x57
        case 0x41...0x46: UInt8(character) - 0x37
        default: invalid
        }
    }

    /// Appends `value` in hex without leading zeros.
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        if value == 0 { bytes.append(0x30); return }
        var shift = (63 - value.leadingZeroBitCount) / 4 * 4
        while shift >= 0 {
            bytes.append(digit(UInt8((value >> UInt64(shift)) & 0xF)))
            shift -= 4
        }
    }

    /// Decodes pairs of hex digits into bytes; `nil` if a character is not a hex digit.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var iterator = text.makeIterator()
        while let first = iterator.next(), let second = iterator.next() {
            guard let high = value(first), let low = value(second) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// Parses a hex number (no prefix); `nil` if empty, not hex or wider than 64 bits.
    public static func parse(_ text: some Collection<UInt8>) -> UInt64? {
        guard !text.isEmpty, text.count <= 16 else { return nil }
        var result: UInt64 = 0
        for character in text {
            guard let digit = value(character) else { return nil }
            result = result << 4 | UInt64(digit)
        }
        return result
    }
}

/// Everything that can go wrong talking to a stub, with a message that says what and where.
public enum GDBError: Error, CustomStringConvertible, Equatable {
    case connection(String)
    case timeout(String)
    case disconnected(String)
    case protocolError(String)
    /// The stub answered a request with `Enn` (or an empty reply where one was required).
    case stubError(request: String, reply: String)
    case profile(String)
    case elf(String)

    public var description: String {
        switch self {
        case .connection(let message): "cannot connect: \(message)"
        case .timeout(let message): "timed out: \(message)"
        case .disconnected(let message): "connection lost: \(message)"
        case .protocolError(let message): "GDB remote protocol error: \(message)"
        case .stubError(let request, let reply):
            reply.isEmpty ? "the stub does not support '\(request)' (empty reply)" : "the stub answered '\(request)' with '\(reply)'"
        case .profile(let message): "profile: \(message)"
        case .elf(let message): message
        }
    }
}
