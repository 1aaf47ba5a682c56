/// The target's state at one stop, read lazily: all registers with one `g` (registers the `g`
/// reply does not carry with `p`), memory through a cache of 64-byte aligned lines (a line never
/// crosses a page, so a cached read cannot fault where the exact read would not).
final class StopSnapshot: ProfileExpression.Context {
    private let client: GDBRemoteClient
    private let description: TargetDescription
    private var registerBytes: [UInt8]?
    private var extraRegisters: [Int: [UInt8]] = [:]
    private var lines: [UInt64: [UInt8]] = [:]
    static let lineBytes: UInt64 = 64

    init(client: GDBRemoteClient, description: TargetDescription) {
        self.client = client
        self.description = description
    }

    /// Starts a new stop: forgets what the previous stop read.
    func reset() {
        registerBytes = nil
        extraRegisters.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// The register's bytes in target order.
    func bytes(of name: String) throws(GDBError) -> [UInt8] {
        guard let register = description.register(named: name) else {
            throw .profile("register '\(name)' is not in the target description")
        }
        if registerBytes == nil { registerBytes = try client.readRegisters() }
        if let all = registerBytes, register.offset + register.byteCount <= all.count {
            return Array(all[register.offset..<(register.offset + register.byteCount)])
        }
        if let cached = extraRegisters[register.number] { return cached }
        let read = try client.readRegister(register.number)
        extraRegisters[register.number] = read
        return read
    }

    func register(_ name: String) throws(GDBError) -> UInt64 {
        Self.littleEndian(try bytes(of: name).prefix(8))
    }

    func memory(at address: UInt64, bytes count: Int) throws(GDBError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count {
            let byteAddress = address &+ UInt64(index)
            let line = byteAddress & ~(Self.lineBytes - 1)
            let cached: [UInt8]
            if let hit = lines[line] {
                cached = hit
            } else {
                cached = try client.readMemory(at: line, count: Int(Self.lineBytes))
                lines[line] = cached
            }
            value |= UInt64(cached[Int(byteAddress - line)]) << (8 * UInt64(index))
        }
        return value
    }

    /// `count` bytes at `address`, read exactly (blocks are read with one `m` each).
    func block(at address: UInt64, count: Int) throws(GDBError) -> [UInt8] {
        count == 0 ? [] : try client.readMemory(at: address, count: count)
    }

    static func littleEndian(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in bytes.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return value
    }
}
