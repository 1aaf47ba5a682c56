import Foundation
import Testing
@testable import HypercallLab

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "hvlog-labtest-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs a shell command line (for the real cpio tool), returning its status and output.
func shell(_ command: String) throws -> (status: Int32, output: String) {
    let result = try HostTools.runCapturing("/bin/sh", ["-c", command + " 2>&1"])
    return (result.status, result.outputText)
}

@Suite("cpio newc archives, checked against GNU cpio")
struct CPIOTests {
    @Test("an archive written by CPIOWriter is listed and extracted by cpio(1) as written")
    func writerAgainstCpio() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archivePath = directory + "/test.cpio"
        let writer = try CPIOWriter(path: archivePath)
        try writer.addFile("/bin/tool", contents: Array("#!/bin/sh\necho hi\n".utf8), mode: 0o755)
        try writer.addFile("lab/odd-size", contents: [1, 2, 3, 4, 5])  // padding after data
        try writer.addFile("lab/empty", contents: [])
        try writer.addSymlink("bin/sh", target: "busybox")
        try writer.addCharacterDevice("dev/console", major: 5, minor: 1)
        try writer.finish()

        let size = (try FileManager.default.attributesOfItem(atPath: archivePath)[.size] as! NSNumber).intValue
        #expect(size % 4 == 0)
        let listing = try shell("cpio -t --quiet < '\(archivePath)'")
        #expect(listing.status == 0)
        #expect(listing.output.split(separator: "\n").map(String.init) == ["bin", "bin/tool", "lab", "lab/odd-size", "lab/empty", "bin/sh", "dev", "dev/console"])

        let extracted = directory + "/out"
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        let extraction = try shell("cd '\(extracted)' && cpio -id --quiet --no-absolute-filenames < '\(archivePath)'")
        #expect(extraction.status == 0, "\(extraction.output)")
        #expect(FileManager.default.contents(atPath: extracted + "/bin/tool") == Data("#!/bin/sh\necho hi\n".utf8))
        #expect(FileManager.default.contents(atPath: extracted + "/lab/odd-size") == Data([1, 2, 3, 4, 5]))
        #expect(FileManager.default.contents(atPath: extracted + "/lab/empty") == Data())
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: extracted + "/bin/sh") == "busybox")
        let mode = (try FileManager.default.attributesOfItem(atPath: extracted + "/bin/tool")[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o755)
        var status = stat()
        #expect(stat(extracted + "/dev/console", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
        // glibc's dev_t: the low 12 bits of the major at bits 8-19, the low 8 bits of the minor at bits 0-7.
        #expect((status.st_rdev >> 8) & 0xFFF == 5 && status.st_rdev & 0xFF == 1)
    }

    @Test("an archive made by cpio -o -H newc is read by CPIOReader, and reading stops at the trailer")
    func readerAgainstCpio() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in/sub", withIntermediateDirectories: true)
        let big = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(big).write(to: URL(fileURLWithPath: directory + "/in/sub/big.bin"))
        try Data("trace\n".utf8).write(to: URL(fileURLWithPath: directory + "/in/trace.txt"))
        // As L1 writes the trace disk: an archive at the start of a larger raw image.
        let made = try shell("cd '\(directory)/in' && printf 'trace.txt\\nsub\\nsub/big.bin\\n' | cpio -o -H newc --quiet > ../disk.raw && truncate -s 1M ../disk.raw")
        #expect(made.status == 0, "\(made.output)")
        let reader = try CPIOReader(path: directory + "/disk.raw")
        #expect(reader.entries.map(\.name) == ["trace.txt", "sub", "sub/big.bin"])
        #expect(reader.entry(named: "sub")?.isDirectory == true)
        let bigEntry = try #require(reader.entry(named: "sub/big.bin"))
        #expect(bigEntry.isRegularFile && bigEntry.size == big.count)
        try reader.copy(bigEntry, to: directory + "/copy.bin")
        #expect(FileManager.default.contents(atPath: directory + "/copy.bin") == Data(big))
        #expect(try reader.contents(of: reader.entry(named: "trace.txt")!) == Array("trace\n".utf8))
    }

    @Test("a disk without an archive, or one cut short, is an error naming the byte offset")
    func damagedArchives() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zeros = directory + "/zeros.raw"
        try Data(count: 4096).write(to: URL(fileURLWithPath: zeros))
        #expect { try CPIOReader(path: zeros) } throws: { ($0 as? LabFailure)?.message.contains("byte offset 0: expected the newc magic 070701") == true }

        let writer = try CPIOWriter(path: directory + "/whole.cpio")
        try writer.addFile("a", contents: Array(repeating: 0x41, count: 300))
        try writer.addFile("b", contents: Array(repeating: 0x42, count: 10))
        try writer.finish()
        let whole = try Data(contentsOf: URL(fileURLWithPath: directory + "/whole.cpio"))
        try whole.prefix(500).write(to: URL(fileURLWithPath: directory + "/cut.cpio"))
        #expect { try CPIOReader(path: directory + "/cut.cpio") } throws: { ($0 as? LabFailure)?.message.contains("inside a header (no TRAILER!!! entry)") == true }
        var corrupt = [UInt8](whole)
        corrupt[6 + 6 * 8] = UInt8(ascii: "Z")  // c_filesize of the first entry
        try Data(corrupt).write(to: URL(fileURLWithPath: directory + "/corrupt.cpio"))
        #expect { try CPIOReader(path: directory + "/corrupt.cpio") } throws: { ($0 as? LabFailure)?.message.contains("byte offset 54: field 7 of the header is not 8 hex digits") == true }
    }

    @Test("an entry added twice is refused")
    func duplicates() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try CPIOWriter(path: directory + "/dup.cpio")
        try writer.addFile("x", contents: [1])
        #expect(throws: LabFailure.self) { try writer.addFile("./x", contents: [2]) }
    }
}
