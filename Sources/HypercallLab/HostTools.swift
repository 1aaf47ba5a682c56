import Foundation

/// What the lab needs from the host, each with the Debian package that provides it.
public struct HostRequirement: Sendable {
    /// What it is for, said to the user.
    public let purpose: String
    /// Paths to try, first found wins.
    public let paths: [String]
    public let debianPackage: String

    public static let qemu = HostRequirement(purpose: "QEMU (L0 in TCG mode, and the L1 hypervisor's VMM)", paths: ["/usr/bin/qemu-system-x86_64"], debianPackage: "qemu-system-x86")
    public static let seabios = HostRequirement(purpose: "SeaBIOS, QEMU's PC firmware", paths: ["/usr/share/seabios/bios-256k.bin", "/usr/share/qemu/bios-256k.bin"], debianPackage: "seabios")
    public static let linuxBootROM = HostRequirement(purpose: "QEMU's Linux boot option ROM", paths: ["/usr/share/qemu/linuxboot_dma.bin"], debianPackage: "qemu-system-data")
    public static let vapicROM = HostRequirement(purpose: "QEMU's TPR-patching option ROM", paths: ["/usr/share/qemu/kvmvapic.bin"], debianPackage: "qemu-system-data")
    public static let busybox = HostRequirement(purpose: "a statically linked busybox (the init and shell of L1 and L2)", paths: ["/bin/busybox", "/usr/bin/busybox"], debianPackage: "busybox-static")
    public static let gcc = HostRequirement(purpose: "gcc (builds the guest workload statically)", paths: ["/usr/bin/gcc"], debianPackage: "gcc")
    public static let staticLibc = HostRequirement(purpose: "the static C library (for the workload)", paths: ["/usr/lib/x86_64-linux-gnu/libc.a"], debianPackage: "libc6-dev")
    public static let ldd = HostRequirement(purpose: "ldd (finds QEMU's shared libraries)", paths: ["/usr/bin/ldd"], debianPackage: "libc-bin")

    /// The lab's requirements besides the kernel (found by `LabKernel.find`).
    public static let all = [qemu, seabios, linuxBootROM, vapicROM, busybox, gcc, staticLibc, ldd]

    public var foundPath: String? { paths.first { access($0, R_OK) == 0 } }

    /// The path of the first requirement found, or a failure naming the package to install.
    public static func locate(_ requirement: HostRequirement) throws -> String {
        guard let path = requirement.foundPath else {
            throw LabFailure("missing \(requirement.purpose): none of \(requirement.paths.joined(separator: ", ")). Install it with: apt-get install \(requirement.debianPackage)")
        }
        return path
    }

    /// Every requirement missing, as one failure naming all the packages to install.
    public static func checkAll() throws {
        let missing = all.filter { $0.foundPath == nil }
        guard !missing.isEmpty else { return }
        var packages: [String] = []
        for requirement in missing where !packages.contains(requirement.debianPackage) { packages.append(requirement.debianPackage) }
        throw LabFailure("missing: " + missing.map { "\($0.purpose) (\($0.debianPackage))" }.joined(separator: "; ")
                         + ".\nInstall with: apt-get install " + packages.joined(separator: " ") + " (or run ./scripts/install-deps.sh)")
    }
}

/// Small helpers for host programs: finding them, running them to completion, ELF checks.
public enum HostTools {
    public struct Result {
        public let status: Int32
        public let output: [UInt8]
        public let errorText: String
        public var outputText: String { String(decoding: output, as: UTF8.self) }
    }

    public static func which(_ command: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        return (path.split(separator: ":").map { "\($0)/\(command)" } + ["/usr/sbin/\(command)", "/sbin/\(command)"])
            .first { access($0, X_OK) == 0 }
    }

    /// Runs a program to completion; its standard error goes to a temporary file so neither pipe can block.
    public static func runCapturing(_ executable: String, _ arguments: [String], workingDirectory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let errorPath = NSTemporaryDirectory() + "hvlog-lab-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw LabFailure("cannot run \(executable): \(error.localizedDescription)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let errors = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Result(status: process.terminationStatus, output: [UInt8](data), errorText: String(decoding: errors, as: UTF8.self))
    }

    /// The shared libraries a dynamically linked program loads, with the dynamic loader, as ldd(1) lists them.
    /// ldd prints `name => /path (address)` per library and `/path/ld-linux… (address)` for the loader.
    public static func sharedLibraries(of executable: String) throws -> [String] {
        let ldd = try HostRequirement.locate(.ldd)
        let result = try runCapturing(ldd, [executable])
        guard result.status == 0 else { throw LabFailure("ldd \(executable) failed: \(result.errorText)\(result.outputText)") }
        return try parseLdd(result.outputText, program: executable)
    }

    static func parseLdd(_ text: String, program: String) throws -> [String] {
        var libraries: [String] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.contains("not found") {
                throw LabFailure("\(program) needs a shared library that is not installed: \(trimmed)")
            }
            let candidate = trimmed.contains("=>") ? String(trimmed.split(separator: ">", maxSplits: 1)[1]) : trimmed
            guard let path = candidate.trimmingCharacters(in: .whitespaces).split(separator: " ").first, path.hasPrefix("/") else { continue }
            libraries.append(String(path))
        }
        return libraries
    }

    /// Whether an ELF file has no program interpreter (PT_INTERP), i.e. runs without a dynamic loader.
    /// ELF-64 header: e_phoff at byte 0x20 (8 bytes), e_phentsize at 0x36 and e_phnum at 0x38 (2 bytes
    /// each); each program header starts with its 4-byte p_type; PT_INTERP is 3 (elf(5)).
    public static func isStaticELF(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 64,
              data.prefix(4).elementsEqual([0x7F, 0x45, 0x4C, 0x46]), data[data.startIndex + 4] == 2 else { return false }
        let bytes = [UInt8](data)
        func little(_ offset: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        let phoff = little(0x20, 8), phentsize = little(0x36, 2), phnum = little(0x38, 2)
        for index in 0..<phnum {
            let start = phoff + index * phentsize
            guard start + 4 <= bytes.count else { return false }
            if little(start, 4) == 3 { return false }
        }
        return true
    }
}
