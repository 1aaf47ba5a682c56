/// The target's state at one stop: the registers the stop reply expedited, then whatever the
/// profile's expressions need, fetched in as few round trips as possible (`prefetch`: every read an
/// expression can already name goes out in one pipelined batch), memory through a cache of 64-byte
/// aligned lines (a line never crosses a page, so a cached read cannot fault where the exact read
/// would not). A refused read is remembered and thrown again when an expression uses it.
///
/// The per-stop state is `@exclusivity(unchecked)`: the snapshot is used by one thread, and no
/// access to these properties overlaps another (no `inout` of one is held across a call that
/// touches it), so the run-time exclusivity check — hundreds of instructions per access (the
/// run-time keeps a list of the accesses in progress), dozens of accesses per stop — buys nothing here.
final class StopSnapshot {
    private let client: GDBRemoteClient
    private let description: TargetDescription
    /// Register sizes in bytes by register number (0: no such register).
    private let byteCounts: [Int]
    /// Where a register is: its number and its bytes in the `g` reply — no name, so hot paths copy
    /// it without reference counting.
    struct Slot: Equatable {
        let number: Int, offset: Int, byteCount: Int
    }
    /// The `g` reply (all registers, still in hex: only the registers used are decoded), or the stub's refusal of it.
    @exclusivity(unchecked) private var allRegisters: Result<[UInt8], GDBError>?
    /// Registers from the stop reply and from `p`, by register number: valid where `singleStops`
    /// holds the current `stop` (an array indexed by number: no hashing at every stop).
    @exclusivity(unchecked) private var singles: [Result<[UInt8], GDBError>?]
    @exclusivity(unchecked) private var singleStops: [UInt32]
    /// Register values (first 8 bytes, little-endian) by register number, each decoded once per
    /// stop: valid where `valueStops` holds the current `stop` (nothing to clear between stops).
    @exclusivity(unchecked) private var values: [UInt64]
    @exclusivity(unchecked) private var valueStops: [UInt32]
    @exclusivity(unchecked) private var stop: UInt32 = 1
    /// Registers by the name a profile uses, resolved once (`TargetDescription.register(named:)`
    /// folds case); a profile names a handful, so a scan beats hashing the name.
    private var resolvedNames: [String] = []
    private var resolvedSlots: [Slot] = []
    /// Memory lines read at this stop (a stop reads one or two: a scan beats hashing).
    @exclusivity(unchecked) private var lineStarts: [UInt64] = []
    @exclusivity(unchecked) private var lineContents: [Result<[UInt8], GDBError>] = []
    /// Whether the stub answers `p` (nil: not asked yet; an empty reply says it does not: `g` then serves).
    private var stubAnswersP: Bool?
    static let lineBytes: UInt64 = 64
    /// Up to this many missing registers are read with `p` each; more with one `g`.
    static let singleRegisterLimit = 2

    init(client: GDBRemoteClient, description: TargetDescription) {
        self.client = client
        self.description = description
        let slots = (description.registers.map(\.number).max() ?? 0) + 1
        var byteCounts = [Int](repeating: 0, count: slots)
        for register in description.registers.reversed() { byteCounts[register.number] = register.byteCount } // the first of a number wins
        self.byteCounts = byteCounts
        values = [UInt64](repeating: 0, count: slots)
        valueStops = [UInt32](repeating: 0, count: slots)
        singles = [Result<[UInt8], GDBError>?](repeating: nil, count: slots)
        singleStops = [UInt32](repeating: 0, count: slots)
    }

    /// Starts a new stop: forgets what the previous stop read and takes the registers the stop
    /// reply carried (GDB manual, "Stop Reply Packets": `n:r` pairs, `n` the register number).
    func reset(expedited: [Int: [UInt8]] = [:]) {
        allRegisters = nil
        stop &+= 1
        if stop == 0 { // wrapped: forget every stamp once
            valueStops = [UInt32](repeating: 0, count: valueStops.count)
            singleStops = [UInt32](repeating: 0, count: singleStops.count)
            stop = 1
        }
        lineStarts.removeAll(keepingCapacity: true)
        lineContents.removeAll(keepingCapacity: true)
        for (number, bytes) in expedited where number >= 0 && number < byteCounts.count && byteCounts[number] == bytes.count {
            setSingle(number, .success(bytes))
        }
    }

    private func single(_ number: Int) -> Result<[UInt8], GDBError>? {
        singleStops[number] == stop ? singles[number] : nil
    }

    private func setSingle(_ number: Int, _ result: Result<[UInt8], GDBError>) {
        singles[number] = result
        singleStops[number] = stop
    }

    private func line(_ start: UInt64) -> Result<[UInt8], GDBError>? {
        for index in lineStarts.indices where lineStarts[index] == start { return lineContents[index] }
        return nil
    }

    private func setLine(_ start: UInt64, _ result: Result<[UInt8], GDBError>) {
        if let index = lineStarts.firstIndex(of: start) {
            lineContents[index] = result
        } else {
            lineStarts.append(start)
            lineContents.append(result)
        }
    }

    // MARK: Compiled expressions

    /// A profile expression with its register names resolved to slots once (`compile`), so that
    /// evaluating it at a stop looks no name up.
    struct Compiled: CustomStringConvertible {
        let source: ProfileExpression
        fileprivate let node: Node
        var description: String { source.description }
    }

    fileprivate indirect enum Node {
        case constant(UInt64)
        case register(Slot)
        /// A name the target description lacks: evaluating it throws.
        case unknown(String)
        case load(Node, bytes: Int)
        case binary(ProfileExpression.BinaryOperator, Node, Node)
    }

    func compile(_ expression: ProfileExpression) -> Compiled {
        Compiled(source: expression, node: node(expression))
    }

    private func node(_ expression: ProfileExpression) -> Node {
        switch expression {
        case .constant(let value): .constant(value)
        case .register(let name): resolve(name).map(Node.register) ?? .unknown(name)
        case .load(let address, let bytes): .load(node(address), bytes: bytes)
        case .binary(let op, let left, let right): .binary(op, node(left), node(right))
        }
    }

    /// The expression's value at this stop, read from the stub if not known yet (as
    /// `ProfileExpression.evaluate` would read it).
    func evaluate(_ expression: Compiled) throws(GDBError) -> UInt64 {
        try evaluate(expression.node)
    }

    private func evaluate(_ node: Node) throws(GDBError) -> UInt64 {
        switch node {
        case .constant(let value): return value
        case .register(let slot):
            if valueStops[slot.number] == stop { return values[slot.number] }
            if knownValue(slot) == nil { try prefetch([], slots: [slot]) }
            return try knownValue(slot)!.get()
        case .unknown(let name): throw .profile("register '\(name)' is not in the target description")
        case .load(let address, let bytes): return try memory(at: try evaluate(address), bytes: bytes)
        case .binary(let op, let left, let right): return op.apply(try evaluate(left), try evaluate(right))
        }
    }

    /// The register's bytes in target order.
    func bytes(of name: String) throws(GDBError) -> [UInt8] {
        let register = try resolveOrThrow(name)
        if cached(register) == nil { try prefetch([], slots: [register]) }
        return try cached(register)!.get()
    }

    func memory(at address: UInt64, bytes count: Int) throws(GDBError) -> UInt64 {
        let first = address & ~(Self.lineBytes - 1)
        if Int(address - first) + count <= Int(Self.lineBytes), let known = line(first) {
            // The common case: the load lies in one line already read.
            let bytes = try known.get()
            let start = Int(address - first)
            guard start + count <= bytes.count else { throw .stubError(request: "m\(String(first, radix: 16)),40", reply: "(short reply)") }
            return Self.littleEndian(bytes[start..<(start + count)])
        }
        var value: UInt64 = 0
        for index in 0..<count {
            let byteAddress = address &+ UInt64(index)
            let line = byteAddress & ~(Self.lineBytes - 1)
            if self.line(line) == nil { try fetch(registers: [], lines: [line]) }
            let bytes = try self.line(line)!.get()
            guard Int(byteAddress - line) < bytes.count else { throw .stubError(request: "m\(String(line, radix: 16)),40", reply: "(short reply)") }
            value |= UInt64(bytes[Int(byteAddress - line)]) << (8 * UInt64(index))
        }
        return value
    }

    /// All registers (the `g` reply as sent), for comparing two stops.
    func registerFile() throws(GDBError) -> [UInt8] {
        if allRegisters == nil { try fetch(registers: [], lines: [], all: true) }
        return try allRegisters!.get()
    }

    // MARK: Prefetching

    /// Reads, in pipelined batches, everything `expressions` and the `registers` named will use, so
    /// that evaluating them afterwards sends nothing. Each round asks for what can be named with the
    /// values known so far (`mem32(rsp+8)` with `rsp` expedited goes out with the `g` for `rdi`).
    func prefetch(_ expressions: [Compiled], registers names: [String] = []) throws(GDBError) {
        try prefetch(expressions, slots: names.compactMap { resolve($0) })
    }

    private func prefetch(_ expressions: [Compiled], slots: [Slot]) throws(GDBError) {
        while true {
            var needs = Needs()
            for expression in expressions { _ = value(of: expression.node, needs: &needs) }
            for slot in slots where cached(slot) == nil { needs.add(slot) }
            if needs.registers.isEmpty && needs.lines.isEmpty { return }
            try fetch(registers: needs.registers, lines: needs.lines)
        }
    }

    private struct Needs {
        var registers: [Slot] = []
        var lines: [UInt64] = []
        /// A load whose address is not known yet: another round will be needed.
        var waiting = false
        mutating func add(_ slot: Slot) { if !registers.contains(slot) { registers.append(slot) } }
        mutating func add(line: UInt64) { if !lines.contains(line) { lines.append(line) } }
    }

    /// The expression's value from what is known, or nil, noting in `needs` what is missing (a load
    /// whose address is not known yet waits for the next round).
    private func value(of expression: Node, needs: inout Needs) -> UInt64? {
        switch expression {
        case .constant(let value): return value
        case .unknown: return nil
        case .register(let slot):
            if valueStops[slot.number] == stop { return values[slot.number] }
            guard let known = knownValue(slot) else { needs.add(slot); return nil }
            return try? known.get()
        case .load(let addressExpression, let count):
            guard let address = value(of: addressExpression, needs: &needs) else { needs.waiting = true; return nil }
            // A load of at most 8 bytes touches at most two lines: its first byte's and its last's.
            let first = address & ~(Self.lineBytes - 1), last = (address &+ UInt64(max(count, 1) - 1)) & ~(Self.lineBytes - 1)
            var complete = true
            if line(first) == nil { needs.add(line: first); complete = false }
            if last != first && line(last) == nil { needs.add(line: last); complete = false }
            return complete ? (try? memory(at: address, bytes: count)) : nil
        case .binary(let op, let left, let right):
            let leftValue = value(of: left, needs: &needs), rightValue = value(of: right, needs: &needs)
            guard let leftValue, let rightValue else { return nil }
            return op.apply(leftValue, rightValue)
        }
    }

    private func resolve(_ name: String) -> Slot? {
        for index in resolvedNames.indices where resolvedNames[index] == name { return resolvedSlots[index] }
        guard let register = description.register(named: name) else { return nil }
        let slot = Slot(number: register.number, offset: register.offset, byteCount: register.byteCount)
        resolvedNames.append(name)
        resolvedSlots.append(slot)
        return slot
    }

    private func resolveOrThrow(_ name: String) throws(GDBError) -> Slot {
        guard let register = resolve(name) else { throw .profile("register '\(name)' is not in the target description") }
        return register
    }

    /// The register's value (its first 8 bytes, little-endian) if read at this stop, decoded from
    /// the stop reply, `p` or `g` reply the first time it is asked for.
    private func knownValue(_ register: Slot) -> Result<UInt64, GDBError>? {
        let number = register.number
        if valueStops[number] == stop { return .success(values[number]) }
        let result: Result<UInt64, GDBError>
        if let single = single(register.number) {
            result = single.map { Self.littleEndian($0.prefix(8)) }
        } else {
            switch allRegisters {
            case .success(let hex) where 2 * (register.offset + register.byteCount) <= hex.count:
                result = Self.littleEndian(hex: hex, offset: register.offset, count: min(register.byteCount, 8), request: "g")
            case .failure(let error): return .failure(error)
            default: return nil
            }
        }
        if case .success(let value) = result {
            values[number] = value
            valueStops[number] = stop
        }
        return result
    }

    /// The little-endian value of `count` bytes given as hex digits from byte `offset` of `hex`
    /// (each pair read as `GDBRemoteClient.decodeRegisterHex` reads it).
    static func littleEndian(hex: [UInt8], offset: Int, count: Int, request: String) -> Result<UInt64, GDBError> {
        var value: UInt64 = 0
        for index in 0..<count {
            let digit = 2 * (offset + index)
            guard let byte = Hex.registerByte(hex[digit], hex[digit + 1]) else {
                return .failure(.protocolError("'\(request)' reply has a non-hex character at offset \(digit)"))
            }
            value |= UInt64(byte) << (8 * UInt64(index))
        }
        return .success(value)
    }

    private func cached(_ register: Slot) -> Result<[UInt8], GDBError>? {
        if let single = single(register.number) { return single }
        switch allRegisters {
        case .success(let hex) where 2 * (register.offset + register.byteCount) <= hex.count:
            let digits = Array(hex[(2 * register.offset)..<(2 * (register.offset + register.byteCount))])
            return Result { () throws(GDBError) in try GDBRemoteClient.decodeRegisterHex(digits, request: "g") }
        case .failure(let error): return .failure(error)
        default: return nil
        }
    }

    /// One pipelined batch: `g` (or `p` for a few registers, or those `g` does not carry) and one
    /// `m` per line; every reply stored, a refusal too.
    private func fetch(registers: [Slot], lines wanted: [UInt64], all: Bool = false) throws(GDBError) {
        guard !frozen else { throw .protocolError("a read was needed while the target runs (hvlog planned its reads wrongly)") }
        let batch = requests(registers: registers, lines: wanted, all: all)
        store(try client.exchange(batch.requests), batch)
    }

    /// While set, nothing may be sent (the target runs): every value must come from what was stored.
    var frozen = false

    /// The requests of a prefetch round, for `store`.
    struct Batch {
        var requests: [[UInt8]]
        var useG: Bool
        var singly: [Slot]
        var lineReads: [LineRead]
    }

    /// Adjacent wanted lines of one page read with one `m` (still unable to fault where the
    /// line-by-line reads would not), as long as the read fits in one packet.
    struct LineRead {
        var start: UInt64
        var count: Int
    }

    /// x86 base page size: 4 KiB (Intel SDM Vol. 3A, 4.3 "32-Bit Paging" and 4.5 "4-Level Paging": 4-KByte pages).
    static let pageBytes: UInt64 = 4096

    private func lineReads(_ wanted: [UInt64]) -> [LineRead] {
        if wanted.count < 2 { return wanted.map { LineRead(start: $0, count: 1) } }
        var reads: [LineRead] = []
        for line in wanted.sorted() {
            if let last = reads.last, last.start + UInt64(last.count) * Self.lineBytes == line, last.start / Self.pageBytes == line / Self.pageBytes,
               (last.count + 1) * Int(Self.lineBytes) <= client.memoryChunk {
                reads[reads.count - 1].count += 1
            } else {
                reads.append(LineRead(start: line, count: 1))
            }
        }
        return reads
    }

    private func requests(registers: [Slot], lines wanted: [UInt64], all: Bool) -> Batch {
        let useG = all || (allRegisters == nil && !registers.isEmpty && (registers.count > Self.singleRegisterLimit || stubAnswersP == false))
        let singly = useG ? [] : registers
        var requests: [[UInt8]] = useG ? [GDBRemoteClient.allRegistersPacket] : []
        requests += singly.map { GDBRemoteClient.registerPacket($0.number) }
        let reads = lineReads(wanted)
        requests += reads.map { client.memoryPackets(at: $0.start, count: $0.count * Int(Self.lineBytes))[0] }
        return Batch(requests: requests, useG: useG, singly: singly, lineReads: reads)
    }

    /// Files the replies to a batch's requests.
    func store(_ replies: [[UInt8]], _ batch: Batch) {
        var index = 0
        if batch.useG {
            let reply = replies[0]
            allRegisters = GDBRemoteClient.isErrorReply(reply) || reply.count % 2 != 0
                ? .failure(.stubError(request: "g", reply: String(decoding: reply, as: UTF8.self))) : .success(reply)
            index = 1
        }
        for register in batch.singly {
            let reply = replies[index], request = batch.requests[index]
            index += 1
            if reply.isEmpty && allRegisters == nil && stubAnswersP == nil {
                stubAnswersP = false // not stored: the next round reads it with `g`
                continue
            }
            if !reply.isEmpty { stubAnswersP = true }
            setSingle(register.number, Result { () throws(GDBError) in try GDBRemoteClient.registerReply(reply, request: request) })
        }
        for read in batch.lineReads {
            let reply = replies[index], request = batch.requests[index]
            index += 1
            let result = Result { () throws(GDBError) in try GDBRemoteClient.memoryReply(reply, request: request) }
            for part in 0..<read.count {
                let from = part * Int(Self.lineBytes)
                setLine(read.start + UInt64(from), read.count == 1 ? result
                    : result.map { Array($0[min(from, $0.count)..<min(from + Int(Self.lineBytes), $0.count)]) })
            }
        }
    }

    /// The one batch that reads everything `expressions` use, when one is enough (no load waits for
    /// a value still to be read) and is sure to be answered in full (`p` only once the stub has
    /// answered one); nil otherwise. The replies go to `store`, after which the expressions
    /// evaluate without sending anything.
    func singleBatch(for expressions: [Compiled]) -> Batch? {
        var needs = Needs()
        for expression in expressions { _ = value(of: expression.node, needs: &needs) }
        guard !needs.waiting else { return nil }
        if needs.registers.isEmpty && needs.lines.isEmpty { return Batch(requests: [], useG: false, singly: [], lineReads: []) }
        let batch = requests(registers: needs.registers, lines: needs.lines, all: false)
        guard batch.singly.isEmpty || stubAnswersP == true else { return requests(registers: [], lines: needs.lines, all: true) }
        return batch
    }

    static func littleEndian(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return value
    }
}
