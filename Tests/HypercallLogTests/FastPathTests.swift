import Testing
import HypercallABI
import DeterministicRandom
@testable import HypercallLog

@Suite("fast paths agree with the general code")
struct FastPathTests {
    @Test("the canonical-order JSONL fast path reads the writer's lines as the general parser does, or declines")
    func jsonlFastPath() throws {
        var taken = 0, calls = 0
        for entry in SampleEntries.make(count: 400) {
            var writer = ByteWriter()
            JSONLEncoding.append(entry, to: &writer)
            let line = writer.bytes.dropLast()  // the newline
            try Array(line).withUnsafeBytes { bytes in
                let general = try JSONLReader.parseEntry(bytes)
                #expect(general == entry)
                if case .call(let record) = entry {
                    calls += 1
                    let fast = JSONLFastPath.parseCall(bytes)
                    // It declines only lines with escaped strings (the samples' "note" attribute).
                    let hasEscapes = record.attributes.contains { $0.value.contains("\"") }
                    #expect(fast == (hasEscapes ? nil : record), "fast path on seq \(record.sequence)")
                    if fast != nil { taken += 1 }
                } else {
                    #expect(JSONLFastPath.parseCall(bytes) == nil)
                }
            }
        }
        #expect(taken > calls / 2)
    }

    @Test("with a reader's cache, the JSONL fast path still reads every line as the general parser does")
    func jsonlFastPathWithCache() throws {
        let cache = EntryDecodeCache()
        var random = SplitMix64(seed: 7)
        var taken = 0
        // Repeated and new attribute texts (values with braces, a prefix of another list), blocks
        // of every size around the cached limit, repeated and new.
        let attributeLists: [[RecordAttribute]] = [
            [], [RecordAttribute("flush.flags", "0x3")], [RecordAttribute("flush.flags", "0x3"), RecordAttribute("vector", "0xfd")],
            [RecordAttribute("a", "x}y")], [RecordAttribute("a", "x}y"), RecordAttribute("b", "{}")], [RecordAttribute("a", "x")],
        ]
        for index in 0..<600 {
            var record = HypercallRecord(sequence: UInt64(index), source: "kvm", inputValue: HypercallInputValue(rawValue: UInt64(index % 7)))
            record.attributes = attributeLists[Int(random.next() % UInt64(attributeLists.count))]
            let inputCount = Int(random.next() % 41), outputCount = Int(random.next() % 3) * 8
            record.input = (0..<inputCount).map { _ in UInt8(truncatingIfNeeded: random.next() % 3) }
            record.output = [UInt8](repeating: UInt8(index % 2), count: outputCount)
            var writer = ByteWriter()
            JSONLEncoding.append(.call(record), to: &writer)
            try Array(writer.bytes.dropLast()).withUnsafeBytes { bytes in
                let general = try JSONLReader.parseEntry(bytes)
                #expect(general == .call(record))
                if let fast = JSONLFastPath.parseCall(bytes, cache: cache) {
                    #expect(fast == record, "seq \(index)")
                    taken += 1
                }
            }
        }
        #expect(taken > 300)  // only lists whose values hold a brace may go to the general parser
    }

    @Test("lines in another member order or spacing fall back to the general parser, with the same result")
    func jsonlFallback() throws {
        let reordered = #"{"seq":3,"type":"call","hiv":"0x2","role":"guest","source":"x"}"#
        let spaced = #"{"type": "call", "seq": 3, "source": "x", "role": "guest", "hiv": "0x2"}"#
        for text in [reordered, spaced] {
            try Array(text.utf8).withUnsafeBytes { bytes in
                #expect(JSONLFastPath.parseCall(bytes) == nil)
                guard case .call(let record) = try JSONLReader.parseEntry(bytes) else { Issue.record("not a call"); return }
                #expect(record.sequence == 3 && record.callCode == HypercallCode(2) && record.source == "x" && record.partitionRole == .guest)
            }
        }
    }

    @Test("the JSONL fast path finds a quote, backslash or control character at every position of a string, or none")
    func jsonlStringScan() throws {
        for special in ["\"", "\\", "\u{1}", "\t", "\u{1F}", ""] {
            for length in 0..<20 {
                for position in 0...length {
                    // Non-ASCII bytes (0x80 and up) around the special character must not count as special.
                    var text = String(repeating: "\u{E9}x", count: length / 2) + (length % 2 == 1 ? "y" : "")
                    text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: min(position, text.count)))
                    let record = HypercallRecord(sequence: 1, source: "kvm", phase: text, inputValue: HypercallInputValue(rawValue: 2))
                    var writer = ByteWriter()
                    JSONLEncoding.append(.call(record), to: &writer)
                    try Array(writer.bytes.dropLast()).withUnsafeBytes { bytes in
                        let parsed = try JSONLReader.parseEntry(bytes)
                        #expect(parsed == .call(record))
                        #expect(JSONLFastPath.parseCall(bytes) == (special.isEmpty ? record : nil), "\(special.debugDescription) at \(position) of \(length)")
                    }
                }
            }
        }
    }

    @Test("a reader's decode cache gives what decoding the bytes gives: every length, repeats, collisions")
    func hvlDecodeCache() throws {
        let path = temporaryDirectory() + "/cache.hvl"
        // Strings and blocks of every length around the cache limits, each several times and in
        // changing company, so that entries hit, miss and replace each other in the cache.
        var entries: [LogEntry] = []
        for index in 0..<600 {
            let length = index % 61, blobLength = index % 21
            let text = String(repeating: "ab\u{E9}"[String.Index(utf16Offset: index % 3, in: "ab\u{E9}")], count: length)
            var record = HypercallRecord(sequence: UInt64(index), source: index % 2 == 0 ? "kvm" : "k" + text, phase: text,
                                         inputValue: HypercallInputValue(rawValue: UInt64(index % 7)))
            record.input = (0..<blobLength).map { UInt8(truncatingIfNeeded: $0 &+ index % 5) }
            record.output = Array(record.input.reversed())
            record.attributes = (0..<index % 4).map { RecordAttribute("k\($0)" + text.prefix($0), String(index % (3 + $0))) }
            entries.append(.call(record))
        }
        let writer = try HVLWriter(path: path, header: SampleEntries.header)
        for entry in entries { try writer.append(entry) }
        try writer.close()
        #expect(try readAll(HVLReader(path: path)) == entries)
        // The cache itself, with one slot: every store replaces the last, and a lookup never confuses them.
        var cache = ContentCache<String>(slots: 1, maxLength: 8)
        var decodes = 0
        for text in ["kvm", "gdb", "kvm", "kvm", "kv", "kvmx", "123456789", "kvm"] {
            let value = Array(text.utf8).withUnsafeBytes { bytes in
                cache.value(for: bytes) { decodes += 1; return String(decoding: $0, as: UTF8.self) }
            }
            #expect(value == text)
        }
        #expect(decodes == 7)  // only the repeated "kvm" right after "kvm" is a hit
    }

    @Test("zero-copy .hvl views show the same fields as the materialized entries")
    func hvlViews() throws {
        let path = temporaryDirectory() + "/views.hvl"
        let entries = SampleEntries.make(count: 300)
        let writer = try HVLWriter(path: path, header: SampleEntries.header)
        for entry in entries { try writer.append(entry) }
        try writer.close()
        let reader = try HVLReader(path: path)
        var index = 0
        while let view = try reader.nextView() {
            let entry = entries[index]
            #expect(try view.materialize() == entry)
            #expect(view.sequence == entry.sequence)
            switch entry {
            case .call(let record):
                #expect(view.isCall)
                #expect(view.inputValue == record.inputValue && view.partitionRole == record.partitionRole && view.convention == record.convention)
                #expect(view.entryTime == record.entryTime && view.exitTime == record.exitTime && view.partitionID == record.partitionID)
                #expect(view.vpIndex == record.vpIndex && view.vtl == record.vtl && view.callerIP == record.callerIP)
                #expect(view.resultValue == record.resultValue && view.inputGPA == record.inputGPA && view.outputGPA == record.outputGPA)
                #expect(view.repGroup == record.repGroup && view.attributeCount == record.attributes.count)
                #expect(Array(view.sourceBytes) == Array(record.source.utf8) && Array(view.phaseBytes) == Array(record.phase.utf8))
                #expect(Array(view.inputBytes) == record.input && Array(view.outputBytes) == record.output)
            case .marker(let marker):
                #expect(!view.isCall)
                #expect(view.markerTime == marker.time && view.markerKind == marker.kind)
                #expect(Array(view.phaseBytes) == Array(marker.text.utf8))
            }
            index += 1
        }
        #expect(index == entries.count)
    }
}
