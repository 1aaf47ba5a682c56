import Testing
@testable import KVMCapture

func parsed(_ text: String) -> FtraceLine.Parsed {
    // Copy into a stable buffer: the parsed slices point into it for the duration of the call.
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { FtraceLine.parse($0) }
}

/// The fields of a line, copied out of the buffer.
struct Fields: Equatable {
    let comm: String, pid: Int32, tgid: Int32?, cpu: Int, timestamp: UInt64, event: String, arguments: String
}

func fields(_ text: String) -> Fields? {
    Array(text.utf8).withUnsafeBytes { raw -> Fields? in
        guard case .event(let line) = FtraceLine.parse(raw) else { return nil }
        return Fields(comm: String(decoding: line.comm, as: UTF8.self), pid: line.pid, tgid: line.tgid, cpu: line.cpu,
                      timestamp: line.timestamp, event: String(decoding: line.event, as: UTF8.self),
                      arguments: String(decoding: line.arguments, as: UTF8.self))
    }
}

@Suite("ftrace text lines")
struct FtraceLineTests {
    @Test("/sys/kernel/tracing/trace with the irq-info column (the sample's 6.1 kernel)")
    func defaultFormat() {
        #expect(fields(" qemu-system-x86-192     [000] .....    13.235119: kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1")
                == Fields(comm: "qemu-system-x86", pid: 192, tgid: nil, cpu: 0, timestamp: 13_235_119_000, event: "kvm_hv_hypercall",
                          arguments: "code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1"))
    }

    @Test("without the irq-info column (options/irq-info off), flags with digits, older 5-wide pids")
    func variants() {
        #expect(fields("             tee-179     [000]     6.237951: tracing_mark_write: hvlog phase=idle")
                == Fields(comm: "tee", pid: 179, tgid: nil, cpu: 0, timestamp: 6_237_951_000, event: "tracing_mark_write", arguments: "hvlog phase=idle"))
        #expect(fields("  qemu-system-x86-4021  [003] d..2.  1234.000001: kvm_entry: vcpu 1, rip 0xffffffff81a3c6b4")?.cpu == 3)
        #expect(fields("          <idle>-0     [001] d.h1  100.5: kvm_msr: msr_write 40000070 = 0x0")?.timestamp == 100_500_000_000)
    }

    @Test("the TGID column (record-tgid), known and unknown")
    func tgid() {
        #expect(fields(" qemu-system-x86-191     (    189) [001] .....    13.242650: kvm_hv_hypercall_done: result 0x0")?.tgid == 189)
        let unknown = fields("           <...>-191     (-------) [001] .....    13.242650: kvm_hv_hypercall_done: result 0x0")
        #expect(unknown?.tgid == nil && unknown?.pid == 191 && unknown?.comm == "<...>")
    }

    @Test("task names with spaces, slashes and dashes (QEMU names vCPU threads 'CPU 0/KVM')")
    func commNames() {
        #expect(fields("       CPU 0/KVM-2345    [001] .....  5021.123456: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x1000 out 0x0")
                .map { ($0.comm, $0.pid) } ?? ("", 0) == ("CPU 0/KVM", 2345))
        #expect(fields("  my-vm-with-dashes-77 [002] ..... 1.000001: kvm_msr: msr_read fe = 0x508").map { ($0.comm, $0.pid) } ?? ("", 0) == ("my-vm-with-dashes", 77))
        #expect(fields("a [b] weird [task]-12 [000] ..... 1.5: kvm_entry: vcpu 0, rip 0x0").map { ($0.comm, $0.pid) } ?? ("", 0) == ("a [b] weird [task]", 12))
    }

    @Test("trace-cmd report lines, with and without latency columns, padded event names")
    func traceCmdReport() {
        #expect(fields("qemu-system-x86-191   [000]     7.648801: kvm_msr:              msr_read fe = 0x508")?.arguments == "msr_read fe = 0x508")
        #expect(fields("qemu-system-x86-191   [000] .....     7.648801: kvm_hv_hypercall:     code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x1 out 0x0")?.event
                == "kvm_hv_hypercall")
        if case .ignorable = parsed("cpus=2") {} else { Issue.record("trace-cmd's cpus= preamble") }
        if case .ignorable = parsed("version = 6") {} else { Issue.record("trace-cmd's version preamble") }
    }

    @Test("timestamps with 6 or 9 fraction digits, and counter clocks without a fraction")
    func timestamps() {
        #expect(fields("t-1 [000] ..... 12.000001: kvm_exit: vcpu 0 reason npf rip 0x0")?.timestamp == 12_000_001_000)
        #expect(fields("t-1 [000] ..... 12.000000001: kvm_exit: vcpu 0 reason npf rip 0x0")?.timestamp == 12_000_000_001)
        #expect(fields("t-1 [000] .....  98765432101234: kvm_exit: vcpu 0 reason npf rip 0x0")?.timestamp == 98_765_432_101_234)
    }

    @Test("headers, blank lines and foreign lines are told apart")
    func otherLines() {
        for header in ["# tracer: nop", "#", "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION", "", "   "] {
            if case .ignorable = parsed(header) {} else { Issue.record("'\(header)' should be ignorable") }
        }
        for foreign in ["hello world", "[   12.345678] kvm: Nested Virtualization enabled", "task-12 [000] ..... notatime: x: y", "task [000] ..... 1.0: e: a"] {
            if case .unrecognized = parsed(foreign) {} else { Issue.record("'\(foreign)' should be unrecognized") }
        }
    }

    @Test("the kernel's fixed task and CPU columns are read in place, with the same result as the general reading, and other layouts are left to it")
    func kernelLayout() {
        func both(_ text: String) -> (fixed: Fields?, general: Fields?) {
            Array(text.utf8).withUnsafeBytes { raw in
                let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                var start = 0
                while start < raw.count, base[start] == 0x20 { start += 1 }
                func copy(_ parsed: FtraceLine.Parsed) -> Fields? {
                    guard case .event(let line) = parsed else { return nil }
                    return Fields(comm: String(decoding: line.comm, as: UTF8.self), pid: line.pid, tgid: line.tgid, cpu: line.cpu,
                                  timestamp: line.timestamp, event: String(decoding: line.event, as: UTF8.self),
                                  arguments: String(decoding: line.arguments, as: UTF8.self))
                }
                let fixed = FtraceLine.kernelLayoutColumns(base, raw.count, start: start).map { prefix, cpu, after in
                    copy(FtraceLine.rest(base, raw.count, after: after, cpu: cpu, prefix: prefix))
                } ?? nil
                return (fixed, copy(FtraceLine.parseColumns(base, raw.count, start: start)))
            }
        }
        let kernel = [
            " qemu-system-x86-192     [000] .....    13.235119: kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1",
            "       CPU 0/KVM-2345    [001] .....  5021.123456: kvm_entry: vcpu 1, rip 0x0",
            " qemu-system-x86-4194304 [127] d..2.  1.000000001: kvm_msr: msr_write 40000070 = 0x0",
            "             tee-179     [000]     6.237951: tracing_mark_write: hvlog phase=idle",
            "          <idle>-0       [1000] d.h1  100.5: kvm_exit: vcpu 0 reason hlt",
        ]
        for line in kernel {
            let (fixed, general) = both(line)
            #expect(fixed != nil, "\(line)")
            #expect(fixed == general, "\(line)")
        }
        let others = [
            " qemu-system-x86-191     (    189) [001] .....    13.242650: kvm_hv_hypercall_done: result 0x0",  // TGID column
            "qemu-system-x86-191   [000]     7.648801: kvm_msr:              msr_read fe = 0x508",  // trace-cmd report
            "  my-vm-with-dashes-77 [002] ..... 1.000001: kvm_msr: msr_read fe = 0x508",
            "  a [1] b-ta-12      [000] ..... 1.5: kvm_entry: vcpu 0, rip 0x0",  // a bracket in the comm
            " qemu-system-x86-192     [000]",  // too short
            " qemu-system-x86-192     [0x0] .....    13.235119: kvm_entry: vcpu 0",
        ]
        for line in others { #expect(both(line).fixed == nil, "\(line)") }
    }
}
