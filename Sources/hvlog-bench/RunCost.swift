import Foundation

/// What one timed run cost besides wall-clock time: CPU time in user and kernel mode, page faults,
/// context switches (getrusage(2)), and the time the host took the VM's CPUs away (`steal` in
/// /proc/stat, summed over all CPUs of the machine, so it includes other processes' share).
struct RunCost {
    var wall = 0.0
    var user = 0.0
    var system = 0.0
    var minorFaults = 0
    var majorFaults = 0
    var voluntarySwitches = 0
    var involuntarySwitches = 0
    /// Peak resident set of the process (or of the largest child) so far, MB.
    var peakResidentMB = 0
    var steal = 0.0

    /// The cost of `body` to this process (`who` RUSAGE_SELF) or to the children it waited for
    /// (RUSAGE_CHILDREN, for a run of another program).
    static func of(_ who: __rusage_who, _ body: () throws -> Void) rethrows -> RunCost {
        var cost = RunCost()
        let before = snapshot(who), stealBefore = stealSeconds()
        cost.wall = try measure(body)
        let after = snapshot(who)
        cost.steal = stealSeconds() - stealBefore
        cost.user = seconds(after.ru_utime) - seconds(before.ru_utime)
        cost.system = seconds(after.ru_stime) - seconds(before.ru_stime)
        cost.minorFaults = after.ru_minflt - before.ru_minflt
        cost.majorFaults = after.ru_majflt - before.ru_majflt
        cost.voluntarySwitches = after.ru_nvcsw - before.ru_nvcsw
        cost.involuntarySwitches = after.ru_nivcsw - before.ru_nivcsw
        cost.peakResidentMB = after.ru_maxrss / 1024
        return cost
    }

    /// One line of figures; `lines` turns the times into rates.
    func summary(lines: Int) -> String {
        String(format: "wall %.3f s  user %.3f  sys %.3f  other %+.3f  steal %.3f  faults %d minor %d major  switches %d vol %d invol  peak RSS %d MB  %.0f lines/s  %.0f lines per user-second",
               wall, user, system, wall - user - system, steal, minorFaults, majorFaults, voluntarySwitches, involuntarySwitches, peakResidentMB,
               Double(lines) / wall, Double(lines) / user)
    }

    /// CPU time so far of this process (RUSAGE_SELF) or of its reaped children (RUSAGE_CHILDREN), seconds.
    static func cpuSeconds(_ who: __rusage_who) -> (user: Double, system: Double) {
        let usage = snapshot(who)
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    private static func snapshot(_ who: __rusage_who) -> rusage {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return usage
    }

    private static func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }

    /// Steal time of all CPUs (the 8th value of /proc/stat's `cpu` line, in USER_HZ ticks), in seconds.
    private static func stealSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return 0 }
        let fields = line.split(separator: " ")
        guard fields.count > 8, let ticks = Double(fields[8]) else { return 0 }
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
