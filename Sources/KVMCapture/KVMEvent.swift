#if canImport(Glibc)
import Glibc
#endif

/// The KVM tracepoints hvlog reads, decoded from their printed arguments
/// (`arch/x86/kvm/trace.h`; the variants of older and newer kernels are all accepted).
public enum KVMEvent: Equatable {
    /// `kvm_hv_hypercall`: `code 0x%x %s var_cnt 0x%x rep_cnt 0x%x idx 0x%x in 0x%llx out 0x%llx`
    /// (5.18+), or before 5.18 `code 0x%x %s cnt 0x%x idx 0x%x in 0x%llx out 0x%llx`; `%s` is fast or slow.
    case hypercall(code: UInt16, fast: Bool, variableHeaderCount: UInt64, repCount: UInt64, repIndex: UInt64, input: UInt64, output: UInt64)
    /// `kvm_hv_hypercall_done`: `result 0x%llx`.
    case hypercallDone(result: UInt64)
    /// `kvm_hv_flush_tlb` (`processor_mask 0x%llx address_space 0x%llx flags 0x%llx`) and
    /// `kvm_hv_flush_tlb_ex` (`valid_bank_mask 0x%llx format 0x%llx address_space 0x%llx flags 0x%llx`),
    /// with the trailing `(L2)` of 6.2+ when the flush was requested on behalf of an L2 guest.
    case flushTLB(DetailFields, forL2: Bool)
    /// `kvm_hv_send_ipi` (`vector %x processor_mask 0x%llx`) and `kvm_hv_send_ipi_ex`
    /// (`vector %x format %llx valid_bank_mask 0x%llx`).
    case sendIPI(DetailFields)
    /// `kvm_entry` / `kvm_exit` with the vCPU index (older `kvm_exit` prints none: nil).
    case vcpuTransition(vcpu: UInt32?)
    /// `kvm_msr`: `msr_write 40000000 = 0x…`, `msr_read fe = 0x508`, optionally ` (#GP)`.
    case msr(write: Bool, index: UInt32, value: UInt64, faulted: Bool)
    /// `tracing_mark_write`: the text written to trace_marker.
    case marker(text: UnsafeRawBufferPointer)

    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case let (.hypercall(a1, a2, a3, a4, a5, a6, a7), .hypercall(b1, b2, b3, b4, b5, b6, b7)):
            return a1 == b1 && a2 == b2 && a3 == b3 && a4 == b4 && a5 == b5 && a6 == b6 && a7 == b7
        case let (.hypercallDone(a), .hypercallDone(b)): return a == b
        case let (.flushTLB(a1, a2), .flushTLB(b1, b2)): return a1 == b1 && a2 == b2
        case let (.sendIPI(a), .sendIPI(b)): return a == b
        case let (.vcpuTransition(a), .vcpuTransition(b)): return a == b
        case let (.msr(a1, a2, a3, a4), .msr(b1, b2, b3, b4)): return a1 == b1 && a2 == b2 && a3 == b3 && a4 == b4
        case let (.marker(a), .marker(b)): return a.elementsEqual(b)
        default: return false
        }
    }

    /// Which known event a name is, if any.
    public enum Name: CaseIterable, Sendable {
        case hypercall, hypercallDone, flushTLB, flushTLBEx, sendIPI, sendIPIEx, entry, exit, msr, marker

        public var tracepoint: StaticString {
            switch self {
            case .hypercall: "kvm_hv_hypercall"
            case .hypercallDone: "kvm_hv_hypercall_done"
            case .flushTLB: "kvm_hv_flush_tlb"
            case .flushTLBEx: "kvm_hv_flush_tlb_ex"
            case .sendIPI: "kvm_hv_send_ipi"
            case .sendIPIEx: "kvm_hv_send_ipi_ex"
            case .entry: "kvm_entry"
            case .exit: "kvm_exit"
            case .msr: "kvm_msr"
            case .marker: "tracing_mark_write"
            }
        }

        /// The tracefs events (group/name) hvlog enables to record.
        public var tracefsEvent: String? {
            switch self {
            case .marker: nil
            default: "kvm/\(tracepoint)"
            }
        }

        init?(_ bytes: UnsafeRawBufferPointer) {
            // Length first: at most two names share one.
            let candidates: (Name, Name?)
            switch bytes.count {
            case 7: candidates = (.msr, nil)
            case 8: candidates = (.exit, nil)
            case 9: candidates = (.entry, nil)
            case 15: candidates = (.sendIPI, nil)
            case 16: candidates = (.hypercall, .flushTLB)
            case 18: candidates = (.sendIPIEx, .marker)
            case 19: candidates = (.flushTLBEx, nil)
            case 21: candidates = (.hypercallDone, nil)
            default: return nil
            }
            if startsWith(bytes.baseAddress!, candidates.0.tracepoint) {
                self = candidates.0
            } else if let second = candidates.1, startsWith(bytes.baseAddress!, second.tracepoint) {
                self = second
            } else {
                return nil
            }
        }
    }

    /// A known event whose arguments do not parse.
    public struct Malformed: Error {
        public let message: String
    }

    public static func decode(_ name: Name, _ arguments: UnsafeRawBufferPointer) throws(Malformed) -> KVMEvent {
        // The forms current kernels print, read in one pass; anything else (older kernels, other
        // spacing, damage) goes through the general token parser below, which also names errors.
        if let event = decodeCommonForm(name, arguments) { return event }
        return try decodeGeneral(name, arguments)
    }

    /// Any accepted form, token by token.
    static func decodeGeneral(_ name: Name, _ arguments: UnsafeRawBufferPointer) throws(Malformed) -> KVMEvent {
        var tokens = Tokens(arguments)
        switch name {
        case .hypercall: return try decodeHypercall(&tokens)
        case .hypercallDone:
            guard tokens.take("result"), let result = tokens.number() else { throw Malformed(message: "expected 'result 0x…'") }
            return .hypercallDone(result: result)
        case .flushTLB, .flushTLBEx:
            var fields = DetailFields(extended: name == .flushTLBEx)
            var forL2 = false
            while let key = tokens.next() {
                if key.count == 4, memcmp(key.baseAddress!, "(L2)", 4) == 0 { forL2 = true; continue }
                guard let field = DetailFields.Key(key), let value = tokens.hex() else {
                    throw Malformed(message: "unexpected '\(String(decoding: key, as: UTF8.self))' in a flush")
                }
                fields[field] = value
            }
            guard fields[.flags] != nil, fields[.addressSpace] != nil else { throw Malformed(message: "flush without address_space and flags") }
            return .flushTLB(fields, forL2: forL2)
        case .sendIPI, .sendIPIEx:
            // Every field is hex, printed with %x/%llx: "vector fb format 1 valid_bank_mask 0x3".
            var fields = DetailFields(extended: name == .sendIPIEx)
            while let key = tokens.next() {
                guard let field = DetailFields.Key(key), let value = tokens.hex() else {
                    throw Malformed(message: "unexpected '\(String(decoding: key, as: UTF8.self))' in an IPI")
                }
                fields[field] = value
            }
            guard fields[.vector] != nil else { throw Malformed(message: "IPI without vector") }
            return .sendIPI(fields)
        case .entry, .exit:
            // "vcpu 0, rip 0x…" / "vcpu 1 reason …" / older kvm_exit "reason … rip …" (no vCPU).
            if tokens.take("vcpu") {
                guard let vcpu = tokens.decimal(), let narrow = UInt32(exactly: vcpu) else { throw Malformed(message: "expected a vCPU number") }
                return .vcpuTransition(vcpu: narrow)
            }
            return .vcpuTransition(vcpu: nil)
        case .msr:
            guard let access = tokens.next() else { throw Malformed(message: "empty kvm_msr") }
            let write: Bool
            if access.elementsEqual("msr_write".utf8) { write = true }
            else if access.elementsEqual("msr_read".utf8) { write = false }
            else { throw Malformed(message: "expected msr_read or msr_write") }
            guard let index = tokens.hex(), let narrow = UInt32(exactly: index), tokens.take("="), let value = tokens.hex() else {
                throw Malformed(message: "expected 'INDEX = 0xVALUE'")
            }
            let faulted = tokens.take("(#GP)")
            return .msr(write: write, index: narrow, value: value, faulted: faulted)
        case .marker:
            return .marker(text: arguments)
        }
    }

    private static func decodeHypercall(_ tokens: inout Tokens) throws(Malformed) -> KVMEvent {
        guard tokens.take("code"), let code = tokens.number(), let narrow = UInt16(exactly: code) else {
            throw Malformed(message: "expected 'code 0x…'")
        }
        var fast: Bool?
        var variableHeader: UInt64 = 0, repCount: UInt64?, repIndex: UInt64?, input: UInt64?, output: UInt64?
        while let key = tokens.next() {
            func value() throws(Malformed) -> UInt64 {
                guard let number = tokens.number() else { throw Malformed(message: "expected a number after '\(String(decoding: key, as: UTF8.self))'") }
                return number
            }
            func `is`(_ literal: StaticString) -> Bool {
                key.count == literal.utf8CodeUnitCount && memcmp(key.baseAddress!, literal.utf8Start, key.count) == 0
            }
            if `is`("fast") { fast = true }
            else if `is`("slow") { fast = false }
            else if `is`("in") { input = try value() }
            else if `is`("out") { output = try value() }
            else if `is`("idx") { repIndex = try value() }
            else if `is`("rep_cnt") || `is`("cnt") { repCount = try value() }
            else if `is`("var_cnt") { variableHeader = try value() }
            else { throw Malformed(message: "unknown field '\(String(decoding: key, as: UTF8.self))'") }
        }
        guard let fast, let repCount, let repIndex, let input, let output else {
            throw Malformed(message: "missing fast/slow, rep count, rep index, in or out")
        }
        return .hypercall(code: narrow, fast: fast, variableHeaderCount: variableHeader, repCount: repCount, repIndex: repIndex, input: input, output: output)
    }
}

extension KVMEvent {
    /// Every event in the form current kernels print, exactly as `arch/x86/kvm/trace.h` writes it:
    /// `kvm_hv_hypercall` (5.18+ form), `kvm_hv_hypercall_done`, the flushes (with the 6.2+ ` %s`
    /// tail: empty or `(L2)`), the IPIs, `kvm_entry`/`kvm_exit` with a vCPU, and `kvm_msr`. Nil
    /// for any other text; the general parser then decides, with the same result for text this accepts.
    @inline(__always)
    static func decodeCommonForm(_ name: Name, _ arguments: UnsafeRawBufferPointer) -> KVMEvent? {
        var text = Tokens(arguments)
        switch name {
        case .hypercall:
            guard text.skip("code 0x"), let code = text.scanHex(), let narrow = UInt16(exactly: code) else { return nil }
            let fast: Bool
            if text.skip(" fast var_cnt 0x") { fast = true } else if text.skip(" slow var_cnt 0x") { fast = false } else { return nil }
            guard let variableHeader = text.scanHex(), text.skip(" rep_cnt 0x"), let repCount = text.scanHex(),
                  text.skip(" idx 0x"), let repIndex = text.scanHex(), text.skip(" in 0x"), let input = text.scanHex(),
                  text.skip(" out 0x"), let output = text.scanHex(), text.atEnd else { return nil }
            return .hypercall(code: narrow, fast: fast, variableHeaderCount: variableHeader, repCount: repCount, repIndex: repIndex, input: input, output: output)
        case .hypercallDone:
            guard text.skip("result 0x"), let result = text.scanHex(), text.atEnd else { return nil }
            return .hypercallDone(result: result)
        case .entry, .exit:
            guard text.skip("vcpu "), let vcpu = text.scanDecimal(), let narrow = UInt32(exactly: vcpu), text.atEnd || text.skip(",") || text.skip(" ") else { return nil }
            return .vcpuTransition(vcpu: narrow)
        case .flushTLB:
            // "processor_mask 0x%llx address_space 0x%llx flags 0x%llx" (+ " %s" since 6.2)
            var fields = DetailFields(extended: false)
            guard text.skip("processor_mask 0x"), let mask = text.scanHex(), text.skip(" address_space 0x"), let space = text.scanHex(),
                  text.skip(" flags 0x"), let flags = text.scanHex(), let forL2 = text.scanGuestModeTail() else { return nil }
            fields.add(.processorMask, mask); fields.add(.addressSpace, space); fields.add(.flags, flags)
            return .flushTLB(fields, forL2: forL2)
        case .flushTLBEx:
            // "valid_bank_mask 0x%llx format 0x%llx address_space 0x%llx flags 0x%llx" (+ " %s" since 6.2)
            var fields = DetailFields(extended: true)
            guard text.skip("valid_bank_mask 0x"), let banks = text.scanHex(), text.skip(" format 0x"), let format = text.scanHex(),
                  text.skip(" address_space 0x"), let space = text.scanHex(), text.skip(" flags 0x"), let flags = text.scanHex(),
                  let forL2 = text.scanGuestModeTail() else { return nil }
            fields.add(.validBankMask, banks); fields.add(.format, format); fields.add(.addressSpace, space); fields.add(.flags, flags)
            return .flushTLB(fields, forL2: forL2)
        case .sendIPI:
            // "vector %x processor_mask 0x%llx"
            var fields = DetailFields(extended: false)
            guard text.skip("vector "), let vector = text.scanHex(), text.skip(" processor_mask 0x"), let mask = text.scanHex(), text.atEnd else { return nil }
            fields.add(.vector, vector); fields.add(.processorMask, mask)
            return .sendIPI(fields)
        case .sendIPIEx:
            // "vector %x format %llx valid_bank_mask 0x%llx"
            var fields = DetailFields(extended: true)
            guard text.skip("vector "), let vector = text.scanHex(), text.skip(" format "), let format = text.scanHex(),
                  text.skip(" valid_bank_mask 0x"), let banks = text.scanHex(), text.atEnd else { return nil }
            fields.add(.vector, vector); fields.add(.format, format); fields.add(.validBankMask, banks)
            return .sendIPI(fields)
        case .msr:
            // "msr_%s %x = 0x%llx%s", the last %s " (#GP)" or empty
            let write: Bool
            if text.skip("msr_write ") { write = true } else if text.skip("msr_read ") { write = false } else { return nil }
            guard let index = text.scanHex(), let narrow = UInt32(exactly: index), text.skip(" = 0x"), let value = text.scanHex() else { return nil }
            if text.atEnd { return .msr(write: write, index: narrow, value: value, faulted: false) }
            guard text.skip(" (#GP)"), text.atEnd else { return nil }
            return .msr(write: write, index: narrow, value: value, faulted: true)
        case .marker:
            return nil
        }
    }
}

/// Whether the bytes at `here` begin with `literal` (as many bytes must be readable there).
/// Compared a word at a time, the last word overlapping the one before: for a literal known when
/// compiling, a few loads and compares.
@inline(__always) func startsWith(_ here: UnsafeRawPointer, _ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    let expected = UnsafeRawPointer(literal.utf8Start)
    func same<Word: FixedWidthInteger>(_ offset: Int, _: Word.Type) -> Bool {
        here.loadUnaligned(fromByteOffset: offset, as: Word.self) == expected.loadUnaligned(fromByteOffset: offset, as: Word.self)
    }
    switch length {
    case 8...:
        var offset = 0
        while offset + 8 < length {
            guard same(offset, UInt64.self) else { return false }
            offset += 8
        }
        return same(length - 8, UInt64.self)
    case 4..<8: return same(0, UInt32.self) && same(length - 4, UInt32.self)
    case 2..<4: return same(0, UInt16.self) && same(length - 2, UInt16.self)
    case 1: return same(0, UInt8.self)
    default: return true
    }
}

/// Reading text of a known shape: literals and numbers in sequence, every number ended by a
/// non-digit or the end (a number of more digits than fit is not this shape: nil).
extension Tokens {
    var atEnd: Bool { cursor == count }

    /// The end of a flush's arguments: nothing (6.1 and older), or 6.2+'s " %s" with an empty
    /// string or `(L2)`. Whether it said `(L2)`; nil for anything else.
    @inline(__always) mutating func scanGuestModeTail() -> Bool? {
        if atEnd { return false }
        guard skip(" ") else { return nil }
        if atEnd { return false }
        return skip("(L2)") && atEnd ? true : nil
    }

    /// Moves past `literal` if the text continues with it.
    @inline(__always) mutating func skip(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard let base, count - cursor >= length, startsWith(UnsafeRawPointer(base + cursor), literal) else { return false }
        cursor += length
        return true
    }

    /// 1 to 16 hex digits.
    @inline(__always) mutating func scanHex() -> UInt64? {
        guard let base else { return nil }
        let start = cursor
        var value: UInt64 = 0
        while cursor < count {
            let byte = base[cursor]
            let digit = byte &- 0x30, letter = (byte | 0x20) &- 0x61
            if digit < 10 { value = value << 4 | UInt64(digit) } else if letter < 6 { value = value << 4 | UInt64(letter + 10) } else { break }
            cursor += 1
        }
        return cursor > start && cursor - start <= 16 ? value : nil
    }

    /// 1 to 19 decimal digits.
    @inline(__always) mutating func scanDecimal() -> UInt64? {
        guard let base else { return nil }
        let start = cursor
        var value: UInt64 = 0
        while cursor < count, base[cursor] &- 0x30 < 10 {
            value = value &* 10 &+ UInt64(base[cursor] &- 0x30)
            cursor += 1
        }
        return cursor > start && cursor - start <= 19 ? value : nil
    }
}

/// Space- and comma-separated tokens of a tracepoint's arguments.
struct Tokens {
    fileprivate let base: UnsafePointer<UInt8>?
    fileprivate let count: Int
    fileprivate var cursor = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
    }

    @inline(__always) private func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == UInt8(ascii: ",") || byte == 0x09 }

    mutating func next() -> UnsafeRawBufferPointer? {
        guard let base else { return nil }
        while cursor < count, isSeparator(base[cursor]) { cursor += 1 }
        guard cursor < count else { return nil }
        let start = cursor
        while cursor < count, !isSeparator(base[cursor]) { cursor += 1 }
        return UnsafeRawBufferPointer(start: base + start, count: cursor - start)
    }

    /// Consumes the next token if it is `literal`.
    mutating func take(_ literal: StaticString) -> Bool {
        let saved = cursor
        if let token = next(), token.count == literal.utf8CodeUnitCount, memcmp(token.baseAddress!, literal.utf8Start, token.count) == 0 { return true }
        cursor = saved
        return false
    }

    /// `0x…` as hex, otherwise decimal (`%d` fields of older kernels).
    mutating func number() -> UInt64? {
        guard let token = next() else { return nil }
        return Self.number(token)
    }

    /// Hex with or without `0x` (as `%x` prints).
    mutating func hex() -> UInt64? {
        guard let token = next() else { return nil }
        let digits = token.count > 2 && token[0] == 0x30 && token[1] | 0x20 == UInt8(ascii: "x") ? UnsafeRawBufferPointer(rebasing: token[2...]) : token
        return Self.hexValue(digits)
    }

    mutating func decimal() -> UInt64? {
        guard let token = next() else { return nil }
        return Self.decimalValue(token)
    }

    static func number(_ token: UnsafeRawBufferPointer) -> UInt64? {
        if token.count > 2, token[0] == 0x30, token[1] | 0x20 == UInt8(ascii: "x") { return hexValue(UnsafeRawBufferPointer(rebasing: token[2...])) }
        return decimalValue(token)
    }

    static func hexValue(_ token: UnsafeRawBufferPointer) -> UInt64? {
        guard !token.isEmpty, token.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in token {
            let digit = byte &- 0x30
            let letter = (byte | 0x20) &- 0x61
            if digit < 10 { value = value << 4 | UInt64(digit) }
            else if letter < 6 { value = value << 4 | UInt64(letter + 10) }
            else { return nil }
        }
        return value
    }

    static func decimalValue(_ token: UnsafeRawBufferPointer) -> UInt64? {
        guard !token.isEmpty, token.count <= 19 else { return nil }
        var value: UInt64 = 0
        for byte in token {
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value
    }
}

/// The fields of a flush or IPI tracepoint, by name, without allocating.
public struct DetailFields: Equatable, Sendable {
    public enum Key: Int, CaseIterable, Sendable {
        case vector, processorMask, validBankMask, format, addressSpace, flags

        /// The name as the tracepoint prints it.
        public var traceName: StaticString {
            switch self {
            case .vector: "vector"
            case .processorMask: "processor_mask"
            case .validBankMask: "valid_bank_mask"
            case .format: "format"
            case .addressSpace: "address_space"
            case .flags: "flags"
            }
        }

        /// The attribute name in log records: the tracepoint's own field name (made once; all are
        /// at most 15 bytes, so they are stored inline and cost no reference counting).
        public var attributeName: String { Self.attributeNames[rawValue] }

        private static let attributeNames = allCases.map { key in
            // From the bytes, not by interpolation: a String of at most 15 bytes made so is stored inline.
            String(decoding: UnsafeBufferPointer(start: key.traceName.utf8Start, count: key.traceName.utf8CodeUnitCount), as: UTF8.self)
        }

        init?(_ bytes: UnsafeRawBufferPointer) {
            for key in Self.allCases where key.traceName.utf8CodeUnitCount == bytes.count
                && memcmp(bytes.baseAddress!, key.traceName.utf8Start, bytes.count) == 0 {
                self = key
                return
            }
            return nil
        }
    }

    /// The `_ex` variant (HV_VP_SET instead of a 64-bit processor mask).
    public let extended: Bool
    private var values: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    private var present: UInt8 = 0
    /// Keys in the order they were printed.
    private var order: UInt32 = 0
    private var fieldCount = 0

    public init(extended: Bool) { self.extended = extended }

    public subscript(key: Key) -> UInt64? {
        get {
            guard present & (1 << key.rawValue) != 0 else { return nil }
            return withUnsafeBytes(of: values) { $0.load(fromByteOffset: key.rawValue * 8, as: UInt64.self) }
        }
        set {
            guard let newValue else { return }
            withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: newValue, toByteOffset: key.rawValue * 8, as: UInt64.self) }
            if present & (1 << key.rawValue) == 0 {
                order |= UInt32(key.rawValue) << (4 * fieldCount)
                fieldCount += 1
            }
            present |= 1 << key.rawValue
        }
    }

    /// Adds a field not present yet (the one-pass readings, which see each field once).
    @inline(__always) mutating func add(_ key: Key, _ value: UInt64) {
        withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: value, toByteOffset: key.rawValue * 8, as: UInt64.self) }
        order |= UInt32(key.rawValue) << (4 * fieldCount)
        fieldCount += 1
        present |= 1 << key.rawValue
    }

    /// How many fields are present.
    public var count: Int { fieldCount }

    /// Calls `body` with each field present, in the order the tracepoint printed them.
    @inline(__always) public func forEach(_ body: (Key, UInt64) throws -> Void) rethrows {
        for index in 0..<fieldCount {
            let key = Key(rawValue: Int(order >> (4 * index) & 0xF))!
            try body(key, withUnsafeBytes(of: values) { $0.load(fromByteOffset: key.rawValue * 8, as: UInt64.self) })
        }
    }

    /// The fields present, in the order the tracepoint printed them.
    public var fields: [(key: Key, value: UInt64)] {
        var result: [(key: Key, value: UInt64)] = []
        forEach { result.append(($0, $1)) }
        return result
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.extended == rhs.extended && lhs.fields.elementsEqual(rhs.fields) { $0.key == $1.key && $0.value == $1.value }
    }
}
