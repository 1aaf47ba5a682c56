#if canImport(Glibc)
import Glibc
#endif

/// Remembers the last few strings a reader decoded, so that the values that repeat on nearly
/// every record (source, phase, attribute keys) are compared, not validated and built again.
final class StringCache {
    private var keys: [[UInt8]]
    private var values: [String]
    private var next = 0

    init(slots: Int = 8) {
        keys = Array(repeating: [], count: slots)
        values = Array(repeating: "", count: slots)
    }

    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.isEmpty { return "" }
        for slot in keys.indices where keys[slot].count == bytes.count {
            if keys[slot].withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }) == 0 { return values[slot] }
        }
        let value = String(decoding: bytes, as: UTF8.self)
        // Long strings are rarely repeated and cost a copy to remember.
        if bytes.count <= 64 {
            keys[next] = Array(bytes)
            values[next] = value
            next = (next + 1) % keys.count
        }
        return value
    }
}
