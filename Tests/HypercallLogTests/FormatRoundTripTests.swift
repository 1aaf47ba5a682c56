#if canImport(Glibc)
import Glibc
#endif
import Testing
import HypercallABI
@testable import HypercallLog

@Suite("log formats round trip")
struct FormatRoundTripTests {
    @Test("hvl → read gives back every entry and the header")
    func hvlRoundTrip() throws {
        let path = temporaryDirectory() + "/log.hvl"
        let entries = SampleEntries.make()
        let writer = try HVLWriter(path: path, header: SampleEntries.header)
        for entry in entries { try writer.append(entry) }
        try writer.close()
        let reader = try HVLReader(path: path)
        #expect(reader.header == SampleEntries.header)
        #expect(try readAll(reader) == entries)
        #expect(reader.damage.isClean)
    }

    @Test("JSON Lines → read gives back every entry and the header")
    func jsonlRoundTrip() throws {
        let path = temporaryDirectory() + "/log.jsonl"
        let entries = SampleEntries.make()
        let writer = try JSONLWriter(path: path, header: SampleEntries.header)
        for entry in entries { try writer.append(entry) }
        try writer.close()
        let reader = try JSONLReader(path: path)
        #expect(reader.header == SampleEntries.header)
        #expect(try readAll(reader) == entries)
    }

    @Test("reading into one record gives every entry, and copies kept along the way stay as they were",
          arguments: ["hvl", "jsonl"])
    func readIntoOneRecord(format: String) throws {
        let path = temporaryDirectory() + "/log." + format
        // Blocks that grow, shrink, vanish and repeat; attribute lists that come and go; markers between.
        let entries = SampleEntries.make(count: 200)
        let writer = try LogFormat(path: path)!.createWriter(path: path, header: SampleEntries.header)
        for entry in entries { try writer.append(entry) }
        try writer.close()
        let reader = try LogFormat.openReader(path: path)
        var record = HypercallRecord(sequence: 0, source: "", inputValue: HypercallInputValue(rawValue: 0))
        var kept: [LogEntry] = []
        while let read = try reader.next(into: &record) {
            switch read {
            case .call: kept.append(.call(record))  // a copy that later reads must not change
            case .marker(let marker): kept.append(.marker(marker))
            }
        }
        #expect(kept == entries)
        // At the end the record is left as the last call made it.
        let lastCall = kept.last { if case .call = $0 { true } else { false } }
        #expect(try reader.next(into: &record) == nil)
        #expect(lastCall == .call(record))
    }

    @Test("a call payload cut short names the field it ends in, at every cut")
    func truncatedPayloadNamesField() throws {
        var record = HypercallRecord(sequence: 9, entryTime: 100, exitTime: 200, source: "kvm", partitionID: 7, vpIndex: 3,
                                     inputValue: HypercallInputValue(rawValue: 0x0002), input: [1, 2, 3])
        record.resultValue = HypercallResultValue(rawValue: 0)
        var writer = ByteWriter()
        HVLEntryCodec.encode(record, into: &writer)
        let payload = writer.bytes
        // type, kinds, presence (4 bytes), then sequence, input value, entry time, exit time,
        // partition id, vp index, result value: the documented order.
        let fields: [(end: Int, name: String)] = [(12, "sequence"), (20, "input value"), (28, "entry time"), (36, "exit time"),
                                                  (44, "partition id"), (48, "vp index"), (56, "result value"), (60, "source")]
        for cut in 4..<60 {
            let expected = fields.first { cut < $0.end }!
            let message = payload.withUnsafeBytes { bytes -> String in
                do {
                    _ = try HVLEntryCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[..<cut]))
                    return "decoded"
                } catch { return "\(error)" }
            }
            #expect(message.contains("payload ends inside \(expected.name) at payload offset"), "cut at \(cut): \(message)")
        }
        #expect(try payload.withUnsafeBytes { try HVLEntryCodec.decode($0) } == .call(record))
    }

    @Test("the hvl header is laid out byte for byte as documented")
    func headerBytes() {
        let bytes = HVLFormat.encodeHeader(LogHeader(createdAt: 0x0102_0304_0506_0708, clockOrigin: nil, sourceDescription: "ab"))
        #expect(Array(bytes[0..<8]) == [0x89, 0x48, 0x56, 0x4C, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[8..<12]) == [1, 0, 0, 0])
        #expect(Array(bytes[12..<20]) == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(Array(bytes[20..<28]) == [UInt8](repeating: 0xFF, count: 8))
        #expect(Array(bytes[28..<34]) == [2, 0, 0, 0, 0x61, 0x62])
        #expect(bytes.count == 38)
    }

    @Test("CRC-32C matches the published check value and RFC 3720 vectors")
    func crcVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        // The table path on its own gives the same published values.
        for (text, crc) in [("123456789", UInt32(0xE306_9283)), ("", 0)] {
            #expect(Array(text.utf8).withUnsafeBytes { CRC32C.software($0) } == crc)
        }
        #expect([UInt8](repeating: 0xFF, count: 32).withUnsafeBytes { CRC32C.software($0) } == 0x62A8_AB43)
        // Incremental == one-shot, across the 8-byte fast path boundary.
        let data = (0..<37).map { UInt8($0 * 7 & 0xFF) }
        let split = data.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[13...]), continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[..<13]))) }
        #expect(split == CRC32C.checksum(data))
        // The hardware and table paths agree on every length and alignment up to 100 bytes
        // (the instruction path works in 32-byte rounds, then words, then bytes).
        let bytes = (0..<108).map { UInt8(($0 * 37 + 11) & 0xFF) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<8 {
                for length in 0...100 {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<start + length])
                    #expect(CRC32C.checksum(slice, continuing: 0x1234) == CRC32C.software(slice, continuing: 0x1234))
                }
            }
        }
    }

    @Test("a JSON Lines line is the documented object")
    func jsonlLine() throws {
        var record = HypercallRecord(sequence: 7, entryTime: 100, exitTime: 250, source: "kvm", partitionID: 191, partitionRole: .guest,
                                     vpIndex: 1, phase: "idle", inputValue: HypercallInputValue(rawValue: 0x0001_0003_0000_0003), convention: .memory,
                                     inputGPA: 0x1000, outputGPA: 0)
        record.resultValue = HypercallResultValue(rawValue: 0x0000_0003_0000_0000)
        var writer = ByteWriter()
        JSONLEncoding.append(.call(record), to: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == """
            {"type":"call","seq":7,"entry":100,"exit":250,"source":"kvm","partition":191,"role":"guest","vp":1,"phase":"idle",\
            "hiv":"0x0001000300000003","code":"0x0003","name":"HvCallFlushVirtualAddressList","convention":"memory",\
            "inputGpa":"0x1000","outputGpa":"0x0","hrv":"0x0000000300000000","status":"HV_STATUS_SUCCESS","repsCompleted":3}

            """)
    }
}
