import Testing
@testable import GDBCapture

@Suite("GDB remote protocol framing")
struct CodecTests {
    @Test("frames with the modulo-256 checksum (GDB manual examples: $g#67, $?#3f, $OK#9a)")
    func framing() {
        #expect(RSPCodec.frame(Array("g".utf8)) == Array("$g#67".utf8))
        #expect(RSPCodec.frame(Array("?".utf8)) == Array("$?#3f".utf8))
        #expect(RSPCodec.frame(Array("OK".utf8)) == Array("$OK#9a".utf8))
    }

    @Test("escapes $, #, } and * as } followed by the byte XOR 0x20, and decodes them back")
    func escapes() throws {
        let payload: [UInt8] = [0x41, 0x24, 0x23, 0x7D, 0x2A, 0x42]
        let framed = RSPCodec.frame(payload)
        #expect(Array(framed[1..<11]) == [0x41, 0x7D, 0x04, 0x7D, 0x03, 0x7D, 0x5D, 0x7D, 0x0A, 0x42])
        var decoder = RSPDecoder()
        decoder.append(framed)
        #expect(try decoder.next() == .packet(payload))
        #expect(try decoder.next() == nil)
    }

    @Test("expands run-length encoding: '0* ' is four zeros, '0*\"' six (count = character - 29)")
    func runLength() throws {
        var decoder = RSPDecoder()
        for (raw, expanded) in [("0* ", "0000"), ("0*!", "00000"), ("0*\"", "000000"), ("10*%f", "1000000000f")] {
            let body = Array(raw.utf8)
            let sum = RSPCodec.checksum(body)
            decoder.append([RSPCodec.packetStart] + body + [RSPCodec.packetEnd, Hex.digit(sum >> 4), Hex.digit(sum & 0xF)])
            #expect(try decoder.next() == .packet(Array(expanded.utf8)))
        }
    }

    @Test("a '}' after '*' is a run-length count (gdbserver's g replies: '0*}' is 97 zeros), a '#' after '}' is escaped data, a bad run-length is an error")
    func runLengthCountsAndEscapes() throws {
        func framed(_ body: [UInt8]) -> [UInt8] {
            let sum = RSPCodec.checksum(body)
            return [RSPCodec.packetStart] + body + [RSPCodec.packetEnd, Hex.digit(sum >> 4), Hex.digit(sum & 0xF)]
        }
        var decoder = RSPDecoder()
        decoder.append(framed(Array("30e5f*}7f0*}0*+".utf8)))
        #expect(try decoder.next() == .packet(Array(("30e5" + String(repeating: "f", count: 97) + "7f" + String(repeating: "0", count: 97) + String(repeating: "0", count: 15)).utf8)))
        // `}` then `#` (0x03 escaped): the first `#` is data, the packet ends at the second.
        decoder.append(framed([0x61, 0x2A, 0x7D, 0x7D, 0x23, 0x62]))
        #expect(try decoder.next() == .packet([0x61] + [UInt8](repeating: 0x61, count: 96) + [0x03, 0x62]))
        decoder.append(framed(Array("*!".utf8)))
        #expect(throws: GDBError.self) { try decoder.next() }
        decoder.append(framed([0x30, 0x2A, 0x1C]))
        #expect(throws: GDBError.self) { try decoder.next() }
        decoder.append(framed(Array("OK".utf8)))
        #expect(try decoder.next() == .packet(Array("OK".utf8)))
    }

    @Test("splits acknowledgements and packets arriving in pieces; reports a bad checksum")
    func incremental() throws {
        var decoder = RSPDecoder()
        decoder.append(Array("+$T05thread:p1f.1f;#".utf8))
        #expect(try decoder.next() == .ack)
        #expect(try decoder.next() == nil)
        let body = Array("T05thread:p1f.1f;".utf8)
        let sum = RSPCodec.checksum(body)
        decoder.append([Hex.digit(sum >> 4), Hex.digit(sum & 0xF)])
        #expect(try decoder.next() == .packet(body))
        decoder.append(Array("$OK#00".utf8))
        #expect(try decoder.next() == .corrupt(expected: 0x9A, received: 0))
    }

    @Test("parses S, T (thread and expedited registers), W and X stop replies")
    func stopReplies() throws {
        #expect(try StopReply.parse(Array("S05".utf8)) == .stopped(signal: 5, thread: nil, registers: [:]))
        #expect(try StopReply.parse(Array("T0506:0000000000000000;07:10e0ffffff7f0000;10:6412400000000000;thread:p2a3.2a5;core:1;".utf8))
            == .stopped(signal: 5, thread: "p2a3.2a5", registers: [6: [0, 0, 0, 0, 0, 0, 0, 0], 7: [0x10, 0xe0, 0xff, 0xff, 0xff, 0x7f, 0, 0], 16: [0x64, 0x12, 0x40, 0, 0, 0, 0, 0]]))
        #expect(try StopReply.parse(Array("W00".utf8)) == .exited(status: 0))
        #expect(try StopReply.parse(Array("X09".utf8)) == .terminated(signal: 9))
        #expect(try StopReply.parse(Array("O48656c6c6f".utf8)) == nil)
        #expect(throws: GDBError.self) { try StopReply.parse(Array("T".utf8)) }
    }

    @Test("breakpoint packets: Z0/z0 and Z1/z1 with address and kind in hex")
    func breakpointPackets() {
        #expect(GDBRemoteClient.breakpointPacket(insert: true, .software, 0x401264, 1) == Array("Z0,401264,1".utf8))
        #expect(GDBRemoteClient.breakpointPacket(insert: false, .hardware, 0xfffff80000001000, 1) == Array("z1,fffff80000001000,1".utf8))
    }
}

@Suite("Profile expressions")
struct ExpressionTests {
    struct FakeStop: ProfileExpression.Context {
        var registers: [String: UInt64]
        var memory: [UInt64: UInt8]
        func register(_ name: String) throws(GDBError) -> UInt64 {
            guard let value = registers[name] else { throw .profile("no register \(name)") }
            return value
        }
        func memory(at address: UInt64, bytes: Int) throws(GDBError) -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<bytes {
                guard let byte = memory[address + UInt64(index)] else { throw .stubError(request: "m\(String(address, radix: 16)),\(bytes)", reply: "E14") }
                value |= UInt64(byte) << (8 * UInt64(index))
            }
            return value
        }
    }

    let stop: FakeStop = {
        var memory: [UInt64: UInt8] = [:]
        for offset in 0..<32 { memory[UInt64(0x1018 + offset)] = UInt8(offset) }
        for offset in 0..<16 { memory[UInt64(0x2000 + offset)] = UInt8(0xF0 + offset) }
        let registers: [String: UInt64] = ["rcx": 0x11, "rdi": 0x1000, "rsp": 0x2000, "rax": 0xAABBCCDD_00000005, "rdx": 0x7]
        return FakeStop(registers: registers, memory: memory)
    }()

    @Test("registers, loads, arithmetic and C precedence")
    func evaluation() throws {
        #expect(try ProfileExpression(parsing: "rcx").evaluate(in: stop) == 0x11)
        #expect(try ProfileExpression(parsing: "mem64(rdi+0x18)").evaluate(in: stop) == 0x0706050403020100)
        #expect(try ProfileExpression(parsing: "mem32(rsp+8)").evaluate(in: stop) == 0xFBFAF9F8)
        #expect(try ProfileExpression(parsing: "mem8( RDI + 0x18 + 2 )").evaluate(in: stop) == 2)
        #expect(try ProfileExpression(parsing: "rax & 0xffffffff | rdx << 32").evaluate(in: stop) == 0x7_00000005)
        #expect(try ProfileExpression(parsing: "rcx + 2 * 3").evaluate(in: stop) == 0x17)
        #expect(try ProfileExpression(parsing: "(rcx + 2) * 3").evaluate(in: stop) == 0x39)
        #expect(try ProfileExpression(parsing: "rcx - 0x12").evaluate(in: stop) == UInt64.max)
        #expect(try ProfileExpression(parsing: "mem64(rsp+8) - rdi").registers == ["rsp", "rdi"])
    }

    @Test("errors name the column; an unreadable address surfaces the stub's reply")
    func errors() {
        #expect(throws: GDBError.profile("expression 'mem64(rdi', column 10: expected ')'")) { try ProfileExpression(parsing: "mem64(rdi") }
        #expect(throws: GDBError.profile("expression 'rcx +', column 6: expression ends where a value was expected")) { try ProfileExpression(parsing: "rcx +") }
        #expect(throws: GDBError.profile("expression '0xZZ', column 1: '0xZZ' is not a number (decimal, or hex with 0x)")) { try ProfileExpression(parsing: "0xZZ") }
        #expect(throws: GDBError.stubError(request: "m5000,8", reply: "E14")) { try ProfileExpression(parsing: "mem64(0x5000)").evaluate(in: stop) }
    }
}
