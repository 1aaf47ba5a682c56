import HypercallABI

/// Encodes and decodes one log entry as the payload of a `.hvl` frame (layout in docs/hvl-format.md).
enum HVLEntryCodec {
    static let callType: UInt8 = 1
    static let markerType: UInt8 = 2

    /// Presence bits of the optional fixed-width fields of a call payload, in payload order.
    enum Present {
        static let entryTime: UInt16 = 1 << 0
        static let exitTime: UInt16 = 1 << 1
        static let partitionID: UInt16 = 1 << 2
        static let vpIndex: UInt16 = 1 << 3
        static let vtl: UInt16 = 1 << 4
        static let callerIP: UInt16 = 1 << 5
        static let resultValue: UInt16 = 1 << 6
        static let inputGPA: UInt16 = 1 << 7
        static let outputGPA: UInt16 = 1 << 8
        static let repGroup: UInt16 = 1 << 9
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

    static func decode(_ payload: UnsafeRawBufferPointer) throws(Malformed) -> LogEntry {
        var cursor = ByteCursor(payload)
        do {
            let entry: LogEntry
            switch try cursor.readUInt8("entry type") {
            case callType: entry = .call(try decodeCall(&cursor))
            case markerType: entry = .marker(try decodeMarker(&cursor))
            case let other: throw Malformed(description: "unknown entry type \(other)")
            }
            guard cursor.remaining == 0 else { throw Malformed(description: "\(cursor.remaining) bytes left after the entry") }
            return entry
        } catch let overrun as ByteCursor.Overrun {
            throw Malformed(description: "payload ends inside \(overrun.field) at payload offset \(overrun.offset)")
        } catch let malformed as Malformed {
            throw malformed
        } catch {
            throw Malformed(description: "\(error)")
        }
    }

    private static func decodeCall(_ cursor: inout ByteCursor) throws -> HypercallRecord {
        let kinds = try cursor.readUInt8("role and convention")
        guard let role = PartitionRole(rawValue: kinds & 0x0F), let convention = RecordedConvention(rawValue: kinds >> 4) else {
            throw Malformed(description: "role/convention byte 0x\(String(kinds, radix: 16)) out of range")
        }
        let present = try cursor.readUInt16("presence bits")
        guard present & ~Present.all == 0 else { throw Malformed(description: "unknown presence bits 0x\(String(present, radix: 16))") }
        var record = HypercallRecord(
            sequence: try cursor.readUInt64("sequence"), source: "",
            inputValue: HypercallInputValue(rawValue: try cursor.readUInt64("input value")))
        record.partitionRole = role
        record.convention = convention
        if present & Present.entryTime != 0 { record.entryTime = try cursor.readUInt64("entry time") }
        if present & Present.exitTime != 0 { record.exitTime = try cursor.readUInt64("exit time") }
        if present & Present.partitionID != 0 { record.partitionID = try cursor.readUInt64("partition id") }
        if present & Present.vpIndex != 0 { record.vpIndex = try cursor.readUInt32("vp index") }
        if present & Present.vtl != 0 { record.vtl = try cursor.readUInt8("vtl") }
        if present & Present.callerIP != 0 { record.callerIP = try cursor.readUInt64("caller ip") }
        if present & Present.resultValue != 0 { record.resultValue = HypercallResultValue(rawValue: try cursor.readUInt64("result value")) }
        if present & Present.inputGPA != 0 { record.inputGPA = try cursor.readUInt64("input gpa") }
        if present & Present.outputGPA != 0 { record.outputGPA = try cursor.readUInt64("output gpa") }
        if present & Present.repGroup != 0 { record.repGroup = try cursor.readUInt64("rep group") }
        record.source = try cursor.readString("source")
        record.phase = try cursor.readString("phase")
        record.input = try cursor.readBlob("input block")
        record.output = try cursor.readBlob("output block")
        record.attributes = try decodeAttributes(&cursor)
        return record
    }

    private static func decodeMarker(_ cursor: inout ByteCursor) throws -> LogMarker {
        let kindValue = try cursor.readUInt8("marker kind")
        guard let kind = LogMarker.Kind(rawValue: kindValue) else { throw Malformed(description: "unknown marker kind \(kindValue)") }
        let present = try cursor.readUInt16("presence bits")
        guard present & ~1 == 0 else { throw Malformed(description: "unknown marker presence bits 0x\(String(present, radix: 16))") }
        let sequence = try cursor.readUInt64("sequence")
        let time = present & 1 == 0 ? nil : try cursor.readUInt64("time")
        let source = try cursor.readString("source")
        let text = try cursor.readString("text")
        return LogMarker(sequence: sequence, time: time, kind: kind, source: source, text: text, attributes: try decodeAttributes(&cursor))
    }

    private static func decodeAttributes(_ cursor: inout ByteCursor) throws -> [RecordAttribute] {
        let count = Int(try cursor.readUInt32("attribute count"))
        if count == 0 { return [] }
        // Each attribute takes at least 8 bytes: a count beyond that is damage, not a huge allocation.
        guard count <= cursor.remaining / 8 else { throw Malformed(description: "attribute count \(count) exceeds the payload") }
        var attributes: [RecordAttribute] = []
        attributes.reserveCapacity(count)
        for _ in 0..<count {
            attributes.append(RecordAttribute(try cursor.readString("attribute key"), try cursor.readString("attribute value")))
        }
        return attributes
    }
}
