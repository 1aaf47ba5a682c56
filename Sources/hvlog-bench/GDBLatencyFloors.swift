import Foundation
import GDBCapture

/// The least a breakpoint logger can cost, measured beside hvlog in `gdb-latency`: a client of the
/// same stub that reads nothing (the stub's and kernel's share), and a ptrace tracer without any
/// stub (the kernel's share alone).
enum GDBLatencyFloors {
    /// hvlog's own RSP client on the same stub, with the same two `Z1` breakpoints as the logger
    /// (the handler's entry, and the return address read once, at the first entry) and the same
    /// narrowed register set, resuming at every stop without reading anything. Returns the number
    /// of breakpoint stops after the first.
    static func nullClient(_ client: GDBRemoteClient, entry: UInt64) throws -> Int {
        guard let description = try client.targetDescription(), let rsp = description.register(named: "rsp"), let rip = description.register(named: "rip") else {
            throw BenchError("the stub describes no x86-64 registers (rsp, rip)")
        }
        guard case .stopped = try client.haltReason() else { throw BenchError("the target is not stopped at the start") }
        _ = try client.narrowRegisterSet(needed: [rsp, rip])
        try client.insertBreakpoint(.hardware, at: entry)
        try client.resume()
        guard case .stopped(_, let thread, _) = try client.waitForStop(shouldInterrupt: { false }).0 else {
            throw BenchError("the target ended before its first hypercall")
        }
        if let thread { client.stopped(in: thread) }
        let registers = try client.readRegisters()
        let stackPointer = littleEndian(registers, at: rsp.offset)
        try client.insertBreakpoint(.hardware, at: littleEndian(try client.readMemory(at: stackPointer, count: 8), at: 0))
        var stops = 0
        while true {
            try client.resume()
            guard case .stopped = try client.waitForStop(shouldInterrupt: { false }).0 else { return stops }
            stops += 1
        }
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    /// Builds Tests/Fixtures/gdb/ptrace_floor.c into `work`.
    static func buildTracer(repository: URL, work: URL) throws -> URL {
        let tracer = work.appendingPathComponent("ptrace_floor")
        try GDBLatencyBenchmark.tool("/usr/bin/gcc", ["-O2", "-o", tracer.path, repository.appendingPathComponent("Tests/Fixtures/gdb/ptrace_floor.c").path])
        return tracer
    }

    /// Runs `command` under the ptrace tracer with hardware breakpoints on `entry` and the return
    /// address; returns the number of breakpoint stops after the first.
    static func ptraceFloor(tracer: URL, entry: UInt64, command: [String], work: URL) throws -> Int {
        let stopsFile = work.appendingPathComponent("ptrace-stops.txt")
        try GDBLatencyBenchmark.tool(tracer.path, [stopsFile.path, String(entry, radix: 16)] + command)
        guard let stops = Int(try String(contentsOf: stopsFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("\(stopsFile.path) holds no stop count")
        }
        return stops
    }
}
