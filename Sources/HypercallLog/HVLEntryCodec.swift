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
        var present: UInt16 = 0
        if record.entryTime != nil { present |= Present.entryTime }
        if record.exitTime != nil { present |= Present.exitTime }
        if record.partitionID != nil { present |= Present.partitionID }
        if record.vpIndex != nil { present |= Present.vpIndex }
        if record.vtl != nil { present |= Present.vtl }
        if record.callerIP != nil { present |= Present.callerIP }
        if record.resultValue != nil { present |= Present.resultValue }
        if record.inputGPA != nil { present |= Present.inputGPA }
        if record.outputGPA != nil { present |= Present.outputGPA }
        if record.repGroup != nil { present |= Present.repGroup }
        // Fixed part: at most 4 + 16 + 8 × 8 + 4 + 1 bytes.
        writer.reserve(96)
        writer.appendReserved(callType)
        writer.appendReserved(record.partitionRole.rawValue | record.convention.rawValue << 4)
        writer.appendReserved(present)
        writer.appendReserved(record.sequence)
        writer.appendReserved(record.inputValue.rawValue)
        if let value = record.entryTime { writer.appendReserved(value) }
        if let value = record.exitTime { writer.appendReserved(value) }
        if let value = record.partitionID { writer.appendReserved(value) }
        if let value = record.vpIndex { writer.appendReserved(value) }
        if let value = record.vtl { writer.appendReserved(value) }
        if let value = record.callerIP { writer.appendReserved(value) }
        if let value = record.resultValue { writer.appendReserved(value.rawValue) }
        if let value = record.inputGPA { writer.appendReserved(value) }
        if let value = record.outputGPA { writer.appendReserved(value) }
        if let value = record.repGroup { writer.appendReserved(value) }
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
        var cursor = ByteCursor(payload)
        do {
            // Returned as built (each decoder checks that nothing is left over before it builds).
            switch try cursor.readUInt8("entry type") {
            case callType: return .call(try decodeCall(&cursor, cache))
            case markerType: return .marker(try decodeMarker(&cursor, cache))
            case let other: throw Malformed(description: "unknown entry type \(other)")
            }
        } catch let overrun as ByteCursor.Overrun {
            throw Malformed(description: "payload ends inside \(overrun.field) at payload offset \(overrun.offset)")
        } catch let malformed as Malformed {
            throw malformed
        } catch {
            throw Malformed(description: "\(error)")
        }
    }

    @inline(__always) private static func decodeCall(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws -> HypercallRecord {
        let kinds = try cursor.readUInt8("role and convention")
        guard let role = PartitionRole(rawValue: kinds & 0x0F), let convention = RecordedConvention(rawValue: kinds >> 4) else {
            throw Malformed(description: "role/convention byte 0x\(String(kinds, radix: 16)) out of range")
        }
        let present = try cursor.readUInt16("presence bits")
        guard present & ~Present.all == 0 else { throw Malformed(description: "unknown presence bits 0x\(String(present, radix: 16))") }
        let sequence = try cursor.readUInt64("sequence")
        let inputValue = HypercallInputValue(rawValue: try cursor.readUInt64("input value"))
        let entryTime = present & Present.entryTime == 0 ? nil : try cursor.readUInt64("entry time")
        let exitTime = present & Present.exitTime == 0 ? nil : try cursor.readUInt64("exit time")
        let partitionID = present & Present.partitionID == 0 ? nil : try cursor.readUInt64("partition id")
        let vpIndex = present & Present.vpIndex == 0 ? nil : try cursor.readUInt32("vp index")
        let vtl = present & Present.vtl == 0 ? nil : try cursor.readUInt8("vtl")
        let callerIP = present & Present.callerIP == 0 ? nil : try cursor.readUInt64("caller ip")
        let resultValue = present & Present.resultValue == 0 ? nil : HypercallResultValue(rawValue: try cursor.readUInt64("result value"))
        let inputGPA = present & Present.inputGPA == 0 ? nil : try cursor.readUInt64("input gpa")
        let outputGPA = present & Present.outputGPA == 0 ? nil : try cursor.readUInt64("output gpa")
        let repGroup = present & Present.repGroup == 0 ? nil : try cursor.readUInt64("rep group")
        let source = try readString(&cursor, "source", cache)
        let phase = try readString(&cursor, "phase", cache)
        let input = try readBlob(&cursor, "input block", cache)
        let output = try readBlob(&cursor, "output block", cache)
        let attributes = try decodeAttributes(&cursor, cache)
        try checkNothingLeft(cursor)
        // Built once from its parts (no defaults replaced field by field).
        return HypercallRecord(
            sequence: sequence, entryTime: entryTime, exitTime: exitTime, source: source, partitionID: partitionID,
            partitionRole: role, vpIndex: vpIndex, vtl: vtl, phase: phase, callerIP: callerIP, inputValue: inputValue,
            convention: convention, inputGPA: inputGPA, outputGPA: outputGPA, input: input, output: output,
            resultValue: resultValue, repGroup: repGroup, attributes: attributes)
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

    /// A block part, shared through the reader's cache when there is one.
    @inline(__always)
    private static func readBlob(_ cursor: inout ByteCursor, _ field: StaticString, _ cache: EntryDecodeCache?) throws(ByteCursor.Overrun) -> [UInt8] {
        guard let cache else { return try cursor.readBlob(field) }
        return cache.blob(try cursor.readSlice(field))
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
        let attributes = try decodeAttributes(&cursor, cache)
        try checkNothingLeft(cursor)
        return LogMarker(sequence: sequence, time: time, kind: kind, source: source, text: text, attributes: attributes)
    }

    /// The attribute part, which ends the payload: a list decoded from the same bytes before is shared.
    private static func decodeAttributes(_ cursor: inout ByteCursor, _ cache: EntryDecodeCache?) throws -> [RecordAttribute] {
        guard let cache else { return try decodeAttributeList(&cursor, nil) }
        let start = cursor  // decoded from a copy, so that errors still name payload offsets
        let attributes = try cache.attributes(cursor.remainingBytes) { _ in
            var rest = start
            let attributes = try decodeAttributeList(&rest, cache)
            try checkNothingLeft(rest)
            return attributes
        }
        cursor.skipToEnd()
        return attributes
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
