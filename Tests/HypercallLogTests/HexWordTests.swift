import Testing
@testable import HypercallLog

@Suite("HexWord: eight hex digits at a time")
struct HexWordTests {
    /// The digit-by-digit answer: the bytes the eight characters spell, or nil.
    static func reference(_ characters: [UInt8]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for pair in stride(from: 0, to: 8, by: 2) {
            guard let high = hexDigit(characters[pair]), let low = hexDigit(characters[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    static func word(_ characters: [UInt8]) -> [UInt8]? {
        let word = characters.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        return HexWord.bytes(word).map { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    /// Every byte value 0–255 at every one of the eight positions, among valid digits.
    @Test func everyByteAtEveryPosition() {
        let valid = Array("0aF93cDe".utf8)
        for position in 0..<8 {
            for byte in 0...255 {
                var characters = valid
                characters[position] = UInt8(byte)
                #expect(Self.word(characters) == Self.reference(characters), "byte 0x\(String(byte, radix: 16)) at \(position)")
            }
        }
    }

    @Test func randomWordsAndSixteenDigitValues() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF0
        let digits = Array("0123456789abcdefABCDEF".utf8)
        for _ in 0..<20_000 {
            var characters: [UInt8] = []
            for _ in 0..<16 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                characters.append(digits[Int(state >> 33) % digits.count])
            }
            #expect(Self.word(Array(characters[0..<8])) == Self.reference(Array(characters[0..<8])))
            let expected = UInt64(String(decoding: characters, as: UTF8.self), radix: 16)
            #expect(characters.withUnsafeBytes { HexWord.value16($0.baseAddress!) } == expected)
        }
    }
}
