#if canImport(Glibc)
import Glibc
#endif

/// Removes the logger's breakpoints when the logger dies without doing it itself (SIGKILL, a
/// crash): a separate process that the logger tells, over a pipe, each breakpoint it keeps in the
/// target (`+ software 401264`), each it removes (`- software 401264`), and `done` once it has
/// cleaned up. If the pipe closes without `done`, the watchdog connects to the stub again (gdbserver
/// without `--once` and QEMU's gdbstub accept a new connection), stops the target, removes every
/// breakpoint still listed, and detaches so the target runs on.
public enum BreakpointWatchdog {
    /// One line of the pipe protocol.
    public static func line(inserted: Bool, _ kind: BreakpointKind, _ address: UInt64) -> String {
        "\(inserted ? "+" : "-") \(kind.rawValue) \(String(address, radix: 16))\n"
    }

    public static let doneLine = "done\n"

    /// Reads the pipe (`input`) until `done` or end of file; on end of file without `done` cleans up
    /// through a new connection to `target`. `note` reports what it did.
    public static func watch(input: Int32, target: String, reconnectFor seconds: Double = 60, trace: ((String) -> Void)? = nil, note: (String) -> Void) {
        var breakpoints: [(BreakpointKind, UInt64)] = []
        var pending = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(input, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending += String(decoding: buffer[..<count], as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let fields = pending[..<newline].split(separator: " ")
                pending = String(pending[pending.index(after: newline)...])
                if fields == ["done"] { return }
                guard fields.count == 3, let kind = BreakpointKind(rawValue: String(fields[1])), let address = UInt64(fields[2], radix: 16) else { continue }
                if fields[0] == "+" { breakpoints.append((kind, address)) } else { breakpoints.removeAll { $0 == (kind, address) } }
            }
        }
        guard !breakpoints.isEmpty else { return }
        note("the logger ended without removing its \(breakpoints.count) breakpoints: reconnecting to \(target) to remove them")
        let start = RSPConnection.monotonicSeconds()
        let deadline = start + seconds
        while true {
            do {
                let connection: RSPConnection
                do { connection = try RSPConnection(target: target, timeout: 20) } catch {
                    // Nobody listens for 2 s: the stub has ended (QEMU exited), and its breakpoints with it.
                    if RSPConnection.monotonicSeconds() - start > 2 { note("\(target) is gone (\(error)); nothing left to clean up"); return }
                    throw error
                }
                connection.trace = trace
                let client = GDBRemoteClient(connection: connection)
                client.timeout = 20 // gdbserver answers a new connection only once the running target has stopped
                try client.handshake()
                try client.connection.sendInterrupt()
                _ = try? client.waitForStop(limit: 1) { false }
                for (kind, address) in breakpoints.reversed() {
                    do { try client.removeBreakpoint(kind, at: address) } catch {
                        note("breakpoint at 0x\(String(address, radix: 16)): \(error)")
                    }
                }
                try client.detach()
                note("removed \(breakpoints.count) breakpoints and detached from \(target)")
                return
            } catch {
                trace?("attempt failed: \(error)")
                if RSPConnection.monotonicSeconds() > deadline {
                    note("could not clean up through \(target): \(error)")
                    return
                }
                usleep(100_000)
            }
        }
    }
}
