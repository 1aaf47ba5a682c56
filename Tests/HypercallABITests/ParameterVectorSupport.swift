@testable import HypercallABI

/// Little-endian byte building for hand-made parameter blocks.
struct Block {
    var bytes: [UInt8] = []
    func u8(_ value: UInt64) -> Block { appending(value, 1) }
    func u16(_ value: UInt64) -> Block { appending(value, 2) }
    func u32(_ value: UInt64) -> Block { appending(value, 4) }
    func u64(_ value: UInt64) -> Block { appending(value, 8) }
    func zeros(_ count: Int) -> Block { var copy = self; copy.bytes += [UInt8](repeating: 0, count: count); return copy }
    func raw(_ more: [UInt8]) -> Block { var copy = self; copy.bytes += more; return copy }
    private func appending(_ value: UInt64, _ size: Int) -> Block {
        var copy = self
        for index in 0..<size { copy.bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
        return copy
    }
}

/// One hand-built call: the blocks, and what the decoder must read from them.
struct Vector: CustomStringConvertible {
    let code: UInt16
    var repCount = 0
    var repStart = 0
    var variableHeader = 0
    var fast = false
    var input = Block()
    var output = Block()
    var repsCompleted: Int?
    var convention: CallingConvention?
    /// Input field path → expected text.
    var expect: [String: String] = [:]
    /// Output field path → expected text.
    var expectOutput: [String: String] = [:]
    var summary: String

    var description: String { HypercallCode(code).description }

    func decode() throws -> DecodedCall {
        let value = try HypercallInputValue(callCode: HypercallCode(code), isFast: fast, variableHeaderSize: UInt64(variableHeader),
                                            repCount: UInt64(repCount), repStartIndex: UInt64(repStart))
        let result = try repsCompleted.map { try HypercallResultValue(status: .success, repsCompleted: UInt64($0)) }
        return ParameterDecoder.decode(inputValue: value, input: input.bytes, output: output.bytes, result: result, convention: convention)
    }
}
