#if canImport(Glibc)
import Glibc
#endif
import HypercallLog

/// Removes the logger's breakpoints when the logger dies without doing it itself (SIGKILL, a
/// crash): a separate process that holds a duplicate of the logger's own connection to the stub
/// (inherited when the logger starts it), so that the connection outlives the logger — a stub such
/// as gdbserver `--once` would otherwise detach on the dropped connection and leave the breakpoints
/// in the target. The logger tells it over a pipe each breakpoint it keeps in the target
/// (`+ software 401264`), each it removes (`- software 401264`), and `done` once it has cleaned up.
/// If the pipe closes without `done`, the watchdog takes the connection over where the logger left
/// it: possibly mid-packet, with replies in flight, the target stopped or running.
public enum BreakpointWatchdog {
    /// One line of the pipe protocol.
    public static func line(inserted: Bool, _ kind: BreakpointKind, _ address: UInt64) -> String {
        "\(inserted ? "+" : "-") \(kind.rawValue) \(String(address, radix: 16))\n"
    }

    public static let doneLine = "done\n"

    /// Reads the pipe (`input`) until `done` or end of file; on end of file without `done` cleans up
    /// through `connection`. `note` reports what it did.
    public static func watch(input: Int32, connection: RSPConnection, note: (String) -> Void) {
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
        note("the logger ended without removing its \(breakpoints.count) breakpoints: removing them through its connection to \(connection.target)")
        do {
            try takeOver(connection)
            let client = GDBRemoteClient(connection: connection)
            for (kind, address) in breakpoints.reversed() {
                // A breakpoint the logger had just lifted to step over it may be gone already: the stub says so, nothing lost.
                do { try client.removeBreakpoint(kind, at: address) } catch {
                    note("breakpoint at 0x\(String(address, radix: 16)): \(error)")
                }
            }
            try client.detach()
            note("removed \(breakpoints.count) breakpoints and detached from \(connection.target); the target runs on")
        } catch {
            note("could not clean up through \(connection.target): \(error)")
        }
    }

    /// How long the stub must stay silent before the stream counts as drained.
    static let quietSeconds = 0.3

    /// Brings the connection to a known state: the target stopped, nothing in flight.
    ///
    /// 1. `#00` ends a packet the logger may have been killed in the middle of writing (the stub
    ///    then answers or rejects a garbled packet; between packets it skips bytes until `$`).
    /// 2. Whatever is in flight — replies to a pipelined batch, a stop reply — is read and dropped
    ///    until the stub stays quiet (`RSPDecoder` resynchronises at the next `$`).
    /// 3. `?` is sent: a stopped target's stub answers it with a stop reply. No answer means the
    ///    target runs (a running gdbserver discards what is not the interrupt byte): then the
    ///    interrupt byte stops it. The byte is never sent to a stopped target: gdbserver would pass
    ///    it on as SIGINT (`request_interrupt`) and the target would get it after the detach.
    /// 4. Once stopped, the stream is drained again (a late answer to `?`).
    static func takeOver(_ connection: RSPConnection) throws(GDBError) {
        try connection.sendRaw(Array("#00".utf8))
        try drain(connection)
        try connection.sendRaw(RSPCodec.frame("?".utf8)) // not `send`: a running stub acknowledges nothing
        var stopped = false
        let deadline = MonotonicClock.seconds() + 1
        while !stopped, MonotonicClock.seconds() < deadline {
            if let payload = try? connection.receive(timeout: 0.1, waitingFor: "a stop reply", allowTimeout: true),
               (try? StopReply.parse(payload)) ?? nil != nil {
                stopped = true
            }
        }
        if !stopped {
            try connection.sendInterrupt()
            let limit = MonotonicClock.seconds() + 10
            while !stopped {
                guard MonotonicClock.seconds() < limit else { throw .timeout("\(connection.target) did not stop on the interrupt byte") }
                if let payload = try? connection.receive(timeout: 0.1, waitingFor: "a stop reply", allowTimeout: true),
                   (try? StopReply.parse(payload)) ?? nil != nil {
                    stopped = true
                }
            }
        }
        try drain(connection)
    }

    /// Reads and drops packets until none arrives for `quietSeconds` (at most 5 s in all).
    static func drain(_ connection: RSPConnection) throws(GDBError) {
        let limit = MonotonicClock.seconds() + 5
        while MonotonicClock.seconds() < limit {
            let result: Result<[UInt8]?, GDBError> = Result { () throws(GDBError) in
                try connection.receive(timeout: quietSeconds, waitingFor: "the end of the logger's exchange", allowTimeout: true)
            }
            switch result {
            case .success(nil): return
            case .success: continue
            case .failure(.protocolError): continue // a torn packet
            case .failure(let error): throw error
            }
        }
    }
}
