import Foundation

/// The cpio "newc" format (magic `070701`), as the kernel's initramfs unpacker reads it.
///
/// Source: Linux Documentation/driver-api/early-userspace/buffer-format.rst (docs.kernel.org):
/// a header of the 6-byte magic and 13 fields of 8 ASCII hex digits each (c_ino, c_mode, c_uid,
/// c_gid, c_nlink, c_mtime, c_filesize, c_maj, c_min, c_rmaj, c_rmin, c_namesize including the
/// trailing NUL, c_chksum), then the name and its NUL padded to a multiple of 4 bytes, then the
/// data padded to a multiple of 4; the archive ends with an entry named `TRAILER!!!`.
public enum CPIONewc {
    static let magic = Array("070701".utf8)
    static let headerSize = 6 + 13 * 8
    static let trailerName = "TRAILER!!!"
    /// File type bits of c_mode (S_IFMT and its values, as in stat(2)).
    static let typeMask: UInt32 = 0o170000
    static let regular: UInt32 = 0o100000
    static let directory: UInt32 = 0o040000
    static let symlink: UInt32 = 0o120000
    static let characterDevice: UInt32 = 0o020000

    static func padding(_ count: Int) -> Int { (4 - count % 4) % 4 }
}

/// Writes a newc archive to a file, one entry at a time (each entry's contents are read into memory whole).
public final class CPIOWriter {
    public let path: String
    private let handle: FileHandle
    private var nextInode: UInt32 = 1
    private var written = Set<String>()

    public init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw LabFailure("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Adds a directory, and its parents if not added yet.
    public func addDirectory(_ name: String, mode: UInt32 = 0o755) throws {
        let clean = Self.normalized(name)
        guard !clean.isEmpty, !written.contains(clean) else { return }
        if let slash = clean.lastIndex(of: "/") { try addDirectory(String(clean[..<slash])) }
        try entry(clean, mode: CPIONewc.directory | mode, nlink: 2, data: [])
    }

    /// Adds a file with the given contents.
    public func addFile(_ name: String, contents: [UInt8], mode: UInt32 = 0o644) throws {
        try addParents(of: name)
        try entry(Self.normalized(name), mode: CPIONewc.regular | mode, nlink: 1, data: contents)
    }

    /// Adds a file copied from the host (symbolic links followed), keeping its permission bits.
    public func addFile(_ name: String, copyOf source: String) throws {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: source).resolvingSymlinksInPath().path) } catch {
            throw LabFailure("cannot read \(source): \(error.localizedDescription)")
        }
        let mode = ((attributes[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644) & 0o7777
        guard let contents = FileManager.default.contents(atPath: source) else { throw LabFailure("cannot read \(source)") }
        try addFile(name, contents: [UInt8](contents), mode: mode)
    }

    public func addSymlink(_ name: String, target: String) throws {
        try addParents(of: name)
        try entry(Self.normalized(name), mode: CPIONewc.symlink | 0o777, nlink: 1, data: Array(target.utf8))
    }

    public func addCharacterDevice(_ name: String, major: UInt32, minor: UInt32, mode: UInt32 = 0o600) throws {
        try addParents(of: name)
        try entry(Self.normalized(name), mode: CPIONewc.characterDevice | mode, nlink: 1, data: [], rdev: (major, minor))
    }

    /// Writes the trailer and closes the file.
    public func finish() throws {
        try entry(CPIONewc.trailerName, mode: 0, nlink: 1, data: [], inode: 0)
        try handle.close()
    }

    private func addParents(of name: String) throws {
        let clean = Self.normalized(name)
        if let slash = clean.lastIndex(of: "/") { try addDirectory(String(clean[..<slash])) }
    }

    private func entry(_ name: String, mode: UInt32, nlink: UInt32, data: [UInt8], rdev: (UInt32, UInt32) = (0, 0), inode: UInt32? = nil) throws {
        guard !written.contains(name) else { throw LabFailure("\(path): '\(name)' added twice") }
        written.insert(name)
        let nameBytes = Array(name.utf8) + [0]
        guard data.count <= Int(UInt32.max) else { throw LabFailure("\(path): '\(name)' is larger than 4 GiB, the limit of newc") }
        let ino = inode ?? nextInode
        if inode == nil { nextInode += 1 }
        let fields: [UInt32] = [ino, mode, 0, 0, nlink, 0, UInt32(data.count), 0, 0, rdev.0, rdev.1, UInt32(nameBytes.count), 0]
        var bytes = CPIONewc.magic
        bytes.reserveCapacity(CPIONewc.headerSize + nameBytes.count + data.count + 8)
        for field in fields { bytes += Array(hex8(field).utf8) }
        bytes += nameBytes
        bytes += [UInt8](repeating: 0, count: CPIONewc.padding(bytes.count))
        bytes += data
        bytes += [UInt8](repeating: 0, count: CPIONewc.padding(data.count))
        try handle.write(contentsOf: bytes)
    }

    private func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Archive names are relative: no leading `/` or `./`, no trailing `/`.
    static func normalized(_ name: String) -> String {
        var clean = Substring(name)
        while clean.hasPrefix("/") || clean.hasPrefix("./") { clean = clean.hasPrefix("/") ? clean.dropFirst() : clean.dropFirst(2) }
        while clean.hasSuffix("/") { clean = clean.dropLast() }
        return String(clean)
    }
}

/// Reads a newc archive from the start of a file (a raw disk image may continue after the trailer).
public struct CPIOReader {
    public struct Entry {
        public let name: String
        public let mode: UInt32
        public let size: Int
        /// Byte offset of the data in the file.
        public let dataOffset: Int
        public var isRegularFile: Bool { mode & CPIONewc.typeMask == CPIONewc.regular }
        public var isDirectory: Bool { mode & CPIONewc.typeMask == CPIONewc.directory }
    }

    public let path: String
    public private(set) var entries: [Entry] = []

    /// Reads the headers up to the trailer; the data stays on disk until `contents(of:)` or `copy(_:to:)`.
    public init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LabFailure("\(path): cannot open") }
        defer { try? handle.close() }
        var offset = 0
        while true {
            try handle.seek(toOffset: UInt64(offset))
            let header = [UInt8](try handle.read(upToCount: CPIONewc.headerSize) ?? Data())
            guard header.count == CPIONewc.headerSize else {
                throw LabFailure("\(path): archive ends at byte \(offset + header.count) inside a header (no TRAILER!!! entry)")
            }
            guard Array(header[0..<6]) == CPIONewc.magic else {
                let shown = header[0..<6].allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? "'\(String(decoding: header[0..<6], as: UTF8.self))'" : "binary bytes"
                throw LabFailure("\(path): byte offset \(offset): expected the newc magic 070701, found \(shown)")
            }
            var fields: [UInt32] = []
            for index in 0..<13 {
                let start = 6 + index * 8
                guard let value = UInt32(String(decoding: header[start..<start + 8], as: UTF8.self), radix: 16) else {
                    throw LabFailure("\(path): byte offset \(offset + start): field \(index + 1) of the header is not 8 hex digits")
                }
                fields.append(value)
            }
            let nameSize = Int(fields[11]), size = Int(fields[6])
            guard nameSize >= 1, nameSize <= 4096 else { throw LabFailure("\(path): byte offset \(offset + 94): name size \(nameSize) out of range") }
            let nameBytes = [UInt8](try handle.read(upToCount: nameSize) ?? Data())
            guard nameBytes.count == nameSize, nameBytes.last == 0 else {
                throw LabFailure("\(path): byte offset \(offset + CPIONewc.headerSize): name cut short or not NUL-terminated")
            }
            let name = String(decoding: nameBytes.dropLast(), as: UTF8.self)
            let nameEnd = offset + CPIONewc.headerSize + nameSize
            let dataOffset = nameEnd + CPIONewc.padding(nameEnd)
            if name == CPIONewc.trailerName { break }
            entries.append(Entry(name: CPIOWriter.normalized(name), mode: fields[1], size: size, dataOffset: dataOffset))
            offset = dataOffset + size + CPIONewc.padding(size)
        }
    }

    public func entry(named name: String) -> Entry? { entries.first { $0.name == CPIOWriter.normalized(name) } }

    /// Copies an entry's data into `destination`, in chunks.
    public func copy(_ entry: Entry, to destination: String) throws {
        guard let input = FileHandle(forReadingAtPath: path) else { throw LabFailure("\(path): cannot open") }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination, contents: nil),
              let output = FileHandle(forWritingAtPath: destination) else { throw LabFailure("cannot create \(destination)") }
        defer { try? output.close() }
        try input.seek(toOffset: UInt64(entry.dataOffset))
        var left = entry.size
        while left > 0 {
            let chunk = try input.read(upToCount: min(left, 1 << 20)) ?? Data()
            guard !chunk.isEmpty else { throw LabFailure("\(path): '\(entry.name)' is cut short: \(left) of its \(entry.size) bytes missing") }
            try output.write(contentsOf: chunk)
            left -= chunk.count
        }
    }

    public func contents(of entry: Entry) throws -> [UInt8] {
        guard let input = FileHandle(forReadingAtPath: path) else { throw LabFailure("\(path): cannot open") }
        defer { try? input.close() }
        try input.seek(toOffset: UInt64(entry.dataOffset))
        let data = [UInt8](try input.read(upToCount: entry.size) ?? Data())
        guard data.count == entry.size else { throw LabFailure("\(path): '\(entry.name)' is cut short: \(data.count) of \(entry.size) bytes") }
        return data
    }
}
