import Foundation

/// A kernel's loadable modules, as modules.dep (written by depmod) lists them.
///
/// Each line of modules.dep is `path: dependency dependency ...`, paths relative to
/// /lib/modules/VERSION, dependencies in the order modprobe loads them last-first (depmod(8),
/// modules.dep(5)). Modules may be compressed (`.ko.xz`, `.ko.zst`, `.ko.gz`); busybox's insmod
/// passes the file to init_module as it is, so compressed modules are decompressed when the image
/// is built.
public struct ModuleDependencies: Sendable {
    /// Dependencies of each module, by path.
    public let dependencies: [String: [String]]
    /// Paths by module name (`kvm_amd` for kernel/arch/x86/kvm/kvm-amd.ko).
    public let pathsByName: [String: String]

    public init(modulesDep text: String, file: String = "modules.dep") throws {
        var dependencies: [String: [String]] = [:], paths: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw LabFailure("\(file):\(index + 1): expected 'module: dependencies', found '\(line.prefix(80))'")
            }
            let path = String(line[..<colon])
            dependencies[path] = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            paths[Self.name(of: path)] = path
        }
        self.dependencies = dependencies
        pathsByName = paths
    }

    /// The module name of a path: the file name without `.ko` and compression suffix, `-` as `_`.
    public static func name(of path: String) -> String {
        var file = Substring(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".xz", ".zst", ".gz"] where file.hasSuffix(suffix) { file = file.dropLast(suffix.count) }
        if file.hasSuffix(".ko") { file = file.dropLast(3) }
        return file.replacingOccurrences(of: "-", with: "_")
    }

    /// The paths to load for `names`, each after everything it depends on, each once.
    /// A name that is not a module of this kernel (built in, or absent) is reported in `missing`.
    public func loadOrder(for names: [String]) -> (paths: [String], missing: [String]) {
        var order: [String] = [], missing: [String] = [], seen = Set<String>()
        func visit(_ path: String) {
            guard seen.insert(path).inserted else { return }
            // modules.dep lists a module's dependencies so that loading them right to left works.
            for dependency in (dependencies[path] ?? []).reversed() { visit(dependency) }
            order.append(path)
        }
        for name in names {
            guard let path = pathsByName[name.replacingOccurrences(of: "-", with: "_")] else {
                missing.append(name)
                continue
            }
            visit(path)
        }
        return (order, missing)
    }
}

/// The kernel the lab boots at both levels: a /boot/vmlinuz-VERSION with its /lib/modules/VERSION.
public struct LabKernel: Sendable {
    public let version: String
    public let imagePath: String
    public let modulesDirectory: String

    /// The newest kernel under `boot` that has modules.dep under `modules`.
    public static func find(boot: String = "/boot", modules: String = "/lib/modules") throws -> LabKernel {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: boot)) ?? []
        let versions = names.filter { $0.hasPrefix("vmlinuz-") }.map { String($0.dropFirst("vmlinuz-".count)) }
            .filter { FileManager.default.fileExists(atPath: "\(modules)/\($0)/modules.dep") }
            .sorted { versionOrder($0, $1) }
        guard let version = versions.last else {
            throw LabFailure("""
                no kernel with modules: no \(boot)/vmlinuz-VERSION with a \(modules)/VERSION/modules.dep. \
                Install the Debian package linux-image-amd64 (apt-get install linux-image-amd64)
                """)
        }
        guard access("\(boot)/vmlinuz-\(version)", R_OK) == 0 else {
            throw LabFailure("\(boot)/vmlinuz-\(version) is not readable: run as root (Debian's kernel images are readable by root only on some systems)")
        }
        return LabKernel(version: version, imagePath: "\(boot)/vmlinuz-\(version)", modulesDirectory: "\(modules)/\(version)")
    }

    public func moduleDependencies() throws -> ModuleDependencies {
        let file = "\(modulesDirectory)/modules.dep"
        guard let data = FileManager.default.contents(atPath: file) else { throw LabFailure("\(file): cannot read") }
        return try ModuleDependencies(modulesDep: String(decoding: data, as: UTF8.self), file: file)
    }

    /// The module file's contents, decompressed with xz, zstd or gzip when it is compressed.
    public func moduleContents(_ path: String) throws -> [UInt8] {
        let full = "\(modulesDirectory)/\(path)"
        let tools: [(suffix: String, command: String, package: String)] = [(".xz", "xz", "xz-utils"), (".zst", "zstd", "zstd"), (".gz", "gzip", "gzip")]
        guard let tool = tools.first(where: { path.hasSuffix($0.suffix) }) else {
            guard let data = FileManager.default.contents(atPath: full) else { throw LabFailure("\(full): cannot read") }
            return [UInt8](data)
        }
        guard let executable = HostTools.which(tool.command) else {
            throw LabFailure("\(full) is compressed and \(tool.command) is missing: apt-get install \(tool.package)")
        }
        let result = try HostTools.runCapturing(executable, ["-dc", full])
        guard result.status == 0 else { throw LabFailure("\(tool.command) -dc \(full) failed: \(result.errorText)") }
        return result.output
    }
}

/// `a < b` for kernel versions such as 6.1.0-56-amd64: numeric runs compare as numbers.
func versionOrder(_ a: String, _ b: String) -> Bool {
    enum Either: Comparable { case number(Int), text(String) }
    func parts(_ text: String) -> [Either] {
        var result: [Either] = [], current = "", numeric = false
        for character in text {
            if character.isNumber != numeric, !current.isEmpty {
                result.append(numeric ? .number(Int(current) ?? 0) : .text(current))
                current = ""
            }
            numeric = character.isNumber
            current.append(character)
        }
        if !current.isEmpty { result.append(numeric ? .number(Int(current) ?? 0) : .text(current)) }
        return result
    }
    let left = parts(a), right = parts(b)
    for (x, y) in zip(left, right) where x != y { return x < y }
    return left.count < right.count
}
