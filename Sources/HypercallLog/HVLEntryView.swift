import HypercallABI

/// A borrowed, zero-copy view of one `.hvl` entry: fields are read from the frame's bytes on
/// demand, nothing is allocated. Valid only until the reader's next call; `materialize()` makes
/// an owned `LogEntry`. Analysis hot paths use views; everything else uses `next()`.
public struct HVLEntryView {
    /// The frame payload (checked against its CRC before the view was made).
    public let payload: UnsafeRawBufferPointer
    public let isCall: Bool
    public let sequence: UInt64
    /// For calls: which optional fields are present (the `.hvl` presence bits).
    @usableFromInline let present: UInt16
    /// Offset of the first optional fixed-width field, and of the source string.
    @usableFromInline let optionalsOffset: Int
    @usableFromInline let stringsOffset: Int
    /// Offsets of the variable parts, found once when the view is made.
    @usableFromInline let phaseOffset: Int
    @usableFromInline let inputOffset: Int
    @usableFromInline let outputOffset: Int
    @usableFromInline let attributesOffset: Int

    init(_ payload: UnsafeRawBufferPointer) throws(HVLEntryCodec.Malformed) {
        self.payload = payload
        func fail(_ message: String) -> HVLEntryCodec.Malformed { HVLEntryCodec.Malformed(description: message) }
        guard payload.count >= 12 else { throw fail("payload of \(payload.count) bytes is too short") }
        let type = payload[0]
        isCall = type == HVLEntryCodec.callType
        guard isCall || type == HVLEntryCodec.markerType else { throw fail("unknown entry type \(type)") }
        present = UInt16(littleEndian: payload.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        sequence = UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 4, as: UInt64.self))
        if isCall {
            guard present & ~HVLEntryCodec.Present.all == 0 else { throw fail("unknown presence bits") }
            optionalsOffset = 20
            var width = 8 * (present & ~(HVLEntryCodec.Present.vpIndex | HVLEntryCodec.Present.vtl)).nonzeroBitCount
            if present & HVLEntryCodec.Present.vpIndex != 0 { width += 4 }
            if present & HVLEntryCodec.Present.vtl != 0 { width += 1 }
            stringsOffset = 20 + width
        } else {
            guard present & ~1 == 0 else { throw fail("unknown marker presence bits") }
            optionalsOffset = 12
            stringsOffset = 12 + (present & 1 == 1 ? 8 : 0)
        }
        // Walk the length-prefixed parts once: source, phase (or text), input, output, attributes.
        var offset = stringsOffset
        _ = try Self.skipPart(payload, &offset)
        phaseOffset = try Self.skipPart(payload, &offset)
        if isCall {
            inputOffset = try Self.skipPart(payload, &offset)
            outputOffset = try Self.skipPart(payload, &offset)
        } else {
            inputOffset = offset
            outputOffset = offset
        }
        attributesOffset = offset
        guard payload.count - offset >= 4 else { throw fail("payload ends before the attribute count") }
        // Check the attributes' parts once, so that forEachAttribute can read them unchecked.
        let attributeParts = 2 * Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        offset += 4
        guard attributeParts <= (payload.count - offset) / 4 else { throw fail("attribute count exceeds the payload") }
        for _ in 0..<attributeParts { _ = try Self.skipPart(payload, &offset) }
        guard offset == payload.count else { throw fail("\(payload.count - offset) bytes left after the entry") }
    }

    /// Checks the length-prefixed part at `offset` against the payload, returns its offset and
    /// moves `offset` past it. (A static function with an `inout` offset, not a closure over a
    /// local: a captured variable would cost a dynamic exclusivity check on every access.)
    @inline(__always)
    private static func skipPart(_ payload: UnsafeRawBufferPointer, _ offset: inout Int) throws(HVLEntryCodec.Malformed) -> Int {
        guard payload.count - offset >= 4 else { throw HVLEntryCodec.Malformed(description: "payload ends inside a length") }
        let length = Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        guard payload.count - offset - 4 >= length else {
            throw HVLEntryCodec.Malformed(description: "a part of \(length) bytes exceeds the payload")
        }
        let start = offset
        offset += 4 + length
        return start
    }

    @inlinable @inline(__always)
    func part(at offset: Int) -> UnsafeRawBufferPointer {
        let length = Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        return UnsafeRawBufferPointer(rebasing: payload[(offset + 4)..<(offset + 4 + length)])
    }

    /// The optional 8-byte field for `bit`, or nil when absent (calls only).
    @inlinable @inline(__always)
    func optional(_ bit: UInt16) -> UInt64? {
        guard isCall, present & bit != 0 else { return nil }
        // Fields before this one, in bit order; vp index (4 bytes) and vtl (1 byte) are narrower.
        let before = present & (bit &- 1)
        var offset = optionalsOffset + 8 * (before & ~(HVLEntryCodec.Present.vpIndex | HVLEntryCodec.Present.vtl)).nonzeroBitCount
        if before & HVLEntryCodec.Present.vpIndex != 0 { offset += 4 }
        if before & HVLEntryCodec.Present.vtl != 0 { offset += 1 }
        switch bit {
        case HVLEntryCodec.Present.vpIndex: return UInt64(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        case HVLEntryCodec.Present.vtl: return UInt64(payload[offset])
        default: return UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
    }

    @inlinable public var inputValue: HypercallInputValue {
        HypercallInputValue(rawValue: isCall ? UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 12, as: UInt64.self)) : 0)
    }
    @inlinable public var callCode: HypercallCode { inputValue.callCode }
    @inlinable public var partitionRole: PartitionRole { isCall ? PartitionRole(rawValue: payload[1] & 0x0F) ?? .unknown : .unknown }
    @inlinable public var convention: RecordedConvention { isCall ? RecordedConvention(rawValue: payload[1] >> 4) ?? .unknown : .unknown }
    @inlinable public var entryTime: UInt64? { optional(HVLEntryCodec.Present.entryTime) }
    @inlinable public var exitTime: UInt64? { optional(HVLEntryCodec.Present.exitTime) }
    @inlinable public var partitionID: UInt64? { optional(HVLEntryCodec.Present.partitionID) }
    @inlinable public var vpIndex: UInt32? { optional(HVLEntryCodec.Present.vpIndex).map { UInt32(truncatingIfNeeded: $0) } }
    @inlinable public var vtl: UInt8? { optional(HVLEntryCodec.Present.vtl).map { UInt8(truncatingIfNeeded: $0) } }
    @inlinable public var callerIP: UInt64? { optional(HVLEntryCodec.Present.callerIP) }
    @inlinable public var resultValue: HypercallResultValue? { optional(HVLEntryCodec.Present.resultValue).map(HypercallResultValue.init(rawValue:)) }
    @inlinable public var inputGPA: UInt64? { optional(HVLEntryCodec.Present.inputGPA) }
    @inlinable public var outputGPA: UInt64? { optional(HVLEntryCodec.Present.outputGPA) }
    @inlinable public var repGroup: UInt64? { optional(HVLEntryCodec.Present.repGroup) }
    /// Marker time (markers only).
    @inlinable public var markerTime: UInt64? {
        guard !isCall, present & 1 != 0 else { return nil }
        return UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 12, as: UInt64.self))
    }
    /// Marker kind (markers only).
    public var markerKind: LogMarker.Kind? { isCall ? nil : LogMarker.Kind(rawValue: payload[1]) }

    /// UTF-8 bytes of the source.
    @inlinable public var sourceBytes: UnsafeRawBufferPointer { part(at: stringsOffset) }
    /// UTF-8 bytes of the phase (calls) or the text (markers).
    @inlinable public var phaseBytes: UnsafeRawBufferPointer { part(at: phaseOffset) }
    @inlinable public var inputBytes: UnsafeRawBufferPointer { isCall ? part(at: inputOffset) : UnsafeRawBufferPointer(start: nil, count: 0) }
    @inlinable public var outputBytes: UnsafeRawBufferPointer { isCall ? part(at: outputOffset) : UnsafeRawBufferPointer(start: nil, count: 0) }
    @inlinable public var attributeCount: Int { Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: attributesOffset, as: UInt32.self))) }

    /// Calls `body` with the UTF-8 bytes of each attribute's key and value, in order.
    @inlinable
    public func forEachAttribute(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        var offset = attributesOffset + 4
        for _ in 0..<attributeCount {
            let key = part(at: offset)
            offset += 4 + key.count
            let value = part(at: offset)
            offset += 4 + value.count
            try body(key, value)
        }
    }

    /// An owned copy of the entry.
    public func materialize() throws -> LogEntry { try HVLEntryCodec.decode(payload) }
}

extension HVLReader {
    /// The next entry as a zero-copy view, valid until the next call to this reader; nil at the end.
    public func nextView() throws -> HVLEntryView? {
        try nextDecoded { try HVLEntryView($0) }
    }
}
