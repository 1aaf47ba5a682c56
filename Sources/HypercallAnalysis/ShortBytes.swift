/// A byte string of at most 16 bytes held in two words, so that the hot path compares an
/// attribute key, a value or a phase name with the one seen last without calling `memcmp`.
///
/// Two overlapping loads cover every byte (the first and the last 8, 4 or 1–3 bytes), so two
/// strings of equal length are equal exactly when their words are: the words are not a hash.
struct ShortBytes: Equatable {
    static let capacity = 16
    private var count: Int
    private var head: UInt64
    private var tail: UInt64

    /// nil when `bytes` are longer than `capacity`.
    @inline(__always)
    init?(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        switch count {
        case 0:
            (head, tail) = (0, 0)
        case 1...3:
            head = UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count - 1]) << 16
            tail = 0
        case 4...7:
            head = UInt64(bytes.loadUnaligned(as: UInt32.self))
            tail = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
        case 8...Self.capacity:
            head = bytes.loadUnaligned(as: UInt64.self)
            tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        default:
            return nil
        }
        self.count = count
    }

    /// Whether `bytes` are this string (false for longer ones).
    @inline(__always)
    func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == count, let other = ShortBytes(bytes) else { return false }
        return other.head == head && other.tail == tail
    }
}
