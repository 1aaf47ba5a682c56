import Foundation
import Testing

/// A directory laid out like tracefs: control files with their values, trace_marker, and a FIFO
/// as trace_pipe, so that the recorder's own reads and writes can be checked.
struct FakeTraceFS {
    let root: URL
    static let events = ["kvm_hv_hypercall", "kvm_hv_hypercall_done", "kvm_hv_flush_tlb", "kvm_hv_flush_tlb_ex",
                         "kvm_hv_send_ipi", "kvm_hv_send_ipi_ex", "kvm_entry", "kvm_msr"]

    init() throws {
        root = try scratchDirectory().appendingPathComponent("tracing")
        let manager = FileManager.default
        for event in Self.events {
            let directory = root.appendingPathComponent("events/kvm/\(event)")
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            try "0\n".write(to: directory.appendingPathComponent("enable"), atomically: false, encoding: .utf8)
        }
        try manager.createDirectory(at: root.appendingPathComponent("options"), withIntermediateDirectories: true)
        try "0\n".write(to: root.appendingPathComponent("options/record-tgid"), atomically: false, encoding: .utf8)
        try "0\n".write(to: root.appendingPathComponent("tracing_on"), atomically: false, encoding: .utf8)
        try "".write(to: root.appendingPathComponent("set_event_pid"), atomically: false, encoding: .utf8)
        try "".write(to: root.appendingPathComponent("trace_marker"), atomically: false, encoding: .utf8)
        #expect(mkfifo(root.appendingPathComponent("trace_pipe").path, 0o600) == 0)
    }

    func value(_ file: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    var allEnableValues: [String] { Self.events.map { value("events/kvm/\($0)/enable") } }
}

@Suite("hvlog record kvm, hvlog mark")
struct RecordCommandTests {
    @Test("records from trace_pipe, switches the events on, and restores every control file on SIGINT")
    func recordAndRestore() throws {
        let tracefs = try FakeTraceFS()
        let output = try scratchDirectory().appendingPathComponent("live.hvl").path
        let process = Process()
        process.executableURL = Hvlog.executable
        process.arguments = ["record", "kvm", "-o", output, "--tracefs", tracefs.root.path, "--phase", "boot", "--duration", "60"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Opening the FIFO for writing waits until the recorder opens it: by then it has configured tracefs.
        let pipe = try FileHandle(forWritingTo: tracefs.root.appendingPathComponent("trace_pipe"))
        #expect(tracefs.allEnableValues == Array(repeating: "1", count: FakeTraceFS.events.count))
        #expect(tracefs.value("tracing_on") == "1" && tracefs.value("options/record-tgid") == "1")
        let lines = """
               CPU 0/KVM-501     (    500) [000] .....   100.000001: kvm_entry: vcpu 0, rip 0xffffffff81000000
               CPU 0/KVM-501     (    500) [000] .....   100.000010: kvm_hv_hypercall: code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x12cd000 out 0x0
               CPU 0/KVM-501     (    500) [000] .....   100.000020: kvm_hv_hypercall_done: result 0x0
                     tee-77      (     77) [000] .....   100.000030: tracing_mark_write: hvlog phase=idle
               CPU 0/KVM-501     (    500) [000] .....   100.000040: kvm_hv_hypercall: code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1

            """
        pipe.write(Data(lines.utf8))
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        try pipe.close()
        #expect(process.terminationStatus == 0)
        #expect(tracefs.allEnableValues == Array(repeating: "0", count: FakeTraceFS.events.count), "events switched back off")
        #expect(tracefs.value("tracing_on") == "0" && tracefs.value("options/record-tgid") == "0" && tracefs.value("set_event_pid") == "")
        let log = try Hvlog.run(["cat", output])
        let text = log.stdout.split(separator: "\n")
        #expect(text.count == 3, "\(log.stdout)")
        #expect(text[0].contains("guest/500 vp0  [boot]  0x0002 HvCallFlushVirtualAddressSpace"))
        #expect(text[1].contains("phase: idle"))
        #expect(text[2].contains("[idle]  0x000B") && text[2].contains("(no result)"), "open when recording stopped: kept, incomplete")
    }

    @Test("a missing tracefs or kvm events get a clear message and a non-zero exit")
    func missing() throws {
        let nowhere = try scratchDirectory().path
        let run = try Hvlog.run(["record", "kvm", "-o", nowhere + "/x.hvl", "--tracefs", nowhere, "--duration", "1"])
        #expect(run.status != 0 && run.stderr.contains("no tracefs"), "\(run.stderr)")
        let tracefs = try FakeTraceFS()
        try FileManager.default.removeItem(at: tracefs.root.appendingPathComponent("events/kvm/kvm_hv_hypercall"))
        let noKVM = try Hvlog.run(["record", "kvm", "-o", nowhere + "/y.hvl", "--tracefs", tracefs.root.path, "--duration", "1"])
        #expect(noKVM.status != 0 && noKVM.stderr.contains("modprobe"), "\(noKVM.stderr)")
    }

    @Test("mark writes hvlog phase=NAME into trace_marker")
    func mark() throws {
        let tracefs = try FakeTraceFS()
        #expect(try Hvlog.run(["mark", "idle", "--tracefs", tracefs.root.path]).status == 0)
        #expect(try String(contentsOf: tracefs.root.appendingPathComponent("trace_marker"), encoding: .utf8) == "hvlog phase=idle\n")
        #expect(try Hvlog.run(["mark", "two words", "--tracefs", tracefs.root.path]).status != 0)
    }

    static let realTraceFS = FileManager.default.isWritableFile(atPath: "/sys/kernel/tracing/events/kvm/kvm_hv_hypercall/enable")

    @Test("live recording on this machine's tracefs restores its state",
          .enabled(if: realTraceFS, "skipped: no writable tracefs with the kvm events here (/sys/kernel/tracing/events/kvm)"))
    func live() throws {
        let before = try String(contentsOfFile: "/sys/kernel/tracing/events/kvm/kvm_hv_hypercall/enable", encoding: .utf8)
        let output = try scratchDirectory().appendingPathComponent("real.hvl").path
        let run = try Hvlog.run(["record", "kvm", "-o", output, "--duration", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: "/sys/kernel/tracing/events/kvm/kvm_hv_hypercall/enable", encoding: .utf8) == before)
        #expect(try Hvlog.run(["cat", output]).status == 0)
    }
}
