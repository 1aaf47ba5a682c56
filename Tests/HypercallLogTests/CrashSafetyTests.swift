#if canImport(Glibc)
import Glibc
#endif
import Testing
import HypercallABI
@testable import HypercallLog

/// Writes `entries` unbatched and returns the file's bytes and its size after the header and after
/// each entry, as observed on disk (not computed by the format code).
private func writeObservingBoundaries(_ entries: [LogEntry], to path: String) throws -> (bytes: [UInt8], boundaries: [Int]) {
    let writer = try HVLWriter(path: path, header: SampleEntries.header, batchBytes: 0, flushInterval: nil)
    var boundaries = [fileSize(path)]
    for entry in entries {
        try writer.append(entry)
        boundaries.append(fileSize(path))
    }
    try writer.close()
    return (try fileBytes(path), boundaries)
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : -1
}

func fileBytes(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw LogIOError(path: path, operation: "open", errno: errno) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let got = fread(&chunk, 1, chunk.count, file)
        if got == 0 { break }
        bytes += chunk[0..<got]
    }
    return bytes
}

func writeBytes(_ bytes: [UInt8], to path: String) {
    let file = fopen(path, "wb")!
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

@Suite("hvl crash safety")
struct CrashSafetyTests {
    @Test("a log cut at every byte offset yields exactly the complete entries before the cut")
    func truncationAtEveryOffset() throws {
        let directory = temporaryDirectory()
        let entries = SampleEntries.make(count: 24)
        let (bytes, boundaries) = try writeObservingBoundaries(entries, to: directory + "/full.hvl")
        #expect(boundaries.count == entries.count + 1)
        let cutPath = directory + "/cut.hvl"
        for cut in 0...bytes.count {
            writeBytes(Array(bytes[0..<cut]), to: cutPath)
            if cut < boundaries[0] {
                #expect(throws: LogReadError.self, "cut \(cut) inside the header") { _ = try HVLReader(path: cutPath) }
                continue
            }
            let complete = boundaries.lastIndex { $0 <= cut }!
            let reader = try HVLReader(path: cutPath)
            let read = try readAll(reader)
            #expect(read == Array(entries[0..<complete]), "cut at \(cut)")
            #expect(reader.damage.ignoredTailBytes == cut - boundaries[complete], "cut at \(cut)")
            #expect(reader.damage.skipped.isEmpty)
        }
    }

    @Test("a flipped bit anywhere in any frame is detected and named by offset")
    func everyBitFlipDetected() throws {
        let directory = temporaryDirectory()
        let entries = SampleEntries.make(count: 12)
        let (bytes, boundaries) = try writeObservingBoundaries(entries, to: directory + "/full.hvl")
        let path = directory + "/flipped.hvl"
        var detected = 0
        for offset in boundaries[0]..<bytes.count {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[offset] ^= 1 << UInt8(bit)
                writeBytes(damaged, to: path)
                let frame = boundaries.lastIndex { $0 <= offset }!
                do {
                    _ = try readAll(try HVLReader(path: path))
                    Issue.record("flip of bit \(bit) at offset \(offset) went unnoticed")
                } catch let error as LogReadError {
                    #expect(error.offset == boundaries[frame], "flip at \(offset) reported at \(String(describing: error.offset))")
                    detected += 1
                }
            }
        }
        #expect(detected == (bytes.count - boundaries[0]) * 8)
    }

    @Test("a flipped bit in the header is detected")
    func headerFlipDetected() throws {
        let directory = temporaryDirectory()
        let (bytes, boundaries) = try writeObservingBoundaries(Array(SampleEntries.make(count: 3)), to: directory + "/full.hvl")
        for offset in 0..<boundaries[0] {
            var damaged = bytes
            damaged[offset] ^= 0x10
            writeBytes(damaged, to: directory + "/h.hvl")
            #expect(throws: LogReadError.self, "header flip at \(offset)") { _ = try readAll(try HVLReader(path: directory + "/h.hvl")) }
        }
    }

    @Test("salvage skips a damaged frame in the middle, reports it, and keeps the rest")
    func salvage() throws {
        let directory = temporaryDirectory()
        let entries = SampleEntries.make(count: 20)
        let (bytes, boundaries) = try writeObservingBoundaries(entries, to: directory + "/full.hvl")
        for victim in [0, 7, entries.count - 1] {
            var damaged = bytes
            damaged[boundaries[victim] + 14] ^= 0x40
            let path = directory + "/salvage.hvl"
            writeBytes(damaged, to: path)
            let reader = try HVLReader(path: path, salvage: true)
            var expected = entries
            expected.remove(at: victim)
            #expect(try readAll(reader) == expected)
            #expect(reader.damage.skipped.count == 1)
            #expect(reader.damage.skipped.first?.offset == boundaries[victim])
            #expect(reader.damage.skipped.first?.length == boundaries[victim + 1] - boundaries[victim])
        }
    }
}
