import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs `tick` on a background thread every interval until it returns false or `stop()` is called.
final class PeriodicTask: Sendable {
    private let context: Context

    init(intervalNanoseconds: UInt64, tick: @escaping @Sendable () -> Bool) {
        context = Context(interval: intervalNanoseconds, tick: tick)
        var thread = pthread_t()
        let box = Unmanaged.passRetained(context).toOpaque()
        let created = pthread_create(&thread, nil, { raw in
            let context = Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue()
            context.run()
            return nil
        }, box)
        if created == 0 { pthread_detach(thread) } else { Unmanaged<Context>.fromOpaque(box).release() }
    }

    func stop() { context.stopped.store(true, ordering: .relaxed) }

    private final class Context: Sendable {
        let interval: UInt64
        let stopped = Atomic<Bool>(false)
        let tick: @Sendable () -> Bool

        init(interval: UInt64, tick: @escaping @Sendable () -> Bool) {
            self.interval = interval
            self.tick = tick
        }

        func run() {
            var delay = timespec(tv_sec: Int(interval / 1_000_000_000), tv_nsec: Int(interval % 1_000_000_000))
            while !stopped.load(ordering: .relaxed) {
                var remaining = timespec()
                nanosleep(&delay, &remaining)
                if stopped.load(ordering: .relaxed) || !tick() { return }
            }
        }
    }
}
