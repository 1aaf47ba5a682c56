import GDBCapture
import HypercallLog

/// When each packet between a client and the stub was written or read (`RSPConnection.observer`),
/// split into the legs of a logged call's critical path: from a stop reply to the client's next
/// write (the client's reaction), from a batch of reads to its last reply (the stub's round
/// trip), from those replies to the resume, and from the resume to the next stop (target, kernel
/// and stub, including the stub's answers to reads sent with the resume). A write is stamped
/// when the system call returns, so a leg that ends with one includes it (on loopback TCP the
/// kernel runs the receiving side of the TCP stack inside the sender's call).
final class TrafficTimeline {
    enum Kind { case stop, reply, reads, resume }
    private var events: [(time: UInt64, kind: Kind)] = []

    init(expectedStops: Int) {
        events.reserveCapacity(8 * expectedStops + 64)
    }

    func record(sent: Bool, payload: [UInt8]) {
        let kind: Kind
        if sent {
            kind = Self.isResume(payload) ? .resume : .reads
        } else {
            // GDB manual, "Stop Reply Packets": S, T, W and X start a stop reply.
            kind = [UInt8(ascii: "S"), UInt8(ascii: "T"), UInt8(ascii: "W"), UInt8(ascii: "X")].contains(payload.first ?? 0) ? .stop : .reply
        }
        events.append((MonotonicClock.nanoseconds(), kind))
    }

    /// `vCont;…` actions, or `c`/`s` (with `C`/`S` and a signal): packets that let the target run.
    private static func isResume(_ payload: [UInt8]) -> Bool {
        if payload.starts(with: "vCont;".utf8) { return true }
        guard let first = payload.first else { return false }
        return (payload.count == 1 && (first == UInt8(ascii: "c") || first == UInt8(ascii: "s")))
            || (payload.count == 3 && (first == UInt8(ascii: "C") || first == UInt8(ascii: "S")))
    }

    /// The medians of each leg, nanoseconds (nil where the leg never occurred).
    struct Legs {
        /// Stops answered with reads first (an entry: the registers and stack line).
        var stopToReads: Double?, readsToReplies: Double?, repliesToResume: Double?
        /// Stops answered with the resume at once (an exit: its reads go out with the resume; the null client).
        var stopToResume: Double?
        var resumeToStop: Double?
    }

    /// `minimumCount`: a leg seen fewer times (set-up, the first stop) is left out.
    func legs(minimumCount: Int) -> Legs {
        var stopToReads: [UInt64] = [], readsToReplies: [UInt64] = [], repliesToResume: [UInt64] = [], stopToResume: [UInt64] = [], resumeToStop: [UInt64] = []
        var index = 0
        while index < events.count {
            let (time, kind) = events[index]
            index += 1
            switch kind {
            case .resume:
                if let stop = events[index...].firstIndex(where: { $0.kind == .stop }) { resumeToStop.append(events[stop].time - time) }
            case .stop:
                guard let write = events[index...].firstIndex(where: { $0.kind != .reply }) else { continue }
                if events[write].kind == .resume {
                    stopToResume.append(events[write].time - time)
                } else if events[write].kind == .reads {
                    stopToReads.append(events[write].time - time)
                    var last = write
                    while last + 1 < events.count && events[last + 1].kind == .reply { last += 1 }
                    guard last > write, last + 1 < events.count, events[last + 1].kind == .resume else { continue }
                    readsToReplies.append(events[last].time - events[write].time)
                    repliesToResume.append(events[last + 1].time - events[last].time)
                }
            case .reply, .reads:
                continue
            }
        }
        func median(_ values: [UInt64]) -> Double? { values.count < max(minimumCount, 1) ? nil : Double(values.sorted()[values.count / 2]) }
        return Legs(stopToReads: median(stopToReads), readsToReplies: median(readsToReplies), repliesToResume: median(repliesToResume),
                    stopToResume: median(stopToResume), resumeToStop: median(resumeToStop))
    }
}
