import Testing
@testable import HypercallLog

@Suite("ShortBytes: exact identity of short byte strings")
struct ShortBytesTests {
    /// For every length up to 16 and every byte position, a string differing in that one byte
    /// must not match, and an equal copy must: the two loads together cover every byte.
    @Test func everyByteCounts() {
        for length in 0...ShortBytes.capacity {
            let base = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0 * 7) }
            base.withUnsafeBytes { baseBytes in
                guard let short = ShortBytes(baseBytes) else { Issue.record("length \(length) refused"); return }
                let copy = base
                #expect(copy.withUnsafeBytes { short.matches($0) }, "length \(length): an equal copy must match")
                for position in 0..<length {
                    var changed = base
                    changed[position] ^= 0x01
                    #expect(!changed.withUnsafeBytes { short.matches($0) }, "length \(length): byte \(position) changed but matched")
                }
                // Same bytes, one shorter or longer: never a match.
                if length > 0 { #expect(!Array(base.dropLast()).withUnsafeBytes { short.matches($0) }) }
                #expect(!(base + [0]).withUnsafeBytes { short.matches($0) })
            }
        }
    }

    @Test func longerStringsAreNotHeld() {
        let long = [UInt8](repeating: 0x61, count: ShortBytes.capacity + 1)
        #expect(long.withUnsafeBytes { ShortBytes($0) } == nil)
    }
}
