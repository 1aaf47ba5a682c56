#if canImport(Glibc)
import Glibc
#endif

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
        var framed: [UInt8] = []
        frame(payload, into: &framed)
        return framed
    }

    /// Appends `$payload#xx` to `framed` (several packets then go out in one write).
    public static func frame(_ payload: some Sequence<UInt8>, into framed: inout [UInt8]) {
        framed.reserveCapacity(framed.count + payload.underestimatedCount + 4)
        framed.append(packetStart)
        var sum: UInt8 = 0
        for byte in payload {
            if byte == packetStart || byte == packetEnd || byte == escape || byte == repeatMark {
                framed.append(escape)
                framed.append(byte ^ escapeXOR)
                sum &+= escape &+ (byte ^ escapeXOR)
            } else {
                framed.append(byte)
                sum &+= byte
            }
        }
        framed.append(packetEnd)
        framed.append(Hex.digit(sum >> 4))
        framed.append(Hex.digit(sum & 0xF))
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
            guard let scan = Self.scan(buffer, from: start + 1) else { return nil }
            let end = scan.end
            guard let high = Hex.value(buffer[end + 1]), let low = Hex.value(buffer[end + 2]) else {
                let found = String(decoding: buffer[(end + 1)...(end + 2)], as: UTF8.self)
                start = end + 3
                throw GDBError.protocolError("packet checksum '\(found)' is not two hex digits")
            }
            let received = high << 4 | low
            let raw = buffer[(start + 1)..<end]
            start = end + 3
            guard received == scan.checksum else { return .corrupt(expected: scan.checksum, received: received) }
            if scan.plain { return .packet(Array(raw)) }
            guard let decodedCount = scan.decodedCount else { return .packet(try Self.decodePayload(raw)) } // throws the malformation
            return .packet(Self.expand(raw, count: decodedCount, escapes: scan.escapes))
        }
        return nil
    }

    /// Where a packet that starts at `first` (the byte after its `$`) ends: its `#` (the byte
    /// after an escape is data, never the end; so is a run-length count, which the protocol never
    /// makes `#`), the checksum of the bytes before it, whether it holds escapes or run-lengths
    /// (`plain` when neither), and its decoded size (nil when an escape or run-length is
    /// malformed). Nil while the `#` and the checksum have not all arrived. Without escapes (the
    /// usual case: hex replies, whose run-length counts may be `}`) the `#` and each `*` are found
    /// with memchr and the checksum is one vectorisable sum; with escapes, byte by byte.
    static func scan(_ buffer: [UInt8], from first: Int) -> Scan? {
        buffer.withUnsafeBufferPointer { bytes -> Scan? in
            guard first < bytes.count, let base = bytes.baseAddress,
                  let mark = memchr(base + first, Int32(RSPCodec.packetEnd), bytes.count - first) else { return nil }
            let end = UnsafePointer<UInt8>(mark.assumingMemoryBound(to: UInt8.self)) - base
            guard end + 3 <= bytes.count else { return nil }
            /// The next `byte` at or after `from` before `#` (`end` when none).
            func next(_ byte: UInt8, from: Int) -> Int {
                guard from < end, let found = memchr(base + from, Int32(byte), end - from) else { return end }
                return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            }
            var count = end - first, runs = false
            var star = next(RSPCodec.repeatMark, from: first), escape = next(RSPCodec.escape, from: first)
            while star < end || escape < end {
                // A `}` that is not a run-length count escapes a byte, and a malformed run-length
                // is for the general scan to frame exactly: it takes over.
                if escape < star { return scanByteByByte(bytes, from: first) }
                runs = true
                let repeats = star + 1 < end ? Int(bytes[star + 1]) - RSPCodec.repeatBias : -1
                if repeats < 0 || star == first { return scanByteByByte(bytes, from: first) }
                count += repeats - 2 // the mark and its count become `repeats` bytes
                let from = star + 2
                star = next(RSPCodec.repeatMark, from: from)
                if escape < from { escape = next(RSPCodec.escape, from: from) }
            }
            var sum: UInt8 = 0
            for index in first..<end { sum &+= bytes[index] }
            return Scan(end: end, checksum: sum, plain: !runs, escapes: false, decodedCount: count)
        }
    }

    /// What `scan` finds out about a packet: where its `#` is, its checksum, whether it holds
    /// run-lengths or escapes, and its decoded size (nil: malformed).
    struct Scan {
        var end: Int, checksum: UInt8, plain: Bool, escapes: Bool, decodedCount: Int?
    }

    /// `scan` for a packet with escapes: every byte is looked at.
    private static func scanByteByByte(_ bytes: UnsafeBufferPointer<UInt8>, from first: Int) -> Scan? {
        var index = first, sum: UInt8 = 0, count = 0, wellFormed = true
        while index < bytes.count {
            let current = bytes[index]
            if current == RSPCodec.packetEnd {
                guard index + 3 <= bytes.count else { return nil }
                return Scan(end: index, checksum: sum, plain: false, escapes: true, decodedCount: wellFormed ? count : nil)
            }
            sum &+= current
            if current == RSPCodec.escape || current == RSPCodec.repeatMark {
                guard index + 1 < bytes.count else { return nil }
                let operand = bytes[index + 1]
                // A run-length mark right before `#` (no count): the packet ends there, and decodePayload says what is wrong.
                if current == RSPCodec.repeatMark && operand == RSPCodec.packetEnd { wellFormed = false; index += 1; continue }
                sum &+= operand
                if current == RSPCodec.escape {
                    count += 1
                } else {
                    let repeats = Int(operand) - RSPCodec.repeatBias
                    if repeats < 0 || count == 0 { wellFormed = false } else { count += repeats }
                }
                index += 2
            } else {
                count += 1
                index += 1
            }
        }
        return nil
    }

    /// Undoes escapes and run-lengths of a well-formed payload that decodes to `count` bytes
    /// (`scan`); without escapes, plain stretches are copied whole between the `*` marks.
    static func expand(_ raw: ArraySlice<UInt8>, count: Int, escapes: Bool = true) -> [UInt8] {
        var decoded = [UInt8](repeating: 0, count: count)
        raw.withUnsafeBufferPointer { input in
            decoded.withUnsafeMutableBufferPointer { output in
                guard let source = input.baseAddress, let target = output.baseAddress else { return }
                var index = 0, written = 0
                if !escapes {
                    while index < input.count {
                        let stretch = memchr(source + index, Int32(RSPCodec.repeatMark), input.count - index)
                            .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - source } ?? input.count
                        (target + written).update(from: source + index, count: stretch - index)
                        written += stretch - index
                        guard stretch < input.count else { break }
                        let repeats = Int(input[stretch + 1]) - RSPCodec.repeatBias
                        (target + written).update(repeating: target[written - 1], count: repeats)
                        written += repeats
                        index = stretch + 2
                    }
                    return
                }
                while index < input.count {
                    let byte = input[index]
                    if byte == RSPCodec.escape {
                        target[written] = input[index + 1] ^ RSPCodec.escapeXOR
                        written += 1
                        index += 2
                    } else if byte == RSPCodec.repeatMark {
                        let repeats = Int(input[index + 1]) - RSPCodec.repeatBias
                        (target + written).update(repeating: target[written - 1], count: repeats)
                        written += repeats
                        index += 2
                    } else {
                        target[written] = byte
                        written += 1
                        index += 1
                    }
                }
            }
        }
        return decoded
    }

    /// Undoes escapes and run-length encoding, checking each (the general path: malformed payloads).
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
        return expand(raw, count: decodedCount)
    }
}

/// Hex digits as the protocol writes them (lower case on output, either case on input).
public enum Hex {
    @inline(__always) public static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }

    /// The value of a hex digit (`0`–`9`, `a`–`f`, `A`–`F`), nil for any other character: two
    /// subtractions and compares, no table (a static table costs a lazy-initialisation check per use).
    @inline(__always) public static func value(_ character: UInt8) -> UInt8? {
        let decimal = character &- 0x30
        if decimal < 10 { return decimal }
        let letter = (character | 0x20) &- 0x61 // 'A'–'F' folded to 'a'–'f'
        return letter < 6 ? letter + 10 : nil
    }

    /// The byte two register digits stand for, `xx` (a register the stub cannot read) as 0; nil
    /// when either is not a hex digit.
    @inline(__always) static func registerByte(_ first: UInt8, _ second: UInt8) -> UInt8? {
        if first == UInt8(ascii: "x") && second == UInt8(ascii: "x") { return 0 }
        guard let high = value(first), let low = value(second) else { return nil }
        return high << 4 | low
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
        if let decoded = text.withContiguousStorageIfAvailable({ decode(contiguous: $0) }) { return decoded }
        return Array(text).withUnsafeBufferPointer { decode(contiguous: $0) }
    }

    private static func decode(contiguous text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = 0
        while index < text.count {
            guard let high = value(text[index]), let low = value(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
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
