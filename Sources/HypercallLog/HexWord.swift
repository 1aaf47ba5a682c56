/// Eight ASCII hex digits at a time (SWAR: "SIMD within a register"): the JSON Lines reader's
/// hex numbers and blocks are decoded a word at a time, not digit by digit.
enum HexWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The four bytes that the eight hex digits in `word` spell (first digit in the lowest byte,
    /// as loaded from memory on a little-endian machine), in memory order in the result's low-to-high
    /// bytes; nil when any of the eight is not `0-9`, `a-f` or `A-F`.
    @inline(__always)
    static func bytes(_ word: UInt64) -> UInt32? {
        guard word & highs == 0 else { return nil }
        // Per byte x < 0x80: x + (0x80 - bound) sets the byte's high bit exactly when x >= bound,
        // without a carry into the next byte.
        let lower = word | 0x2020_2020_2020_2020
        let isDigit = (word &+ (0x80 - 0x30) &* ones) & ~(word &+ (0x80 - 0x3A) &* ones) & highs
        let isLetter = (lower &+ (0x80 - 0x61) &* ones) & ~(lower &+ (0x80 - 0x67) &* ones) & highs
        guard isDigit | isLetter == highs else { return nil }
        // '0'…'9' → low nibble; 'a'…'f' and 'A'…'F' → low nibble (1…6) + 9.
        let nibbles = (word & 0x0F0F_0F0F_0F0F_0F0F) &+ (isLetter >> 7) &* 9
        // Bytes 0, 2, 4, 6 ← nibble pairs; then packed into the low four bytes.
        let pairs = (nibbles << 4 | nibbles >> 8) & 0x00FF_00FF_00FF_00FF
        let packed = (pairs | pairs >> 8) & 0x0000_FFFF_0000_FFFF
        return UInt32(truncatingIfNeeded: packed | packed >> 16)
    }

    /// The value of exactly sixteen hex digits at `pointer` (most significant first), or nil.
    @inline(__always)
    static func value16(_ pointer: UnsafeRawPointer) -> UInt64? {
        guard let high = bytes(pointer.loadUnaligned(as: UInt64.self)),
              let low = bytes(pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) else { return nil }
        // The bytes are in memory order, i.e. big-endian digits: swap to the numeric value.
        return UInt64(UInt32(littleEndian: high).byteSwapped) << 32 | UInt64(UInt32(littleEndian: low).byteSwapped)
    }
}
