#if canImport(Glibc)
import Glibc
#endif
import HypercallABI

/// Reads a call line in exactly the member order and spelling `JSONLEncoding` writes, comparing
/// each expected key as a literal instead of scanning and classifying it. Any deviation (other
/// order, spaces, escapes in strings, unknown members) returns nil and the general parser takes
/// the line, so the fast path never changes what is accepted, only how quickly.
struct JSONLFastPath {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var cursor = 0
    /// A reader's cache: strings that repeat (sources, phases, attribute keys and values) are shared.
    private let cache: EntryDecodeCache?

    private init(_ line: UnsafeRawBufferPointer, cache: EntryDecodeCache?) {
        base = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
        count = line.count
        self.cache = cache
    }

    static func parseCall(_ line: UnsafeRawBufferPointer, cache: EntryDecodeCache? = nil) -> HypercallRecord? {
        guard line.count > 24 else { return nil }
        var parser = JSONLFastPath(line, cache: cache)
        return parser.call()
    }

    /// Consumes `literal` if the line continues with it.
    @inline(__always) private mutating func take(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard count - cursor >= length, memcmp(base + cursor, literal.utf8Start, length) == 0 else { return false }
        cursor += length
        return true
    }

    @inline(__always) private mutating func unsigned() -> UInt64? {
        let start = cursor
        guard let value = parseDecimalDigits(base, count, &cursor) else { return nil }
        // Anything odd (more digits, a fraction) goes to the general parser.
        guard cursor > start, cursor < count, base[cursor] &- 0x30 >= 10, base[cursor] != UInt8(ascii: ".") else { return nil }
        return value
    }

    /// A quoted "0x…" value of 1 to 16 digits.
    @inline(__always) private mutating func hex() -> UInt64? {
        guard take("\"0x") else { return nil }
        let start = cursor
        // Sixteen digits (how hvlog writes input and result values): a word at a time.
        if count - cursor >= 17, base[cursor + 16] == 0x22, let value = HexWord.value16(base + cursor) {
            cursor += 17
            return value
        }
        var value: UInt64 = 0
        while cursor < count, cursor - start < 17, let digit = hexDigit(base[cursor]) {
            value = value << 4 | UInt64(digit)
            cursor += 1
        }
        guard cursor - start >= 1, cursor - start <= 16, cursor < count, base[cursor] == 0x22 else { return nil }
        cursor += 1
        return value
    }

    /// The bytes of a quoted string without escapes, positioned after the closing quote.
    @inline(__always) private mutating func rawString() -> UnsafeRawBufferPointer? {
        guard cursor < count, base[cursor] == 0x22 else { return nil }
        let start = cursor + 1
        var end = start
        // Eight bytes at a time while none is a quote, a backslash or a control character
        // (per-byte "is zero" and "is below 0x20" tests on the word); the rest byte by byte.
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while count - end >= 8 {
            let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let special = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- 0x2020_2020_2020_2020) & ~word) & highs
            if special != 0 { break }
            end += 8
        }
        while end < count, base[end] != 0x22 {
            if base[end] == 0x5C || base[end] < 0x20 { return nil }
            end += 1
        }
        guard end < count else { return nil }
        cursor = end + 1
        return UnsafeRawBufferPointer(start: base + start, count: end - start)
    }

    @inline(__always) private mutating func string() -> String? {
        guard let raw = rawString() else { return nil }
        if let cache { return cache.string(raw) }  // (the same String as decoding the bytes)
        return raw.isEmpty ? "" : String(decoding: raw, as: UTF8.self)
    }

    private mutating func hexBytes() -> [UInt8]? {
        guard let raw = rawString(), raw.count % 2 == 0 else { return nil }
        let count = raw.count / 2
        if count == 0 { return [] }
        guard count <= 64 else {
            var bytes = [UInt8](repeating: 0, count: count)
            return bytes.withUnsafeMutableBytes { Self.decodeHex(raw, into: $0) } ? bytes : nil
        }
        // Up to 64 bytes are decoded on the stack, then shared through the cache when
        // register-sized (they repeat) or copied into an array of their size: the array
        // initialisers that fill in place go through the unspecialised runtime (≈ 530
        // instructions), the copy from a buffer does not.
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &words) { stack -> [UInt8]? in
            let block = UnsafeMutableRawBufferPointer(rebasing: stack[..<count])
            guard Self.decodeHex(raw, into: block) else { return nil }
            if let cache, count <= EntryDecodeCache.maxCachedBlob { return cache.blob(UnsafeRawBufferPointer(block)) }
            return Array(UnsafeRawBufferPointer(block))
        }
    }

    /// Decodes `2 × target.count` hex digits into `target`; false at a non-digit.
    @inline(__always) private static func decodeHex(_ raw: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) -> Bool {
        // Four output bytes (eight digits) at a time, then the rest digit by digit.
        var position = 0
        while target.count - position >= 4, let word = HexWord.bytes(raw.loadUnaligned(fromByteOffset: 2 * position, as: UInt64.self)) {
            target.storeBytes(of: UInt32(littleEndian: word), toByteOffset: position, as: UInt32.self)
            position += 4
        }
        for position in position..<target.count {
            guard let high = hexDigit(raw[2 * position]), let low = hexDigit(raw[2 * position + 1]) else { return false }
            target[position] = high << 4 | low
        }
        return true
    }

    /// The members of an `attrs` object after its `{`, through its `}`. With a cache, a list read
    /// before from the same text is shared (KVM logs repeat a few): the text up to the first `}`
    /// is the key, and a list is only remembered when its object ended exactly there.
    private mutating func attributeList() -> [RecordAttribute]? {
        let start = cursor
        let rest = UnsafeRawBufferPointer(start: base + start, count: count - start)
        guard let cache, let close = rest.firstIndex(of: UInt8(ascii: "}")) else { return attributeMembers() }
        let text = UnsafeRawBufferPointer(rebasing: rest[...close])
        let list = try? cache.attributes(text) { _ in
            guard let list = attributeMembers(), cursor == start + text.count else { throw Declined() }
            return list
        }
        cursor = start + text.count
        return list
    }

    /// Parses `"key":"value"` pairs and the closing `}`.
    private mutating func attributeMembers() -> [RecordAttribute]? {
        var list: [RecordAttribute] = []
        repeat {
            guard let key = string(), take(":"), let value = string() else { return nil }
            list.append(RecordAttribute(key, value))
        } while take(",")
        return take("}") ? list : nil
    }

    /// The text is not in the fast path's form (the general parser reads it).
    private struct Declined: Error {}

    private mutating func call() -> HypercallRecord? {
        // Fields go to locals and the record is built once at the end (assigning them one by one
        // over a default record costs a copy of the whole record).
        guard take("{\"type\":\"call\",\"seq\":"), let sequence = unsigned() else { return nil }
        var entryTime: UInt64?, exitTime: UInt64?, partitionID: UInt64?, vpIndex: UInt32?, vtl: UInt8?, callerIP: UInt64?
        var inputGPA: UInt64?, outputGPA: UInt64?, resultValue: HypercallResultValue?, repGroup: UInt64?
        var phase = "", input: [UInt8] = [], output: [UInt8] = [], attributes: [RecordAttribute] = []
        let role: PartitionRole, convention: RecordedConvention
        if take(",\"entry\":") { guard let value = unsigned() else { return nil }; entryTime = value }
        if take(",\"exit\":") { guard let value = unsigned() else { return nil }; exitTime = value }
        guard take(",\"source\":"), let source = string() else { return nil }
        if take(",\"partition\":") { guard let value = unsigned() else { return nil }; partitionID = value }
        guard take(",\"role\":\"") else { return nil }
        if take("guest\"") { role = .guest }
        else if take("root\"") { role = .root }
        else if take("unknown\"") { role = .unknown }
        else { return nil }
        if take(",\"vp\":") { guard let value = unsigned(), let vp = UInt32(exactly: value) else { return nil }; vpIndex = vp }
        if take(",\"vtl\":") { guard let value = unsigned(), let level = UInt8(exactly: value) else { return nil }; vtl = level }
        if take(",\"phase\":") { guard let value = string() else { return nil }; phase = value }
        if take(",\"rip\":") { guard let value = hex() else { return nil }; callerIP = value }
        guard take(",\"hiv\":"), let hiv = hex() else { return nil }
        // The decoded code and name are for people; skip them.
        guard take(",\"code\":"), hex() != nil, take(",\"name\":"), rawString() != nil, take(",\"convention\":\"") else { return nil }
        if take("memory\"") { convention = .memory }
        else if take("fast\"") { convention = .fast }
        else if take("xmm\"") { convention = .xmmFast }
        else if take("unknown\"") { convention = .unknown }
        else { return nil }
        if take(",\"inputGpa\":") { guard let value = hex() else { return nil }; inputGPA = value }
        if take(",\"outputGpa\":") { guard let value = hex() else { return nil }; outputGPA = value }
        if take(",\"input\":") { guard let value = hexBytes() else { return nil }; input = value }
        if take(",\"output\":") { guard let value = hexBytes() else { return nil }; output = value }
        if take(",\"hrv\":") {
            guard let value = hex(), take(",\"status\":"), rawString() != nil, take(",\"repsCompleted\":"), unsigned() != nil else { return nil }
            resultValue = HypercallResultValue(rawValue: value)
        }
        if take(",\"repGroup\":") { guard let value = unsigned() else { return nil }; repGroup = value }
        if take(",\"attrs\":{") {
            guard let list = attributeList() else { return nil }
            attributes = list
        }
        guard take("}"), cursor == count else { return nil }
        return HypercallRecord(
            sequence: sequence, entryTime: entryTime, exitTime: exitTime, source: source, partitionID: partitionID,
            partitionRole: role, vpIndex: vpIndex, vtl: vtl, phase: phase, callerIP: callerIP,
            inputValue: HypercallInputValue(rawValue: hiv), convention: convention, inputGPA: inputGPA, outputGPA: outputGPA,
            input: input, output: output, resultValue: resultValue, repGroup: repGroup, attributes: attributes)
    }
}
