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

    /// The entry in a payload; `cache` (kept by a reader across entries) shares the strings,
    /// small blocks and attribute lists that repeat instead of making them again.
    @inline(__always) static func decode(_ payload: UnsafeRawBufferPointer, cache: EntryDecodeCache? = nil) throws(Malformed) -> LogEntry {
        var record = HypercallRecord.blank
        switch try decode(payload, into: &record, cache: cache) {
        case .call: return .call(record)
        case .marker(let marker): return .marker(marker)
        }
    }

    /// Decodes a payload: a call into `record`, reusing its storage (blocks are overwritten in
    /// place when nothing else shares them; fields equal to the cached values are left as they
    /// are); a marker is returned. After a throw, `record` is valid but meaningless.
    @inline(__always)
    static func decode(_ payload: UnsafeRawBufferPointer, into record: inout HypercallRecord, cache: EntryDecodeCache?) throws(Malformed) -> EntryRead {
        var cursor = ByteCursor(payload)
        do {
            switch try cursor.readUInt8("entry type") {
            case callType:
                try decodeCall(&cursor, into: &record, cache)
                return .call
            case markerType:
                return .marker(try decodeMarker(&cursor, cache))
            case let other:
                throw Malformed(description: "unknown entry type \(other)")
            }
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
        let kinds = try cursor.readUInt8("role and convention")
        guard let role = PartitionRole(rawValue: kinds & 0x0F), let convention = RecordedConvention(rawValue: kinds >> 4) else {
            throw Malformed(description: "role/convention byte 0x\(String(kinds, radix: 16)) out of range")
        }
        let present = try cursor.readUInt16("presence bits")
        guard present & ~Present.all == 0 else { throw Malformed(description: "unknown presence bits 0x\(String(present, radix: 16))") }
        record.partitionRole = role
        record.convention = convention
        // One bounds check for the fixed-width fields; a short payload is reported field by field.
        let fixedSize = Self.fixedSize(present)
        if cursor.remaining < fixedSize { try Self.throwFixedFieldOverrun(cursor, present) }
        record.sequence = cursor.readUnchecked()
        record.inputValue = HypercallInputValue(rawValue: cursor.readUnchecked())
        // Absent fields are stored as 0 (see `HypercallRecord.present`).
        record.present = present
        record.storedEntryTime = present & Present.entryTime == 0 ? 0 : cursor.readUnchecked()
        record.storedExitTime = present & Present.exitTime == 0 ? 0 : cursor.readUnchecked()
        record.storedPartitionID = present & Present.partitionID == 0 ? 0 : cursor.readUnchecked()
        record.storedVPIndex = present & Present.vpIndex == 0 ? 0 : cursor.readUnchecked()
        record.storedVTL = present & Present.vtl == 0 ? 0 : cursor.readUnchecked()
        record.storedCallerIP = present & Present.callerIP == 0 ? 0 : cursor.readUnchecked()
        record.storedResultValue = present & Present.resultValue == 0 ? 0 : cursor.readUnchecked()
        record.storedInputGPA = present & Present.inputGPA == 0 ? 0 : cursor.readUnchecked()
        record.storedOutputGPA = present & Present.outputGPA == 0 ? 0 : cursor.readUnchecked()
        record.storedRepGroup = present & Present.repGroup == 0 ? 0 : cursor.readUnchecked()
        if let cache {
            record.source = cache.source(try cursor.readSlice("source"))
            record.phase = cache.phase(try cursor.readSlice("phase"))
        } else {
            record.source = try cursor.readString("source")
            record.phase = try cursor.readString("phase")
        }
        try readBlob(&cursor, "input block", into: &record.input, cache)
        try readBlob(&cursor, "output block", into: &record.output, cache)
        try decodeAttributes(&cursor, into: &record.attributes, cache)
        try checkNothingLeft(cursor)
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
        if let cache, bytes.count <= EntryDecodeCache.maxCachedBlob {
            blob = cache.blob(bytes)
            return
        }
        if blob.count == bytes.count {
            blob.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }  // in place unless shared
        } else if bytes.isEmpty {
            blob.removeAll(keepingCapacity: true)
        } else {
            blob = Array(bytes)
        }
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
        var attributes: [RecordAttribute] = []
        try decodeAttributes(&cursor, into: &attributes, cache)
        try checkNothingLeft(cursor)
        return LogMarker(sequence: sequence, time: time, kind: kind, source: source, text: text, attributes: attributes)
    }

    /// The attribute part, which ends the payload, into `attributes`: a list decoded from the same
    /// bytes before is shared (and not even reassigned when `attributes` already is that list).
    private static func decodeAttributes(_ cursor: inout ByteCursor, into attributes: inout [RecordAttribute], _ cache: EntryDecodeCache?) throws {
        guard let cache else {
            attributes = try decodeAttributeList(&cursor, nil)
            return
        }
        if cursor.remaining == 4, cursor.remainingBytes.loadUnaligned(as: UInt32.self) == 0 {  // no attributes, the usual case
            cursor.skipToEnd()
            if !attributes.isEmpty { attributes = [] }
            return
        }
        let start = cursor  // decoded from a copy, so that errors still name payload offsets
        let list = try cache.attributes(cursor.remainingBytes) { _ in
            var rest = start
            let attributes = try decodeAttributeList(&rest, cache)
            try checkNothingLeft(rest)
            return attributes
        }
        cursor.skipToEnd()
        if !list.isSameStorage(as: attributes) { attributes = list }
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
