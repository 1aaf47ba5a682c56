import HypercallABI

/// Encodes and decodes one log entry as the payload of a `.hvl` frame (layout in docs/hvl-format.md).
@usableFromInline enum HVLEntryCodec {
    static let callType: UInt8 = 1
    static let markerType: UInt8 = 2

    /// Presence bits of the optional fixed-width fields of a call payload, in payload order
    /// (inlinable: the view's getters test them).
    @usableFromInline enum Present {
        @inlinable static var entryTime: UInt16 { 1 << 0 }
        @inlinable static var exitTime: UInt16 { 1 << 1 }
        @inlinable static var partitionID: UInt16 { 1 << 2 }
        @inlinable static var vpIndex: UInt16 { 1 << 3 }
        @inlinable static var vtl: UInt16 { 1 << 4 }
        @inlinable static var callerIP: UInt16 { 1 << 5 }
        @inlinable static var resultValue: UInt16 { 1 << 6 }
        @inlinable static var inputGPA: UInt16 { 1 << 7 }
        @inlinable static var outputGPA: UInt16 { 1 << 8 }
        @inlinable static var repGroup: UInt16 { 1 << 9 }
        static let all: UInt16 = (1 << 10) - 1
        /// The order of the optional fields in the payload is the order of these bits.
    }

    static func encode(_ entry: LogEntry, into writer: inout ByteWriter) {
        switch entry {
        case .call(let record): encode(record, into: &writer)
        case .marker(let marker): encode(marker, into: &writer)
        }
    }

    static func encode(_ record: HypercallRecord, into writer: inout ByteWriter) {
        let present = record.present
        // Fixed part: at most 4 + 16 + 8 × 8 + 4 + 1 bytes.
        var fixed = writer.beginStores(upTo: 89)
        fixed.store(callType)
        fixed.store(record.partitionRole.rawValue | record.convention.rawValue << 4)
        fixed.store(present)
        fixed.store(record.sequence)
        fixed.store(record.inputValue.rawValue)
        if present & Present.entryTime != 0 { fixed.store(record.storedEntryTime) }
        if present & Present.exitTime != 0 { fixed.store(record.storedExitTime) }
        if present & Present.partitionID != 0 { fixed.store(record.storedPartitionID) }
        if present & Present.vpIndex != 0 { fixed.store(record.storedVPIndex) }
        if present & Present.vtl != 0 { fixed.store(record.storedVTL) }
        if present & Present.callerIP != 0 { fixed.store(record.storedCallerIP) }
        if present & Present.resultValue != 0 { fixed.store(record.storedResultValue) }
        if present & Present.inputGPA != 0 { fixed.store(record.storedInputGPA) }
        if present & Present.outputGPA != 0 { fixed.store(record.storedOutputGPA) }
        if present & Present.repGroup != 0 { fixed.store(record.storedRepGroup) }
        writer.commit(fixed)
        writer.appendString(record.source)
        writer.appendString(record.phase)
        writer.appendBlob(record.input)
        writer.appendBlob(record.output)
        encode(record.attributes, into: &writer)
    }

    static func encode(_ marker: LogMarker, into writer: inout ByteWriter) {
        writer.append(markerType)
        writer.append(marker.kind.rawValue)
        writer.append(UInt16(marker.time == nil ? 0 : 1))
        writer.append(marker.sequence)
        if let time = marker.time { writer.append(time) }
        writer.appendString(marker.source)
        writer.appendString(marker.text)
        encode(marker.attributes, into: &writer)
    }

    static func encode(_ attributes: [RecordAttribute], into writer: inout ByteWriter) {
        writer.append(UInt32(attributes.count))
        for attribute in attributes {
            writer.appendString(attribute.key)
            writer.appendString(attribute.value)
        }
    }

    /// Why a payload whose checksum was right still does not decode (a writer bug or another version).
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The entry in a payload, as a fresh value; `cache` (kept by a reader across entries) shares
    /// the strings, small blocks and attribute lists that repeat instead of making them again.
    /// The record is built from its parts in one go, not decoded into a record in memory and
    /// copied out (a copy of a record just written stalls on store forwarding).
    @inline(__always) static func decode(_ payload: UnsafeRawBufferPointer, cache: EntryDecodeCache? = nil) throws(Malformed) -> LogEntry {
        try decoding(payload) { cursor, type throws in
            type == callType ? .call(try decodeCall(&cursor, cache)) : .marker(try decodeMarker(&cursor, cache))
        }
    }

    /// Decodes a payload: a call into `record`, reusing its storage (blocks are overwritten in
    /// place when nothing else shares them; fields equal to the cached values are left as they
    /// are); a marker is returned. After a throw, `record` is valid but meaningless.
    @inline(__always)
    static func decode(_ payload: UnsafeRawBufferPointer, into record: inout HypercallRecord, cache: EntryDecodeCache?) throws(Malformed) -> EntryRead {
        try decoding(payload) { cursor, type throws in
            if type == callType {
                try decodeCall(&cursor, into: &record, cache)
                return .call
            }
            return .marker(try decodeMarker(&cursor, cache))
        }
    }

    /// Reads the type byte and runs `body` for a call or marker payload; every failure becomes
    /// `Malformed`, an overrun naming the field and payload offset.
    @inline(__always)
    private static func decoding<T>(_ payload: UnsafeRawBufferPointer, _ body: (inout ByteCursor, UInt8) throws -> T) throws(Malformed) -> T {
        var cursor = ByteCursor(payload)
        do {
            let type = try cursor.readUInt8("entry type")
            guard type == callType || type == markerType else { throw Malformed(description: "unknown entry type \(type)") }
            return try body(&cursor, type)
        } catch let overrun as ByteCursor.Overrun {
            throw Malformed(description: "payload ends inside \(overrun.field) at payload offset \(overrun.offset)")
        } catch let malformed as Malformed {
            throw malformed
        } catch {
            throw Malformed(description: "\(error)")
        }
    }

    /// Sets every field of `record` from the call payload after its type byte.
    @inline(__always) private static func decodeCall(_ cursor: inout ByteCursor, into record: inout HypercallRecord, _ cache: EntryDecodeCache?) throws {
        record.assign(try readFixedPart(&cursor))
        (record.source, record.phase) = try readSourceAndPhase(&cursor, cache)
        try readBlob(&cursor, "input block", into: &record.input, cache)
        try readBlob(&cursor, "output block", into: &record.output, cache)
        let attributes = try readAttributes(&cursor, cache)
        if !attributes.isSameStorage(as: record.attributes) { record.attributes = attributes }
        try checkNothingLeft(cursor)
    }

    /// The call payload after its type byte, as a fresh record.
    @inline(__always) private static func decodeCall(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws -> HypercallRecord {
        let fixed = try readFixedPart(&cursor)
        let (source, phase) = try readSourceAndPhase(&cursor, cache)
        let input = newBlob(try cursor.readSlice("input block"), cache)
        let output = newBlob(try cursor.readSlice("output block"), cache)
        let attributes = try readAttributes(&cursor, cache)
        try checkNothingLeft(cursor)
        return HypercallRecord(fixed, source: source, phase: phase, input: input, output: output, attributes: attributes)
    }

    /// The fixed-width part of a call payload: role and convention, presence bits, then the
    /// fields they announce (absent ones 0, as `HypercallRecord` stores them).
    struct FixedPart {
        var role: PartitionRole, convention: RecordedConvention, present: UInt16
        var sequence: UInt64, inputValue: UInt64
        var entryTime: UInt64, exitTime: UInt64, partitionID: UInt64, vpIndex: UInt32, vtl: UInt8
        var callerIP: UInt64, resultValue: UInt64, inputGPA: UInt64, outputGPA: UInt64, repGroup: UInt64
    }

    @inline(__always) private static func readFixedPart(_ cursor: inout ByteCursor) throws -> FixedPart {
        let kinds = try cursor.readUInt8("role and convention")
        guard let role = PartitionRole(rawValue: kinds & 0x0F), let convention = RecordedConvention(rawValue: kinds >> 4) else {
            throw Malformed(description: "role/convention byte 0x\(String(kinds, radix: 16)) out of range")
        }
        let present = try cursor.readUInt16("presence bits")
        guard present & ~Present.all == 0 else { throw Malformed(description: "unknown presence bits 0x\(String(present, radix: 16))") }
        // One bounds check for the fixed-width fields; a short payload is reported field by field.
        if cursor.remaining < Self.fixedSize(present) { try Self.throwFixedFieldOverrun(cursor, present) }
        @inline(__always) func optional<T: FixedWidthInteger>(_ bit: UInt16) -> T { present & bit == 0 ? 0 : cursor.readUnchecked() }
        return FixedPart(
            role: role, convention: convention, present: present, sequence: cursor.readUnchecked(), inputValue: cursor.readUnchecked(),
            entryTime: optional(Present.entryTime), exitTime: optional(Present.exitTime), partitionID: optional(Present.partitionID),
            vpIndex: optional(Present.vpIndex), vtl: optional(Present.vtl), callerIP: optional(Present.callerIP),
            resultValue: optional(Present.resultValue), inputGPA: optional(Present.inputGPA), outputGPA: optional(Present.outputGPA),
            repGroup: optional(Present.repGroup))
    }

    /// The source and phase parts; with a cache, the values decoded last are compared first.
    @inline(__always)
    private static func readSourceAndPhase(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws(ByteCursor.Overrun) -> (String, String) {
        guard let cache else { return (try cursor.readString("source"), try cursor.readString("phase")) }
        let source = cache.source(try cursor.readSlice("source"))
        return (source, cache.phase(try cursor.readSlice("phase")))
    }

    /// The fixed-width fields of a call payload after its presence bits, in payload order: the
    /// sequence and input value, then the optional ones present (bit, size, name).
    private static let fixedFields: [(bit: UInt16, size: Int, name: StaticString)] = [
        (0, 8, "sequence"), (0, 8, "input value"),
        (Present.entryTime, 8, "entry time"), (Present.exitTime, 8, "exit time"), (Present.partitionID, 8, "partition id"),
        (Present.vpIndex, 4, "vp index"), (Present.vtl, 1, "vtl"), (Present.callerIP, 8, "caller ip"),
        (Present.resultValue, 8, "result value"), (Present.inputGPA, 8, "input gpa"), (Present.outputGPA, 8, "output gpa"),
        (Present.repGroup, 8, "rep group"),
    ]

    /// Bytes of the fixed-width fields that `present` announces.
    @inline(__always) static func fixedSize(_ present: UInt16) -> Int {
        let words = present & ~(Present.vpIndex | Present.vtl)
        return 16 + 8 * words.nonzeroBitCount + (present & Present.vpIndex == 0 ? 0 : 4) + (present & Present.vtl == 0 ? 0 : 1)
    }

    /// Throws the overrun of the first fixed-width field that does not fit.
    @inline(never) private static func throwFixedFieldOverrun(_ cursor: ByteCursor, _ present: UInt16) throws(ByteCursor.Overrun) {
        var offset = cursor.offset
        for field in fixedFields where field.bit == 0 || present & field.bit != 0 {
            if cursor.buffer.count - offset < field.size { throw ByteCursor.Overrun(offset: offset, needed: field.size, field: field.name) }
            offset += field.size
        }
    }

    @inline(__always) private static func checkNothingLeft(_ cursor: ByteCursor) throws(Malformed) {
        guard cursor.remaining == 0 else { throw Malformed(description: "\(cursor.remaining) bytes left after the entry") }
    }

    /// A string part, shared through the reader's cache when there is one.
    @inline(__always)
    private static func readString(
        _ cursor: inout ByteCursor, _ field: StaticString, _ cache: EntryDecodeCache?
    ) throws(ByteCursor.Overrun) -> String {
        guard let cache else { return try cursor.readString(field) }
        return cache.string(try cursor.readSlice(field))
    }

    /// A block part into `blob`: left alone when equal, shared through the reader's cache when
    /// small, otherwise copied over the old bytes (in place when `blob` is not shared).
    @inline(__always)
    private static func readBlob(
        _ cursor: inout ByteCursor, _ field: StaticString, into blob: inout [UInt8], _ cache: EntryDecodeCache?
    ) throws(ByteCursor.Overrun) {
        let bytes = try cursor.readSlice(field)
        if blob.withUnsafeBytes({ $0.bytesEqual(bytes) }) { return }
        if blob.count == bytes.count, bytes.count > EntryDecodeCache.maxCachedBlob || cache == nil {
            blob.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }  // in place unless shared
        } else {
            blob = newBlob(bytes, cache)
        }
    }

    /// A block's bytes as a new value: shared through the reader's cache when small.
    @inline(__always) private static func newBlob(_ bytes: UnsafeRawBufferPointer, _ cache: EntryDecodeCache?) -> [UInt8] {
        if bytes.isEmpty { return [] }
        if let cache, bytes.count <= EntryDecodeCache.maxCachedBlob { return cache.blob(bytes) }
        return Array(bytes)
    }

    private static func decodeMarker(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws -> LogMarker {
        let kindValue = try cursor.readUInt8("marker kind")
        guard let kind = LogMarker.Kind(rawValue: kindValue) else { throw Malformed(description: "unknown marker kind \(kindValue)") }
        let present = try cursor.readUInt16("presence bits")
        guard present & ~1 == 0 else { throw Malformed(description: "unknown marker presence bits 0x\(String(present, radix: 16))") }
        let sequence = try cursor.readUInt64("sequence")
        let time = present & 1 == 0 ? nil : try cursor.readUInt64("time")
        let source = try readString(&cursor, "source", cache)
        let text = try readString(&cursor, "text", cache)
        let attributes = try readAttributes(&cursor, cache)
        try checkNothingLeft(cursor)
        return LogMarker(sequence: sequence, time: time, kind: kind, source: source, text: text, attributes: attributes)
    }

    /// The attribute part, which ends the payload: with a cache, a list decoded from the same
    /// bytes before is shared.
    private static func readAttributes(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws -> [RecordAttribute] {
        guard let cache else { return try decodeAttributeList(&cursor, nil) }
        if cursor.remaining == 4, cursor.remainingBytes.loadUnaligned(as: UInt32.self) == 0 {  // no attributes, the usual case
            cursor.skipToEnd()
            return []
        }
        let start = cursor  // decoded from a copy, so that errors still name payload offsets
        let list = try cache.attributes(cursor.remainingBytes) { _ in
            var rest = start
            let attributes = try decodeAttributeList(&rest, cache)
            try checkNothingLeft(rest)
            return attributes
        }
        cursor.skipToEnd()
        return list
    }

    private static func decodeAttributeList(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws -> [RecordAttribute] {
        let count = Int(try cursor.readUInt32("attribute count"))
        if count == 0 { return [] }
        // Each attribute takes at least 8 bytes: a count beyond that is damage, not a huge allocation.
        guard count <= cursor.remaining / 8 else { throw Malformed(description: "attribute count \(count) exceeds the payload") }
        var attributes: [RecordAttribute] = []
        attributes.reserveCapacity(count)
        for _ in 0..<count {
            attributes.append(RecordAttribute(try readString(&cursor, "attribute key", cache), try readString(&cursor, "attribute value", cache)))
        }
        return attributes
    }
}

extension HypercallRecord {
    /// A record from a payload's decoded parts.
    @inline(__always)
    init(_ fixed: HVLEntryCodec.FixedPart, source: String, phase: String, input: [UInt8], output: [UInt8], attributes: [RecordAttribute]) {
        self.init(sequence: fixed.sequence, source: source, phase: phase, inputValue: HypercallInputValue(rawValue: fixed.inputValue),
                  input: input, output: output, attributes: attributes)
        assign(fixed)
    }

    /// Sets the fixed-width fields from a payload's fixed part.
    @inline(__always) mutating func assign(_ fixed: HVLEntryCodec.FixedPart) {
        partitionRole = fixed.role
        convention = fixed.convention
        sequence = fixed.sequence
        inputValue = HypercallInputValue(rawValue: fixed.inputValue)
        present = fixed.present
        storedEntryTime = fixed.entryTime
        storedExitTime = fixed.exitTime
        storedPartitionID = fixed.partitionID
        storedVPIndex = fixed.vpIndex
        storedVTL = fixed.vtl
        storedCallerIP = fixed.callerIP
        storedResultValue = fixed.resultValue
        storedInputGPA = fixed.inputGPA
        storedOutputGPA = fixed.outputGPA
        storedRepGroup = fixed.repGroup
    }
}
