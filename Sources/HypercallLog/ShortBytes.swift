/// A byte string of at most 16 bytes held in two words, so that hot paths compare a source,
/// phase, attribute key or value with the one seen last without calling `memcmp` (the log
/// readers and the analyzer use it).
///
/// Two overlapping loads cover every byte (the first and the last 8, 4 or 1–3 bytes), so two
/// strings of equal length are equal exactly when their words are: the words are not a hash.
public struct ShortBytes: Equatable {
    public static var capacity: Int { 16 }
    @usableFromInline var count: Int
    @usableFromInline var head: UInt64
    @usableFromInline var tail: UInt64

    /// nil when `bytes` are longer than `capacity`.
    @inlinable @inline(__always)
    public init?(_ bytes: UnsafeRawBufferPointer) {
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
        case 8...16:
            head = bytes.loadUnaligned(as: UInt64.self)
            tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        default:
            return nil
        }
        self.count = count
    }

    /// Whether `bytes` are this string (false for longer ones).
    @inlinable @inline(__always)
    public func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == count, let other = ShortBytes(bytes) else { return false }
        return other.head == head && other.tail == tail
    }
}
