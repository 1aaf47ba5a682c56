import Foundation

/// The lab's boot images, built from the installed packages and kept in a cache keyed by a hash
/// of everything they are made from (paths, sizes and modification times of the host files, the
/// contents of hvlog's own guest files): an upgraded package or a changed script rebuilds them.
///
/// - L2's initramfs: static busybox, its init (`Guest/l2-init.sh`) and the workload, compiled here
///   from `Guest/hvlog-tlbstorm.c` with `gcc -static -O2 -pthread`.
/// - L1's initramfs: static busybox, its init (`Guest/l1-init.sh`), the kernel modules for KVM on
///   AMD and the virtio disk (with their dependencies from modules.dep), QEMU with its shared
///   libraries and firmware, the kernel and L2's initramfs for L2. Per-run settings are a second,
///   small cpio appended at run time (the kernel unpacks concatenated archives in turn).
public struct LabImages: Sendable {
    /// Modules L1 loads; modules.dep adds their dependencies (irqbypass, ccp, kvm, virtio, …).
    public static let l1Modules = ["virtio_pci", "virtio_blk", "kvm_amd"]
    /// Firmware QEMU loads for `-machine pc -kernel` with `-nodefaults`, copied to the same paths in L1.
    static let firmware = ["/usr/share/qemu/linuxboot_dma.bin", "/usr/share/qemu/linuxboot.bin", "/usr/share/qemu/kvmvapic.bin"]
    /// Raised when the layout of the images changes, so that old caches are not used.
    static let layoutVersion = "hvlog-lab-images-1"

    public let kernel: LabKernel
    public let directory: String
    /// L1's initramfs without the run settings.
    public var l1Initramfs: String { directory + "/l1-base.cpio" }
    public var kernelImage: String { kernel.imagePath }

    /// `$XDG_CACHE_HOME/hvlog/lab`, else `~/.cache/hvlog/lab`.
    public static var defaultCacheRoot: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/hvlog/lab" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/hvlog/lab"
    }

    /// The images for the installed packages: from the cache when up to date, else built (and
    /// older cached builds removed). `log` is told what happens.
    public static func prepare(cacheRoot: String = defaultCacheRoot, log: (String) -> Void) throws -> LabImages {
        try HostRequirement.checkAll()
        let kernel = try LabKernel.find()
        let inputs = try Inputs(kernel: kernel)
        let key = inputs.key
        let directory = cacheRoot + "/" + key
        let images = LabImages(kernel: kernel, directory: directory)
        if FileManager.default.fileExists(atPath: images.l1Initramfs) {
            log("images: cached in \(directory)")
            return images
        }
        log("images: building for kernel \(kernel.version) into \(directory)")
        try FileManager.default.createDirectory(atPath: cacheRoot, withIntermediateDirectories: true)
        let building = cacheRoot + "/.building-\(key)-\(getpid())"
        try? FileManager.default.removeItem(atPath: building)
        try FileManager.default.createDirectory(atPath: building, withIntermediateDirectories: true)
        do {
            try buildL2(inputs, into: building)
            try buildL1(inputs, into: building)
            try inputs.manifest.write(toFile: building + "/manifest.txt", atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.moveItem(atPath: building, toPath: directory)
        } catch {
            try? FileManager.default.removeItem(atPath: building)
            throw error
        }
        for old in (try? FileManager.default.contentsOfDirectory(atPath: cacheRoot)) ?? [] where old != key {
            try? FileManager.default.removeItem(atPath: cacheRoot + "/" + old)
        }
        return images
    }

    /// Everything the images are made from, found on this host.
    struct Inputs {
        let kernel: LabKernel
        let qemu: String
        let busybox: String
        let gcc: String
        let seabios: String
        /// QEMU's shared libraries and the dynamic loader.
        let libraries: [String]
        let guestFiles: [String: [UInt8]]
        let modulePaths: [String]
        let hostFiles: [String]

        init(kernel: LabKernel) throws {
            self.kernel = kernel
            qemu = try HostRequirement.locate(.qemu)
            busybox = try HostRequirement.locate(.busybox)
            guard HostTools.isStaticELF(busybox) else {
                throw LabFailure("\(busybox) is dynamically linked; the lab's initramfs needs the static one: apt-get install busybox-static")
            }
            gcc = try HostRequirement.locate(.gcc)
            guestFiles = try GuestFiles.load()
            let dependencies = try kernel.moduleDependencies()
            let (paths, missing) = dependencies.loadOrder(for: LabImages.l1Modules)
            guard missing.isEmpty else {
                throw LabFailure("kernel \(kernel.version) has no module \(missing.joined(separator: ", ")) in \(kernel.modulesDirectory)/modules.dep; the lab needs Debian's linux-image-amd64")
            }
            modulePaths = paths
            seabios = try HostRequirement.locate(.seabios)
            libraries = try HostTools.sharedLibraries(of: qemu)
            // The static C library is linked into the workload, so it is an input too.
            let staticLibc = try HostRequirement.locate(.staticLibc)
            hostFiles = [kernel.imagePath, kernel.modulesDirectory + "/modules.dep", qemu, busybox, gcc, staticLibc, seabios]
                + LabImages.firmware.filter { FileManager.default.fileExists(atPath: $0) }
                + libraries + paths.map { kernel.modulesDirectory + "/" + $0 }
        }

        /// One line per input: host files by path, size and modification time (of the file a symbolic
        /// link leads to: `ldd` names libraries by their links, `/usr/bin/gcc` links to `gcc-12`);
        /// guest files by content hash.
        var manifest: String {
            var lines = [LabImages.layoutVersion]
            for path in hostFiles { lines.append(LabImages.fileStamp(path)) }
            for (name, contents) in guestFiles.sorted(by: { $0.key < $1.key }) {
                lines.append("guest/\(name) \(contents.count) \(hexHash(fnv1a(contents)))")
            }
            return lines.joined(separator: "\n") + "\n"
        }

        var key: String { hexHash(fnv1a(Array(manifest.utf8))) }
    }

    /// `PATH SIZE MTIME` of the file `path` names, following symbolic links; size -1 when missing.
    static func fileStamp(_ path: String) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }

    static func buildL2(_ inputs: Inputs, into directory: String) throws {
        let workloadSource = directory + "/hvlog-tlbstorm.c", workload = directory + "/hvlog-tlbstorm"
        try Data(inputs.guestFiles["hvlog-tlbstorm.c"]!).write(to: URL(fileURLWithPath: workloadSource))
        let compile = try HostTools.runCapturing(inputs.gcc, ["-static", "-O2", "-pthread", "-Wall", "-o", workload, workloadSource])
        guard compile.status == 0 else {
            throw LabFailure("gcc -static -O2 -pthread \(workloadSource) failed (is libc6-dev installed?):\n\(compile.errorText)")
        }
        let archive = try CPIOWriter(path: directory + "/l2.cpio")
        try addBase(to: archive, busybox: inputs.busybox, initScript: inputs.guestFiles["l2-init.sh"]!)
        try archive.addFile("bin/hvlog-tlbstorm", copyOf: workload)
        try archive.finish()
        try FileManager.default.removeItem(atPath: workloadSource)
        try FileManager.default.removeItem(atPath: workload)
    }

    static func buildL1(_ inputs: Inputs, into directory: String) throws {
        let archive = try CPIOWriter(path: directory + "/l1-base.cpio")
        try addBase(to: archive, busybox: inputs.busybox, initScript: inputs.guestFiles["l1-init.sh"]!)
        try archive.addDirectory("lab/modules")
        for path in inputs.modulePaths {
            try archive.addFile("lab/modules/" + ModuleDependencies.name(of: path) + ".ko", contents: try inputs.kernel.moduleContents(path))
        }
        try archive.addFile("usr/bin/qemu-system-x86_64", copyOf: inputs.qemu)
        // At the paths ldd names them by: the loader's (PT_INTERP) and its default search directories.
        for library in inputs.libraries { try archive.addFile(library, copyOf: library) }
        try archive.addFile("usr/share/seabios/bios-256k.bin", copyOf: inputs.seabios)
        for file in firmware where FileManager.default.fileExists(atPath: file) {
            try archive.addFile(file, copyOf: file)
        }
        try archive.addFile("lab/vmlinuz", copyOf: inputs.kernel.imagePath)
        try archive.addFile("lab/l2.cpio", copyOf: directory + "/l2.cpio")
        try archive.finish()
    }

    /// The directories, device nodes and busybox every initramfs has, and its /init.
    static func addBase(to archive: CPIOWriter, busybox: String, initScript: [UInt8]) throws {
        for directory in ["bin", "dev", "proc", "sys", "tmp", "lab", "usr/bin", "sys/kernel/tracing"] { try archive.addDirectory(directory) }
        // /dev/console (5, 1) so init has standard streams before devtmpfs is mounted (devices.txt).
        try archive.addCharacterDevice("dev/console", major: 5, minor: 1)
        try archive.addFile("bin/busybox", copyOf: busybox)
        try archive.addSymlink("bin/sh", target: "busybox")
        try archive.addFile("init", contents: initScript, mode: 0o755)
    }

    /// L1's initramfs for one run: the cached image followed by an archive of the run's settings.
    public func l1Initramfs(with settings: String, at path: String) throws {
        let settingsArchive = path + ".settings"
        let archive = try CPIOWriter(path: settingsArchive)
        try archive.addFile("lab/run.conf", contents: Array(settings.utf8))
        try archive.finish()
        defer { try? FileManager.default.removeItem(atPath: settingsArchive) }
        guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path) else {
            throw LabFailure("cannot create \(path)")
        }
        defer { try? output.close() }
        for part in [l1Initramfs, settingsArchive] {
            guard let input = FileHandle(forReadingAtPath: part) else { throw LabFailure("cannot read \(part)") }
            defer { try? input.close() }
            while let chunk = try input.read(upToCount: 1 << 22), !chunk.isEmpty { try output.write(contentsOf: chunk) }
        }
    }
}

/// hvlog's own guest files, shipped as resources of this module.
enum GuestFiles {
    static let names = ["hvlog-tlbstorm.c", "l1-init.sh", "l2-init.sh"]

    static func load() throws -> [String: [UInt8]] {
        guard let directory = Bundle.module.url(forResource: "Guest", withExtension: nil) else {
            throw LabFailure("hvlog's guest files (the Guest resource folder) are missing from the build")
        }
        var files: [String: [UInt8]] = [:]
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw LabFailure("hvlog's guest file \(name) is missing from \(directory.path)")
            }
            files[name] = [UInt8](data)
        }
        return files
    }
}

/// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3, as published by Fowler,
/// Noll and Vo): a cache key, not a security measure.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}

func hexHash(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
