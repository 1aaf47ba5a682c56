import Foundation
import Testing

/// The GDB capture fixtures: the C dispatcher built with gcc, run under a real gdbserver, and the
/// ground truth it writes, compared with what `hvlog record gdb` logged.
enum GDBFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/gdb")
    static let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("profiles")

    /// Compiles the hosted dispatcher into `directory` (gcc -O0 -g -no-pie -pthread, not stripped).
    static func buildDispatcher(in directory: URL) throws -> URL {
        let binary = directory.appendingPathComponent("dispatcher")
        try runTool("/usr/bin/gcc", ["-O0", "-g", "-no-pie", "-pthread", "-o", binary.path, fixtures.appendingPathComponent("dispatcher.c").path])
        return binary
    }

    /// Compiles the freestanding Multiboot image (32-bit, no libc) for QEMU.
    static func buildKernel(in directory: URL) throws -> URL {
        let image = directory.appendingPathComponent("kernel.elf")
        try runTool("/usr/bin/gcc", ["-m32", "-ffreestanding", "-fno-pic", "-fno-pie", "-no-pie", "-fno-stack-protector", "-nostdlib", "-static", "-O0", "-g",
                                     "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments", "-Wl,-T," + fixtures.appendingPathComponent("kernel.ld").path,
                                     "-o", image.path, fixtures.appendingPathComponent("kernel.c").path])
        return image
    }

    /// Runs a tool to completion; throws with its output when it fails.
    @discardableResult
    static func runTool(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw FixtureError("\(path) is missing: run ./scripts/install-deps.sh") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw FixtureError("\(path) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text)") }
        return text
    }

    /// A process whose standard output and error go to a file, to wait for a line in it.
    final class Watched {
        let process = Process()
        private let errorFile: URL
        var stderr: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

        /// Runs `path` through the fixture's `--exec` (signals unblocked) when `launcher` is given.
        init(_ path: String, _ arguments: [String], environment: [String: String]? = nil, launcher: URL? = nil) throws {
            guard FileManager.default.isExecutableFile(atPath: path) else { throw FixtureError("\(path) is missing: run ./scripts/install-deps.sh") }
            errorFile = try scratchDirectory().appendingPathComponent("stderr.txt")
            #expect(FileManager.default.createFile(atPath: errorFile.path, contents: nil))
            // Through the shell, so that the program's output reaches the file unbuffered by Foundation.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let command = launcher.map { [$0.path, "--exec", path] } ?? [path]
            process.arguments = ["-c", "exec \"$0\" \"$@\" >'\(errorFile.path)' 2>&1"] + command + arguments
            if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// Polls standard error until `text` appears; throws after `seconds` or when the process ended without it.
        func waitFor(_ text: String, seconds: Double = 20) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while !stderr.contains(text) {
                guard Date() < deadline else { throw FixtureError("'\(text)' did not appear within \(seconds) s; stderr: \(stderr)") }
                guard process.isRunning || stderr.contains(text) else { throw FixtureError("'\(text)' never appeared; the process ended; stderr: \(stderr)") }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }

        /// Waits for the exit (at most `seconds`).
        func finish(seconds: Double = 120) throws -> Int32 {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning {
                guard Date() < deadline else {
                    kill(process.processIdentifier, SIGKILL)
                    throw FixtureError("\(process.executableURL!.lastPathComponent) did not finish within \(seconds) s; stderr: \(stderr)")
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return process.terminationStatus
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    /// isa-debug-exit's status once the kernel ran every call: (0x10 << 1) | 1.
    static let kernelExitStatus: Int32 = 33

    /// The freestanding kernel under QEMU (TCG), its ground truth on the debug console; with
    /// `gdbSocket`, halted at start (`-S`) with the gdbstub on that Unix socket (waited for).
    static func qemu(kernel: URL, truth: URL, gdbSocket: URL?, launcher: URL) throws -> Watched {
        let gdb = gdbSocket.map { ["-S", "-gdb", "unix:\($0.path),server=on,wait=off"] } ?? []
        let qemu = try Watched("/usr/bin/qemu-system-x86_64", ["-accel", "tcg", "-display", "none", "-nodefaults", "-no-reboot"] + gdb + [
            "-kernel", kernel.path, "-debugcon", "file:\(truth.path)", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"], launcher: launcher)
        let deadline = Date().addingTimeInterval(20)
        while let gdbSocket, !FileManager.default.fileExists(atPath: gdbSocket.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return qemu
    }

    /// gdbserver on a free loopback port (`:0`), with the port it reports.
    static func gdbserver(_ arguments: [String], launcher: URL) throws -> (Watched, port: String) {
        let server = try Watched("/usr/bin/gdbserver", ["--once", "127.0.0.1:0"] + arguments, launcher: launcher)
        try server.waitFor("Listening on port ")
        let line = server.stderr.components(separatedBy: "Listening on port ")[1]
        return (server, String(line.prefix { $0.isNumber }))
    }

    /// One handler invocation, as the ground truth writes it and as it is rebuilt from a log record.
    struct Call: Equatable, CustomStringConvertible {
        var vp: UInt64, partition: UInt64, vtl: UInt64, hiv: UInt64, hrv: UInt64, input: String, output: String
        var description: String { "vp \(vp) part \(partition) vtl \(vtl) hiv \(String(hiv, radix: 16)) hrv \(String(hrv, radix: 16)) in \(input) out \(output)" }
    }

    /// Ground-truth lines grouped by VP, in call order.
    static func truth(_ url: URL) throws -> [UInt64: [Call]] {
        var calls: [UInt64: [Call]] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let field = line.split(separator: " ").map(String.init)
            guard field.count == 14 else { throw FixtureError("ground truth line '\(line)' has \(field.count) fields") }
            let call = Call(vp: UInt64(field[1], radix: 16)!, partition: UInt64(field[3], radix: 16)!, vtl: UInt64(field[5], radix: 16)!,
                            hiv: UInt64(field[7], radix: 16)!, hrv: UInt64(field[9], radix: 16)!,
                            input: field[11] == "-" ? "" : field[11], output: field[13] == "-" ? "" : field[13])
            calls[call.vp, default: []].append(call)
        }
        return calls
    }

    /// The complete calls of a JSON Lines log grouped by VP, in log order.
    static func logged(_ url: URL) throws -> (calls: [UInt64: [Call]], incomplete: Int, phases: [String]) {
        var calls: [UInt64: [Call]] = [:]
        var incomplete = 0
        var phases: [String] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            if object["type"] as? String == "marker" { phases.append(object["text"] as? String ?? ""); continue }
            guard object["type"] as? String == "call" else { continue }
            guard let hrv = object["hrv"] as? String else { incomplete += 1; continue }
            func hex(_ key: String) -> UInt64 { UInt64((object[key] as? String ?? "0x0").dropFirst(2), radix: 16) ?? .max }
            // A missing field becomes a value no ground truth has (.max), so the comparison fails rather than traps.
            func number(_ key: String) -> UInt64 { (object[key] as? Int).flatMap { UInt64(exactly: $0) } ?? .max }
            let call = Call(vp: number("vp"), partition: number("partition"), vtl: number("vtl"), hiv: hex("hiv"), hrv: UInt64(hrv.dropFirst(2), radix: 16)!,
                            input: object["input"] as? String ?? "", output: object["output"] as? String ?? "")
            calls[call.vp, default: []].append(call)
        }
        return (calls, incomplete, phases)
    }

    static func lineCount(_ url: URL) -> Int {
        ((try? String(contentsOf: url, encoding: .utf8)) ?? "").split(separator: "\n").count
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
