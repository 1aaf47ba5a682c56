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
    }

    static func encode(_ entry: LogEntry, into writer: inout ByteWriter) {
        switch entry {
        case .call(let record): encode(record, into: &writer)
        case .marker(let marker): encode(marker, into: &writer)
        }
    }

    static func encode(_ record: HypercallRecord, into writer: inout ByteWriter) {
        var present: UInt16 = 0
        let optionals: [(UInt16, UInt64?)] = [
            (Present.entryTime, record.entryTime), (Present.exitTime, record.exitTime),
            (Present.partitionID, record.partitionID), (Present.vpIndex, record.vpIndex.map(UInt64.init)),
            (Present.vtl, record.vtl.map(UInt64.init)), (Present.callerIP, record.callerIP),
            (Present.resultValue, record.resultValue?.rawValue), (Present.inputGPA, record.inputGPA),
            (Present.outputGPA, record.outputGPA), (Present.repGroup, record.repGroup),
        ]
        for (bit, value) in optionals where value != nil { present |= bit }
        writer.append(callType)
        writer.append(record.partitionRole.rawValue | record.convention.rawValue << 4)
        writer.append(present)
        writer.append(record.sequence)
        writer.append(record.inputValue.rawValue)
        for (bit, value) in optionals where present & bit != 0 {
            switch bit {
            case Present.vpIndex: writer.append(UInt32(value!))
            case Present.vtl: writer.append(UInt8(value!))
            default: writer.append(value!)
            }
        }
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
            switch try cursor.read(UInt8.self, "entry type") {
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
        let kinds = try cursor.read(UInt8.self, "role and convention")
        guard let role = PartitionRole(rawValue: kinds & 0x0F), let convention = RecordedConvention(rawValue: kinds >> 4) else {
            throw Malformed(description: "role/convention byte 0x\(String(kinds, radix: 16)) out of range")
        }
        let present = try cursor.read(UInt16.self, "presence bits")
        guard present & ~Present.all == 0 else { throw Malformed(description: "unknown presence bits 0x\(String(present, radix: 16))") }
        var record = HypercallRecord(
            sequence: try cursor.read(UInt64.self, "sequence"), source: "",
            inputValue: HypercallInputValue(rawValue: try cursor.read(UInt64.self, "input value")))
        record.partitionRole = role
        record.convention = convention
        func optional(_ bit: UInt16, _ name: StaticString) throws -> UInt64? {
            present & bit == 0 ? nil : try cursor.read(UInt64.self, name)
        }
        record.entryTime = try optional(Present.entryTime, "entry time")
        record.exitTime = try optional(Present.exitTime, "exit time")
        record.partitionID = try optional(Present.partitionID, "partition id")
        if present & Present.vpIndex != 0 { record.vpIndex = try cursor.read(UInt32.self, "vp index") }
        if present & Present.vtl != 0 { record.vtl = try cursor.read(UInt8.self, "vtl") }
        record.callerIP = try optional(Present.callerIP, "caller ip")
        record.resultValue = try optional(Present.resultValue, "result value").map(HypercallResultValue.init(rawValue:))
        record.inputGPA = try optional(Present.inputGPA, "input gpa")
        record.outputGPA = try optional(Present.outputGPA, "output gpa")
        record.repGroup = try optional(Present.repGroup, "rep group")
        record.source = try cursor.readString("source")
        record.phase = try cursor.readString("phase")
        record.input = try cursor.readBlob("input block")
        record.output = try cursor.readBlob("output block")
        record.attributes = try decodeAttributes(&cursor)
        return record
    }

    private static func decodeMarker(_ cursor: inout ByteCursor) throws -> LogMarker {
        let kindValue = try cursor.read(UInt8.self, "marker kind")
        guard let kind = LogMarker.Kind(rawValue: kindValue) else { throw Malformed(description: "unknown marker kind \(kindValue)") }
        let present = try cursor.read(UInt16.self, "presence bits")
        guard present & ~1 == 0 else { throw Malformed(description: "unknown marker presence bits 0x\(String(present, radix: 16))") }
        let sequence = try cursor.read(UInt64.self, "sequence")
        let time = present & 1 == 0 ? nil : try cursor.read(UInt64.self, "time")
        let source = try cursor.readString("source")
        let text = try cursor.readString("text")
        return LogMarker(sequence: sequence, time: time, kind: kind, source: source, text: text, attributes: try decodeAttributes(&cursor))
    }

    private static func decodeAttributes(_ cursor: inout ByteCursor) throws -> [RecordAttribute] {
        let count = Int(try cursor.read(UInt32.self, "attribute count"))
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
