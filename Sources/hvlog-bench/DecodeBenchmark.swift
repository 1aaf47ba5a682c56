import Foundation
import DeterministicRandom
import HypercallABI

/// Decodes deterministic pseudo-random parameter blocks of the calls debugger captures are full of
/// (memory convention): FlushVirtualAddressSpaceEx 0x0013 and FlushVirtualAddressListEx 0x0014 with
/// sparse VP sets of 1–3 banks, FlushVirtualAddressList 0x0003, SendSyntheticClusterIpi 0x000B,
/// PostMessage 0x005C and GetVpRegisters 0x0050 (with its output). Prints decodes/s and ns per
/// decode for the full decode, the decode plus its leaves (what the report uses), and `ParameterDecoder.leaves`.
enum DecodeBenchmark {
    struct Call {
        let inputValue: HypercallInputValue
        let input: [UInt8]
        let output: [UInt8]
        let result: HypercallResultValue
    }

    /// Distinct calls generated; the benchmark cycles through them (the decoder keeps no cache).
    static let distinct = 65_536

    static func run(count: Int, runs: Int) {
        var random = SplitMix64(seed: 0x6465_636F_6465)
        let calls = (0..<min(count, distinct)).map { call($0, &random) }
        let sizes = calls.map(\.input.count)
        print("parameter decode benchmark: \(count) decodes of \(calls.count) distinct calls (0x0013, 0x0014, 0x0003, 0x000B, 0x005C, 0x0050),"
              + " input \(sizes.min() ?? 0)–\(sizes.max() ?? 0) bytes, one core, median of \(runs) runs")
        var sink = 0
        func median(_ label: String, _ body: (Call) -> Int) -> Double {
            var seconds: [Double] = []
            for _ in 0..<runs {
                seconds.append(measure {
                    for index in 0..<count { sink &+= body(calls[index % calls.count]) }
                })
            }
            seconds.sort()
            let middle = seconds[seconds.count / 2]
            let padded = label + String(repeating: " ", count: max(0, 54 - label.count))
            print(padded + String(format: "%10.0f decodes/s  %8.0f ns/decode", Double(count) / middle, middle * 1e9 / Double(count)))
            return middle
        }
        _ = median("ParameterDecoder.decode", decodeOnly)
        let full = median("ParameterDecoder.decode + .leaves (the report's use)", decodeAndLeaves)
        let light = median("ParameterDecoder.leaves (trees; no summary, findings)", leavesOnly)
        print(String(format: "ParameterDecoder.leaves is %.1fx faster than decode + leaves", full / light))
        if sink == 42 { print("") }
    }

    // One function per measured operation, not inlined, so that callgrind can count its instructions:
    // valgrind --tool=callgrind --toggle-collect='*DecodeBenchmark*decodeAndLeaves*' hvlog-bench decode 20000
    @inline(never) static func decodeOnly(_ call: Call) -> Int { decode(call).findings.count }
    @inline(never) static func decodeAndLeaves(_ call: Call) -> Int { decode(call).leaves.count }
    @inline(never) static func leavesOnly(_ call: Call) -> Int {
        ParameterDecoder.leaves(inputValue: call.inputValue, input: call.input, output: call.output, result: call.result).count
    }
    static func decode(_ call: Call) -> DecodedCall {
        ParameterDecoder.decode(inputValue: call.inputValue, input: call.input, output: call.output, result: call.result, convention: .memory)
    }

    /// One call; the kind cycles through the six codes.
    static func call(_ index: Int, _ random: inout SplitMix64) -> Call {
        var input = Bytes()
        var output = Bytes()
        var repCount = 0, variableHeader = 0
        let code: UInt16
        switch index % 6 {
        case 0, 1:
            code = index % 6 == 0 ? 0x0013 : 0x0014
            let banks = 1 + Int(random.next() % 3)
            var bankMask: UInt64 = 0
            while bankMask.nonzeroBitCount < banks { bankMask |= 1 << (random.next() % 4) }
            input.u64(random.next() & 0x000F_FFFF_F000, random.next() & 0x7, 0, bankMask)
            for _ in 0..<banks { input.u64(random.next() & random.next()) }
            variableHeader = banks
            if code == 0x0014 {
                repCount = 1 + Int(random.next() % 2)
                for _ in 0..<repCount { input.u64(random.next() & 0x0000_7FFF_FFFF_F003) }
            }
        case 2:
            code = 0x0003
            repCount = 1 + Int(random.next() % 3)
            input.u64(random.next() & 0x000F_FFFF_F000, random.next() & 0x6, random.next())
            for _ in 0..<repCount { input.u64(random.next() & 0x0000_7FFF_FFFF_F003) }
        case 3:
            code = 0x000B
            input.u32(0x20 + random.next() % 0xD0, 0)
            input.u64(random.next() & 0xFFFF)
        case 4:
            code = 0x005C
            let payload = 8 * (1 + Int(random.next() % 4))
            input.u32(random.next() & 0xFF, 0, 1 + random.next() % 4, UInt64(payload))
            for _ in 0..<30 { input.u64(random.next()) }
        default:
            code = 0x0050
            repCount = 1 + Int(random.next() % 4)
            input.u64(UInt64.max)
            input.u32(random.next() % 4, 0)
            let registers: [UInt32] = [0x0002_0010, 0x0002_0004, 0x0004_0002, 0x0006_0001, 0x0007_0001, 0x0003_0000, 0x0009_0003]
            for _ in 0..<repCount {
                input.u32(UInt64(registers[Int(random.next() % UInt64(registers.count))]))
                output.u64(random.next(), random.next() & 0xFFFF)
            }
        }
        let inputValue = try! HypercallInputValue(callCode: HypercallCode(code), variableHeaderSize: UInt64(variableHeader), repCount: UInt64(repCount))
        let result = try! HypercallResultValue(status: .success, repsCompleted: UInt64(repCount))
        return Call(inputValue: inputValue, input: input.bytes, output: output.bytes, result: result)
    }

    /// Little-endian block building.
    struct Bytes {
        var bytes: [UInt8] = []
        mutating func u32(_ values: UInt64...) { values.forEach { append($0, 4) } }
        mutating func u64(_ values: UInt64...) { values.forEach { append($0, 8) } }
        private mutating func append(_ value: UInt64, _ size: Int) {
            for shift in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * shift))) }
        }
    }

}
