#if canImport(Glibc)
import Glibc
#endif

/// The KVM tracepoints hvlog reads, decoded from their printed arguments
/// (`arch/x86/kvm/trace.h`; the variants of older and newer kernels are all accepted).
public enum KVMEvent: Equatable {
    /// `kvm_hv_hypercall`: `code 0x%x %s var_cnt 0x%x rep_cnt 0x%x idx 0x%x in 0x%llx out 0x%llx`
    /// (6.0+), or the older `code 0x%x fast %d rep_cnt %d rep_idx %d in_gpa 0x%llx out_gpa 0x%llx`.
    case hypercall(code: UInt16, fast: Bool, variableHeaderCount: UInt64, repCount: UInt64, repIndex: UInt64, input: UInt64, output: UInt64)
    /// `kvm_hv_hypercall_done`: `result 0x%llx`.
    case hypercallDone(result: UInt64)
    /// `kvm_hv_flush_tlb` and `kvm_hv_flush_tlb_ex`: the fields as printed, in order, and whether
    /// the flush was requested on behalf of an L2 guest (the trailing `(L2)` of newer kernels).
    case flushTLB(extended: Bool, fields: [(key: String, value: UInt64)], forL2: Bool)
    /// `kvm_hv_send_ipi` and `kvm_hv_send_ipi_ex`.
    case sendIPI(extended: Bool, fields: [(key: String, value: UInt64)])
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
        case let (.flushTLB(a1, a2, a3), .flushTLB(b1, b2, b3)):
            return a1 == b1 && a3 == b3 && a2.elementsEqual(b2) { $0.key == $1.key && $0.value == $1.value }
        case let (.sendIPI(a1, a2), .sendIPI(b1, b2)):
            return a1 == b1 && a2.elementsEqual(b2) { $0.key == $1.key && $0.value == $1.value }
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
            // Length first: most lines are decided without a comparison.
            for name in Self.allCases where name.tracepoint.utf8CodeUnitCount == bytes.count
                && memcmp(bytes.baseAddress!, name.tracepoint.utf8Start, bytes.count) == 0 {
                self = name
                return
            }
            return nil
        }
    }

    /// A known event whose arguments do not parse.
    public struct Malformed: Error {
        public let message: String
    }

    public static func decode(_ name: Name, _ arguments: UnsafeRawBufferPointer) throws(Malformed) -> KVMEvent {
        var tokens = Tokens(arguments)
        switch name {
        case .hypercall: return try decodeHypercall(&tokens)
        case .hypercallDone:
            guard tokens.take("result"), let result = tokens.number() else { throw Malformed(message: "expected 'result 0x…'") }
            return .hypercallDone(result: result)
        case .flushTLB, .flushTLBEx:
            var fields: [(key: String, value: UInt64)] = []
            var forL2 = false
            while let key = tokens.next() {
                if key.elementsEqual("(L2)".utf8) { forL2 = true; continue }
                guard let value = tokens.hex() else { throw Malformed(message: "expected a number after '\(String(decoding: key, as: UTF8.self))'") }
                fields.append((String(decoding: key, as: UTF8.self), value))
            }
            guard fields.contains(where: { $0.key == "flags" }) else { throw Malformed(message: "flush without flags") }
            return .flushTLB(extended: name == .flushTLBEx, fields: fields, forL2: forL2)
        case .sendIPI, .sendIPIEx:
            var fields: [(key: String, value: UInt64)] = []
            // Every field is hex, printed with %x/%llx: "vector fb format 1 valid_bank_mask 0x3".
            while let key = tokens.next() {
                guard let value = tokens.hex() else { throw Malformed(message: "expected a hex number after '\(String(decoding: key, as: UTF8.self))'") }
                fields.append((String(decoding: key, as: UTF8.self), value))
            }
            guard fields.first?.key == "vector" else { throw Malformed(message: "IPI without vector") }
            return .sendIPI(extended: name == .sendIPIEx, fields: fields)
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
            switch String(decoding: key, as: UTF8.self) {
            case "fast" where fast == nil:
                // Newer kernels print "fast" or "slow" alone; older ones "fast %d".
                if let flag = tokens.peekNumber() { _ = tokens.number(); fast = flag != 0 } else { fast = true }
            case "slow": fast = false
            case "var_cnt": variableHeader = try value()
            case "rep_cnt", "cnt": repCount = try value()
            case "idx", "rep_idx": repIndex = try value()
            case "in", "in_gpa", "ingpa": input = try value()
            case "out", "out_gpa", "outgpa": output = try value()
            case let other: throw Malformed(message: "unknown field '\(other)'")
            }
        }
        guard let fast, let repCount, let repIndex, let input, let output else {
            throw Malformed(message: "missing fast/slow, rep count, rep index, in or out")
        }
        return .hypercall(code: narrow, fast: fast, variableHeaderCount: variableHeader, repCount: repCount, repIndex: repIndex, input: input, output: output)
    }
}

/// Space- and comma-separated tokens of a tracepoint's arguments.
struct Tokens {
    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private var cursor = 0

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

    mutating func peekNumber() -> UInt64? {
        let saved = cursor
        defer { cursor = saved }
        return number()
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
