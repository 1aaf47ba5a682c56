import HypercallLog

/// Why the target stopped (GDB manual, "Stop Reply Packets").
public enum StopReply: Equatable, Sendable {
    /// `S AA` or `T AA n:r;…`: stopped with signal `signal`; `thread` from the `thread:` pair,
    /// `registers` the expedited register values by register number.
    case stopped(signal: UInt8, thread: String?, registers: [Int: [UInt8]])
    /// `W AA`: the process exited with this status.
    case exited(status: UInt8)
    /// `X AA`: the process was terminated by this signal.
    case terminated(signal: UInt8)

    /// How the target ended, for `W` and `X` replies (`exited with status 0`); nil while it runs on.
    public var targetEnd: String? {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .terminated(let signal): "terminated by signal \(signal)"
        case .stopped: nil
        }
    }

    /// Parses a stop reply; `nil` for other packets (`O` console output, `OK`).
    public static func parse(_ payload: [UInt8]) throws(GDBError) -> StopReply? {
        guard let kind = payload.first else { return nil }
        func number(_ slice: ArraySlice<UInt8>) throws(GDBError) -> UInt8 {
            guard slice.count >= 2, let value = Hex.parse(slice.prefix(2)) else {
                throw .protocolError("stop reply '\(String(decoding: payload, as: UTF8.self))' lacks its two-digit number")
            }
            return UInt8(value)
        }
        switch kind {
        case UInt8(ascii: "S"):
            return .stopped(signal: try number(payload.dropFirst()), thread: nil, registers: [:])
        case UInt8(ascii: "T"):
            let signal = try number(payload.dropFirst())
            var thread: String?
            var registers: [Int: [UInt8]] = [:]
            // `n:r` pairs separated by `;`, scanned in place (a pair without `:` is skipped).
            var index = 3
            while index < payload.count {
                var end = index, colon: Int?
                while end < payload.count && payload[end] != UInt8(ascii: ";") {
                    if colon == nil && payload[end] == UInt8(ascii: ":") { colon = end }
                    end += 1
                }
                if let colon {
                    let key = payload[index..<colon], value = payload[(colon + 1)..<end]
                    if key.count == 6 && key.elementsEqual("thread".utf8) {
                        thread = String(decoding: value, as: UTF8.self)
                    } else if let register = Hex.parse(key), let bytes = Hex.decode(value) {
                        registers[Int(register)] = bytes
                    }
                }
                index = end + 1
            }
            return .stopped(signal: signal, thread: thread, registers: registers)
        case UInt8(ascii: "W"):
            return .exited(status: try number(payload.dropFirst()))
        case UInt8(ascii: "X"):
            return .terminated(signal: try number(payload.dropFirst()))
        default:
            return nil
        }
    }
}

/// Breakpoint types of the `Z`/`z` packets: 0 software, 1 hardware (GDB manual, "Packets").
public enum BreakpointKind: String, Sendable, Codable {
    case software, hardware
    var packetType: UInt8 { self == .software ? UInt8(ascii: "0") : UInt8(ascii: "1") }
}

/// The commands hvlog sends to a GDB stub: a client of the remote serial protocol in all-stop mode.
public final class GDBRemoteClient {
    public let connection: RSPConnection
    /// Features from the stub's `qSupported` reply (`name` → `+`, `-` or a value).
    public private(set) var features: [String: String] = [:]
    /// Largest packet the stub accepts (`PacketSize`, hex), used to size memory reads.
    public private(set) var packetSize = 4096
    /// Whether `vCont` with the `c` action is supported (else plain `c` is used).
    public private(set) var supportsVCont = false
    /// Timeout for ordinary request/reply exchanges, seconds.
    public var timeout: Double = 5
    private var selectedThread: String?

    public init(connection: RSPConnection) {
        self.connection = connection
    }

    /// The features hvlog announces in `qSupported` (GDB manual, "General Query Packets"): it
    /// understands the `swbreak`/`hwbreak` stop reasons and, with `xmlRegisters=i386`, x86 XML
    /// target descriptions (without it an x86 gdbserver describes no registers in its XML).
    static let supportedQuery = "qSupported:swbreak+;hwbreak+"
    static let xmlRegistersFeature = ";xmlRegisters=i386"

    /// `qSupported`, then `QStartNoAckMode` when offered, then `vCont?`.
    public func handshake() throws(GDBError) {
        let reply = try connection.request(Self.supportedQuery + Self.xmlRegistersFeature, timeout: timeout)
        for item in reply.split(separator: UInt8(ascii: ";")) {
            let text = String(decoding: item, as: UTF8.self)
            if let equals = text.firstIndex(of: "=") {
                features[String(text[..<equals])] = String(text[text.index(after: equals)...])
            } else if let last = text.last, last == "+" || last == "-" || last == "?" {
                features[String(text.dropLast())] = String(last)
            }
        }
        if let size = features["PacketSize"], let value = Hex.parse(Array(size.utf8)), value >= 64 {
            packetSize = Int(min(value, 1 << 20))
        }
        if features["QStartNoAckMode"] == "+" {
            let answer = try connection.request("QStartNoAckMode", timeout: timeout)
            if answer.elementsEqual("OK".utf8) { connection.noAckMode = true }
        }
        let actions = try connection.request("vCont?", timeout: timeout)
        if actions.starts(with: "vCont".utf8) {
            supportsVCont = actions.split(separator: UInt8(ascii: ";")).dropFirst().contains { $0.elementsEqual("c".utf8) }
        }
    }

    /// Whether the stub offered `feature+` in its `qSupported` reply.
    public func supports(_ feature: String) -> Bool { features[feature] == "+" }

    /// Reads a whole `qXfer:OBJECT:read:ANNEX` object in chunks (`m` more, `l` last).
    public func readObject(_ object: String, annex: String) throws(GDBError) -> [UInt8] {
        var data: [UInt8] = []
        let chunk = max(packetSize - 16, 64)
        while true {
            let request = "qXfer:\(object):read:\(annex):\(String(data.count, radix: 16)),\(String(chunk, radix: 16))"
            let reply = try connection.request(request, timeout: timeout)
            guard let marker = reply.first, marker == UInt8(ascii: "m") || marker == UInt8(ascii: "l") else {
                throw .stubError(request: request, reply: String(decoding: reply, as: UTF8.self))
            }
            data += reply.dropFirst()
            if marker == UInt8(ascii: "l") { return data }
            if reply.count == 1 { throw .protocolError("'\(request)' returned no data and no end marker") }
        }
    }

    /// The target description, its `xi:include` files read too (`qXfer:features:read`).
    public func targetDescription() throws(GDBError) -> TargetDescription? {
        guard supports("qXfer:features:read") else { return nil }
        // gdbserver describes the current process's registers: select any thread first, as GDB does.
        _ = try connection.request("Hg0", timeout: timeout)
        var documents: [String: [UInt8]] = [:]
        var pending = ["target.xml"]
        while let annex = pending.first {
            pending.removeFirst()
            guard documents[annex] == nil else { continue }
            let document = try readObject("features", annex: annex)
            documents[annex] = document
            pending += TargetDescription.includes(in: document)
        }
        return try TargetDescription(documents: documents, root: "target.xml")
    }

    /// Asks the stub to keep the smallest register set it has, so that it does less work at every
    /// stop; the target must be stopped. gdbserver on x86 switches to its description for clients
    /// without XML when a `qSupported` lacks `xmlRegisters=i386` (gdbserver/linux-x86-low.cc,
    /// `process_qsupported` → `update_xmltarget`; `x86_linux_read_description` then returns
    /// `tdesc_amd64_linux_no_xml`, the SSE-only Linux description: core, SSE, `orig_rax`,
    /// `fs_base`/`gs_base`), so its register cache, `g` reply and per-stop conversions shrink (on
    /// a machine with AVX-512, 560 instead of ~2,400 bytes). The change is kept only when it is
    /// verifiably a prefix: the `g` reply afterwards equals the start of the `g` reply before, byte
    /// for byte, and covers every register in `needed` — the numbers and offsets of those registers
    /// are then those of the description already read. Otherwise `xmlRegisters=i386` is announced
    /// again and the full reply must come back. Returns the `g` size in bytes now in force when the
    /// set was narrowed, nil when it was left as it was.
    public func narrowRegisterSet(needed: [TargetDescription.Register]) throws(GDBError) -> Int? {
        let full = try readRegisters()
        _ = try connection.request(Self.supportedQuery, timeout: timeout)
        let narrowed = try readRegisters()
        if narrowed == full { return nil } // the stub ignores xmlRegisters (QEMU) or has nothing to leave out
        let covered = needed.allSatisfy { $0.offset + $0.byteCount <= narrowed.count }
        if narrowed.count < full.count && full.starts(with: narrowed) && covered { return narrowed.count }
        _ = try connection.request(Self.supportedQuery + Self.xmlRegistersFeature, timeout: timeout)
        guard try readRegisters() == full else {
            throw .protocolError("\(connection.target) changed its register layout when asked for fewer registers and did not restore it")
        }
        return nil
    }

    /// `?`: why the target is stopped now.
    public func haltReason() throws(GDBError) -> StopReply {
        let reply = try connection.request("?", timeout: timeout)
        guard let stop = try StopReply.parse(reply) else {
            throw .protocolError("'?' answered with '\(String(decoding: reply, as: UTF8.self))', not a stop reply")
        }
        return stop
    }

    /// Records that a stop reply named `thread`: gdbserver (prepare_resume_reply) and QEMU's gdbstub
    /// make the thread they report the current general thread, as GDB assumes, so no `Hg` is needed.
    public func stopped(in thread: String) {
        selectedThread = thread
    }

    /// `Hg`: the thread that register and memory reads apply to (skipped when already selected).
    public func selectThread(_ thread: String) throws(GDBError) {
        guard selectedThread != thread else { return }
        try expectOK("Hg" + thread)
        selectedThread = thread
    }

    /// `g`: all registers of the selected thread, in target byte order; `nil` bytes (`xx`) become 0.
    public func readRegisters() throws(GDBError) -> [UInt8] {
        try Self.registerReply(try connection.request(Self.allRegistersPacket, timeout: timeout), request: Self.allRegistersPacket)
    }

    /// `p n`: one register.
    public func readRegister(_ number: Int) throws(GDBError) -> [UInt8] {
        let request = Self.registerPacket(number)
        return try Self.registerReply(try connection.request(request, timeout: timeout), request: request)
    }

    /// `m addr,length`, split to fit the packet size.
    public func readMemory(at address: UInt64, count: Int) throws(GDBError) -> [UInt8] {
        let requests = memoryPackets(at: address, count: count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for request in requests { bytes += try Self.memoryReply(try connection.request(request, timeout: timeout), request: request) }
        return bytes
    }

    static let allRegistersPacket: [UInt8] = [UInt8(ascii: "g")]

    static func registerPacket(_ number: Int) -> [UInt8] { Array(("p" + String(number, radix: 16)).utf8) }

    /// The most bytes one `m` packet reads: its hex reply must fit the stub's packet size.
    var memoryChunk: Int { max((packetSize - 8) / 2, 16) }

    /// The `m` packets that read `count` bytes at `address`, each within the stub's packet size.
    func memoryPackets(at address: UInt64, count: Int) -> [[UInt8]] {
        let chunk = memoryChunk
        var packets: [[UInt8]] = []
        var offset = 0
        while offset < count {
            let length = min(chunk, count - offset)
            var request: [UInt8] = []
            request.reserveCapacity(36) // m, 16 + 16 digits and the comma: no growth while appending
            request.append(UInt8(ascii: "m"))
            Hex.append(address &+ UInt64(offset), to: &request)
            request.append(UInt8(ascii: ","))
            Hex.append(UInt64(length), to: &request)
            packets.append(request)
            offset += length
        }
        return packets
    }

    /// The bytes of an `m` reply; `Enn`, an empty or a non-hex reply is the stub's refusal.
    static func memoryReply(_ reply: [UInt8], request: [UInt8]) throws(GDBError) -> [UInt8] {
        guard !reply.isEmpty, !isErrorReply(reply), let decoded = Hex.decode(reply) else {
            throw .stubError(request: String(decoding: request, as: UTF8.self), reply: String(decoding: reply, as: UTF8.self))
        }
        guard !decoded.isEmpty else { throw .stubError(request: String(decoding: request, as: UTF8.self), reply: "(no bytes)") }
        return decoded
    }

    /// The bytes of a `g` or `p` reply; `Enn` (or, for `p`, an empty reply) is the stub's refusal.
    static func registerReply(_ reply: [UInt8], request: [UInt8]) throws(GDBError) -> [UInt8] {
        if isErrorReply(reply) || (reply.isEmpty && request.first == UInt8(ascii: "p")) {
            throw .stubError(request: String(decoding: request, as: UTF8.self), reply: String(decoding: reply, as: UTF8.self))
        }
        return try decodeRegisterHex(reply, request: String(decoding: request, as: UTF8.self))
    }

    static func isErrorReply(_ reply: [UInt8]) -> Bool { reply.count == 3 && reply.first == UInt8(ascii: "E") }

    /// `Z0`/`Z1` at `address` with kind `length` (1 on x86: the breakpoint instruction's size).
    public func insertBreakpoint(_ kind: BreakpointKind, at address: UInt64, length: Int = 1) throws(GDBError) {
        try expectOK(Self.breakpointPacket(insert: true, kind, address, length))
    }

    /// `z0`/`z1`.
    public func removeBreakpoint(_ kind: BreakpointKind, at address: UInt64, length: Int = 1) throws(GDBError) {
        try expectOK(Self.breakpointPacket(insert: false, kind, address, length))
    }

    /// Resumes every thread (`vCont;c`, or `c`); the stop reply comes later (`waitForStop`).
    public func resume(signal: UInt8? = nil) throws(GDBError) {
        _ = try exchange([], then: resumePacket(signal: signal))
    }

    /// Single-steps one thread while the others stay stopped (`vCont;s:THREAD`, or `Hc` and `s`);
    /// the stop reply comes later (`waitForStop`).
    public func step(thread: String) throws(GDBError) {
        let (requests, final) = stepPackets(thread: thread)
        for (request, reply) in zip(requests, try exchange(requests, then: final)) { try Self.okReply(reply, request: request) }
    }

    /// `vCont;c` or `c`, with `C` and the signal to deliver when one is given.
    func resumePacket(signal: UInt8?) -> [UInt8] {
        var packet: [UInt8]
        if let signal {
            packet = Array((supportsVCont ? "vCont;C" : "C").utf8)
            packet.append(Hex.digit(signal >> 4))
            packet.append(Hex.digit(signal & 0xF))
        } else {
            packet = Array((supportsVCont ? "vCont;c" : "c").utf8)
        }
        return packet
    }

    /// The packets that single-step `thread` alone: `vCont;s:THREAD`, or `Hc THREAD` (answered `OK`) and `s`.
    func stepPackets(thread: String) -> (requests: [[UInt8]], final: [UInt8]) {
        supportsVCont ? ([], Array("vCont;s:\(thread)".utf8)) : ([Array("Hc\(thread)".utf8)], [UInt8(ascii: "s")])
    }

    /// Sends `requests`, then `final` if given (a resume or step: its answer is a later stop reply),
    /// and returns the requests' replies in order. In no-ack mode every packet goes out in one write
    /// and the stub answers them in turn (one round trip instead of one per packet: the protocol
    /// processes packets strictly in order); with acknowledgements, one request at a time.
    /// `meanwhile` runs once everything is written, before the replies are read (work that can
    /// overlap the stub's).
    public func exchange(_ requests: [[UInt8]], then final: [UInt8]? = nil, meanwhile: () -> Void = {}) throws(GDBError) -> [[UInt8]] {
        var replies: [[UInt8]] = []
        replies.reserveCapacity(requests.count)
        if connection.noAckMode {
            try connection.send(batch: final.map { requests + [$0] } ?? requests)
            meanwhile()
            for request in requests {
                replies.append(try connection.receive(timeout: timeout, waitingFor: "the reply to '\(RSPConnection.describe(request))'")!)
            }
        } else {
            for request in requests { replies.append(try connection.request(request, timeout: timeout)) }
            if let final { try connection.send(final, timeout: timeout) }
            meanwhile()
        }
        if final != nil {
            selectedThread = nil
            awaitingStop = true
        }
        return replies
    }

    /// Whether a resume or step went out and its stop reply has not been read: the target may be
    /// running (clean-up must interrupt it before anything else).
    public private(set) var awaitingStop = false

    /// Waits for the next stop reply, skipping console output. Every `pollInterval` it asks
    /// `shouldInterrupt`; when that says yes, it sends the interrupt byte once and keeps waiting.
    /// `limit` bounds the whole wait (nil: none).
    public func waitForStop(pollInterval: Double = 0.1, limit: Double? = nil, shouldInterrupt: () -> Bool) throws(GDBError) -> (StopReply, interrupted: Bool) {
        var interrupted = false
        let start = MonotonicClock.seconds()
        var interruptSent: Double?
        while true {
            if let payload = try connection.receive(timeout: pollInterval, waitingFor: "a stop reply", allowTimeout: true) {
                if let stop = try StopReply.parse(payload) {
                    awaitingStop = false
                    return (stop, interrupted)
                }
                continue
            }
            let now = MonotonicClock.seconds()
            if !interrupted && shouldInterrupt() {
                try connection.sendInterrupt()
                interrupted = true
                interruptSent = now
            }
            if let interruptSent, now - interruptSent > timeout {
                throw .timeout("\(connection.target) did not stop within \(RSPConnection.formatSeconds(timeout)) of the interrupt byte")
            }
            if let limit, now - start > limit {
                throw .timeout("no stop reply from \(connection.target) within \(RSPConnection.formatSeconds(limit))")
            }
        }
    }

    /// `D`: detach; the target runs on (gdbserver lets the process go, QEMU resumes the VM).
    public func detach() throws(GDBError) {
        try expectOK("D")
    }

    /// QEMU's `Qqemu.PhyMemMode:1|0`: memory packets address guest-physical memory.
    public func setPhysicalMemoryMode(_ on: Bool) throws(GDBError) {
        try expectOK("Qqemu.PhyMemMode:" + (on ? "1" : "0"))
    }

    private func expectOK(_ request: String) throws(GDBError) {
        try expectOK(Array(request.utf8))
    }

    private func expectOK(_ request: [UInt8]) throws(GDBError) {
        try Self.okReply(try connection.request(request, timeout: timeout), request: request)
    }

    /// Checks that `reply` is `OK`.
    static func okReply(_ reply: [UInt8], request: [UInt8]) throws(GDBError) {
        guard reply.elementsEqual("OK".utf8) else {
            throw .stubError(request: String(decoding: request, as: UTF8.self), reply: String(decoding: reply, as: UTF8.self))
        }
    }

    static func breakpointPacket(insert: Bool, _ kind: BreakpointKind, _ address: UInt64, _ length: Int) -> [UInt8] {
        var packet: [UInt8] = [insert ? UInt8(ascii: "Z") : UInt8(ascii: "z"), kind.packetType, UInt8(ascii: ",")]
        Hex.append(address, to: &packet)
        packet.append(UInt8(ascii: ","))
        Hex.append(UInt64(length), to: &packet)
        return packet
    }

    /// Hex register bytes; `xx` (unavailable) reads as 0.
    static func decodeRegisterHex(_ reply: [UInt8], request: String) throws(GDBError) -> [UInt8] {
        guard reply.count % 2 == 0 else { throw .protocolError("'\(request)' reply has an odd number of hex digits") }
        var bytes = [UInt8](repeating: 0, count: reply.count / 2)
        var bad: Int?
        for index in bytes.indices {
            guard let byte = Hex.registerByte(reply[2 * index], reply[2 * index + 1]) else { bad = 2 * index; break }
            bytes[index] = byte
        }
        if let bad { throw .protocolError("'\(request)' reply has a non-hex character at offset \(bad)") }
        return bytes
    }
}
