#if canImport(Glibc)
import Glibc
#endif
import HypercallLog

/// A byte stream to a GDB stub over TCP (`HOST:PORT`), a Unix socket (`unix:PATH`, or a path
/// containing `/`), or the standard input and output of a stub hvlog starts itself (`|COMMAND`, as
/// GDB's `target remote | COMMAND`, e.g. `|gdbserver - ./program`: a socket pair, no network stack),
/// with packet send/receive, acknowledgements and timeouts. The state read at every packet is
/// `@exclusivity(unchecked)`: a connection is used by one thread and no access to it overlaps
/// another, so the run-time exclusivity check would only cost (as in `StopSnapshot`).
public final class RSPConnection {
    /// The target as the user named it, for messages.
    public let target: String
    @exclusivity(unchecked) private var descriptor: Int32
    @exclusivity(unchecked) private var decoder = RSPDecoder()
    @exclusivity(unchecked) private var pushedBack: [UInt8]?
    /// Where `read` puts the bytes, kept from call to call.
    @exclusivity(unchecked) private var chunk = [UInt8](repeating: 0, count: 65536)
    /// After `QStartNoAckMode` succeeded: no `+`/`-` in either direction.
    public var noAckMode = false
    /// Bytes and packets exchanged, for statistics.
    public private(set) var packetsSent = 0
    public private(set) var packetsReceived = 0
    /// Writes to the socket (a pipelined batch is one).
    public private(set) var writes = 0
    /// Called with every packet sent (`->`) and received (`<-`), for debugging (`HVLOG_GDB_TRACE=1`).
    public var trace: ((String) -> Void)?
    /// Called, without formatting anything, with each packet received and with the last packet of
    /// each write (`sent` true) — for measuring where the time between a stop and its resume goes.
    public var observer: ((_ sent: Bool, _ payload: [UInt8]) -> Void)?

    /// Connects, trying each address the host resolves to; `timeout` bounds each attempt.
    public init(target: String, timeout: Double = 5) throws(GDBError) {
        self.target = target
        if target.hasPrefix("|") {
            (descriptor, stub) = try Self.startStub(command: String(target.dropFirst()))
        } else if target.hasPrefix("unix:") || target.contains("/") {
            let path = target.hasPrefix("unix:") ? String(target.dropFirst(5)) : target
            descriptor = try Self.connectUnix(path: path)
        } else {
            guard let colon = target.lastIndex(of: ":"), let port = UInt16(target[target.index(after: colon)...]) else {
                throw .connection("'\(target)' is not HOST:PORT, unix:PATH or a socket path")
            }
            var host = String(target[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            descriptor = try Self.connectTCP(host: host.isEmpty ? "127.0.0.1" : host, port: port, timeout: timeout)
        }
        readsTimeOut = Self.setReadSlice(descriptor)
    }

    /// The stub hvlog started for a `|COMMAND` target (reaped on `close`).
    public private(set) var stub: pid_t?

    /// Takes over a connected socket, e.g. one inherited from the process that opened it.
    public init(adopting descriptor: Int32, target: String, noAckMode: Bool) {
        self.target = target
        self.descriptor = descriptor
        self.noAckMode = noAckMode
        readsTimeOut = Self.setReadSlice(descriptor)
    }

    /// The socket (close-on-exec: a child gets it only when it is passed on deliberately).
    public var fileDescriptor: Int32 { descriptor }

    deinit { close() }

    /// Closes the socket (idempotent); waits up to 2 s for a stub hvlog started to exit (gdbserver
    /// does once its connection is closed), then leaves it.
    public func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
        if let stub {
            self.stub = nil
            var status: Int32 = 0
            for _ in 0..<200 where waitpid(stub, &status, WNOHANG) == 0 { usleep(10_000) }
        }
    }

    public var isOpen: Bool { descriptor >= 0 }

    // MARK: Sending

    /// Sends one packet; outside no-ack mode waits for `+` and resends on `-` (at most 3 times).
    public func send(_ payload: [UInt8], timeout: Double = 5) throws(GDBError) {
        let framed = RSPCodec.frame(payload)
        var attempts = 0
        while true {
            try writeAll(framed)
            packetsSent += 1
            trace?("-> " + Self.describe(payload))
            observer?(true, payload)
            if noAckMode { return }
            switch try nextEvent(timeout: timeout, waitingFor: "the acknowledgement of '\(Self.describe(payload))'") {
            case .ack: return
            case .nak:
                attempts += 1
                if attempts >= 3 { throw .protocolError("the stub rejected '\(Self.describe(payload))' three times (bad checksum)") }
            case .packet(let reply):
                // A stub that answers without '+' is already in no-ack mode (a client before us
                // switched it): keep the reply for `receive` and stop acknowledging.
                noAckMode = true
                pushedBack = reply
                packetsReceived += 1
                trace?("<- " + Self.describe(reply) + " (no '+': the stub is in no-ack mode)")
                return
            case .corrupt:
                throw .protocolError("expected '+' after '\(Self.describe(payload))', got a corrupt packet")
            }
        }
    }

    /// Sends several packets in one write (no-ack mode only: nothing to wait for between them).
    public func send(batch payloads: [[UInt8]]) throws(GDBError) {
        precondition(noAckMode, "packets are sent in one batch only in no-ack mode")
        var framed: [UInt8] = []
        framed.reserveCapacity(payloads.reduce(0) { $0 + $1.count + 4 })
        for payload in payloads {
            RSPCodec.frame(payload, into: &framed)
            trace?("-> " + Self.describe(payload))
        }
        try writeAll(framed)
        packetsSent += payloads.count
        if let observer, let last = payloads.last { observer(true, last) }
    }

    public func send(_ text: String, timeout: Double = 5) throws(GDBError) {
        try send(Array(text.utf8), timeout: timeout)
    }

    /// Sends the interrupt byte (0x03) that stops a running target.
    public func sendInterrupt() throws(GDBError) {
        try writeAll([RSPCodec.interrupt])
    }

    /// Sends bytes as they are, outside the packet and acknowledgement rules.
    public func sendRaw(_ bytes: [UInt8]) throws(GDBError) {
        try writeAll(bytes)
    }

    // MARK: Receiving

    /// The next packet; acknowledges it (outside no-ack mode). `nil` when `timeout` passes first
    /// and `allowTimeout` is set; otherwise a timeout throws.
    public func receive(timeout: Double, waitingFor what: @autoclosure () -> String, allowTimeout: Bool = false) throws(GDBError) -> [UInt8]? {
        if let reply = pushedBack {
            pushedBack = nil
            return reply
        }
        while true {
            let event: RSPEvent
            do {
                event = try nextEvent(timeout: timeout, waitingFor: what())
            } catch .timeout(let message) {
                if allowTimeout { return nil }
                throw .timeout(message)
            }
            switch event {
            case .ack, .nak: continue // a late acknowledgement
            case .corrupt(let expected, let received):
                if noAckMode { throw .protocolError("packet with checksum \(received), expected \(expected), while waiting for \(what())") }
                try writeAll([RSPCodec.nak])
            case .packet(let payload):
                packetsReceived += 1
                trace?("<- " + Self.describe(payload))
                observer?(false, payload)
                if !noAckMode { try writeAll([RSPCodec.ack]) }
                return payload
            }
        }
    }

    /// Sends a request and returns its reply.
    public func request(_ payload: [UInt8], timeout: Double = 5) throws(GDBError) -> [UInt8] {
        try send(payload, timeout: timeout)
        return try receive(timeout: timeout, waitingFor: "the reply to '\(Self.describe(payload))'")!
    }

    public func request(_ text: String, timeout: Double = 5) throws(GDBError) -> [UInt8] {
        try request(Array(text.utf8), timeout: timeout)
    }

    private func nextEvent(timeout: Double, waitingFor what: @autoclosure () -> String) throws(GDBError) -> RSPEvent {
        var deadline: Double?
        while true {
            if let event = try decoder.next() { return event }
            let now = MonotonicClock.seconds()
            let until = deadline ?? (now + timeout)
            deadline = until
            let remaining = until - now
            guard remaining > 0 else { throw .timeout("no answer from \(target) within \(Self.formatSeconds(timeout)) while waiting for \(what())") }
            // A wait of a read slice or more blocks in `read` alone (SO_RCVTIMEO), even once the
            // time left has dropped below a slice: no `poll` before each read.
            try readAvailable(timeout: remaining, sliced: timeout >= Self.readSlice, waitingFor: what())
        }
    }

    /// A `read` on the socket waits at most this long (`SO_RCVTIMEO`), so that a wait of
    /// `readSlice` or more costs one system call per wake-up (`read`) instead of two (`poll`, `read`).
    static let readSlice = 0.1
    private var readsTimeOut = false

    private static func setReadSlice(_ descriptor: Int32) -> Bool {
        var slice = timeval(tv_sec: 0, tv_usec: Int(readSlice * 1_000_000))
        return setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &slice, socklen_t(MemoryLayout<timeval>.size)) == 0
    }

    private func readAvailable(timeout: Double, sliced: Bool, waitingFor what: @autoclosure () -> String) throws(GDBError) {
        guard descriptor >= 0 else { throw .disconnected("the connection to \(target) is closed") }
        if !readsTimeOut || !sliced {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(timeout * 1000, Double(Int32.max)).rounded(.up))
            let ready = poll(&poller, 1, max(milliseconds, 0))
            if ready < 0 {
                if errno == EINTR { return }
                throw .connection("poll: \(String(cString: strerror(errno)))")
            }
            if ready == 0 { return }
        }
        let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { return }
            throw .disconnected("\(target): \(String(cString: strerror(errno))) while waiting for \(what())")
        }
        if count == 0 { throw .disconnected("\(target) closed the connection while hvlog was waiting for \(what())") }
        chunk.withUnsafeBytes { decoder.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    private func writeAll(_ bytes: [UInt8]) throws(GDBError) {
        guard descriptor >= 0 else { throw .disconnected("the connection to \(target) is closed") }
        writes += 1
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .disconnected("\(target): \(String(cString: strerror(errno))) while sending")
            }
            offset += written
        }
    }

    // MARK: Sockets

    private static func connectTCP(host: String, port: UInt16, timeout: Double) throws(GDBError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw .connection("\(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(results) }
        var lastError = "no address"
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            current = info.pointee.ai_next
            let socketDescriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            if socketDescriptor < 0 { lastError = String(cString: strerror(errno)); continue }
            if connect(socketDescriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                var one: Int32 = 1
                setsockopt(socketDescriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return socketDescriptor
            }
            lastError = String(cString: strerror(errno))
            Glibc.close(socketDescriptor)
        }
        throw .connection("\(host):\(port): \(lastError)")
    }

    /// Starts `/bin/sh -c COMMAND` with one end of a socket pair as its standard input and output.
    private static func startStub(command: String) throws(GDBError) -> (Int32, pid_t) {
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw .connection("socketpair: \(String(cString: strerror(errno)))")
        }
        defer { Glibc.close(ends[1]) }
        do {
            let pid = try ChildProcess.spawn(["/bin/sh", "-c", command], descriptors: [(ends[1], STDIN_FILENO), (ends[1], STDOUT_FILENO)])
            return (ends[0], pid)
        } catch {
            Glibc.close(ends[0])
            throw error
        }
    }

    private static func connectUnix(path: String) throws(GDBError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw .connection("socket path '\(path)' is too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketDescriptor >= 0 else { throw .connection("socket: \(String(cString: strerror(errno)))") }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            let message = String(cString: strerror(errno))
            Glibc.close(socketDescriptor)
            throw .connection("\(path): \(message)")
        }
        return socketDescriptor
    }

    // MARK: Helpers

    static func describe(_ payload: [UInt8]) -> String {
        let text = String(decoding: payload.prefix(48), as: UTF8.self)
        return payload.count > 48 ? text + "…" : text
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
