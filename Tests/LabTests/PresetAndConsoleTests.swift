import Testing
import HypercallABI
@testable import HypercallLab

@Suite("lab presets")
struct PresetTests {
    @Test("names are unique; the default is the issue's recipe; vCPU counts 1-4 are covered")
    func presetData() throws {
        #expect(Set(LabPreset.all.map(\.name)).count == LabPreset.all.count)
        let preset = try #require(LabPreset.named("default"))
        #expect(preset.cpuModel == "host,kvm=off,hv-relaxed,hv-vapic,hv-spinlocks=0x1fff,hv-vpindex,hv-runtime,hv-time,hv-synic,hv-stimer,hv-tlbflush,hv-ipi,hv-frequencies")
        #expect(preset.topologyArguments == ["-smp", "2"])
        #expect(Set(LabPreset.all.map(\.vcpus)).isSuperset(of: [1, 2, 3, 4]))
        #expect(!LabPreset.named("no-tlbflush")!.enlightenments.contains("hv-tlbflush"))
        #expect(!LabPreset.named("no-ipi")!.enlightenments.contains("hv-ipi"))
    }

    @Test("every expected call code is in the catalog, and each preset says why")
    func expectedCodesAreKnown() {
        for preset in LabPreset.all {
            for code in preset.expectedCodes {
                #expect(HypercallCatalog.standard.entry(for: HypercallCode(code)) != nil, "\(preset.name): \(code)")
            }
            #expect(!preset.rationale.isEmpty && !preset.summary.isEmpty)
        }
        #expect(HypercallCode(0x0015).name == "HvCallSendSyntheticClusterIpiEx")
    }

    @Test("the Ex preset cold-plugs its vCPUs after the first into CPU slots 64 and up")
    func highVPIndexTopology() throws {
        let preset = try #require(LabPreset.named("ex-masks"))
        #expect(preset.topologyArguments == ["-smp", "1,sockets=66,cores=1,threads=1,maxcpus=66",
                                             "-device", "host-x86_64-cpu,socket-id=64,core-id=0,thread-id=0",
                                             "-device", "host-x86_64-cpu,socket-id=65,core-id=0,thread-id=0"])
        #expect(preset.with(vcpus: 2).topologyArguments == ["-smp", "1,sockets=65,cores=1,threads=1,maxcpus=65", "-device", "host-x86_64-cpu,socket-id=64,core-id=0,thread-id=0"])
    }

    @Test("run settings for L1: quoted for the shell, with the modules and events")
    func settings() throws {
        let configuration = LabRunConfiguration(preset: LabPreset.named("default")!, workload: LabWorkload.named("tlbstorm")!,
                                                workloadSeconds: 3, idleSeconds: 4, logPath: "/tmp/x.hvl")
        let text = configuration.settings(modules: ["kernel/virt/lib/irqbypass.ko", "kernel/arch/x86/kvm/kvm-amd.ko"])
        #expect(text.contains("MODULES='irqbypass.ko kvm_amd.ko'\n"))
        #expect(text.contains("EVENTS='kvm/kvm_hv_hypercall kvm/kvm_hv_hypercall_done"))
        #expect(text.contains("L2_APPEND='console=ttyS0 quiet panic=-1 hvlab.workload=tlbstorm hvlab.seconds=3 hvlab.threads=2 hvlab.idle=4'\n"))
        #expect(configuration.keptFilesBase == "/tmp/x" && configuration.l2ConsolePath == "/tmp/x.l2-console.log")
    }
}

/// Serial console text as L0 writes it: lines end with CR LF.
func serial(_ lines: [String]) -> String { lines.map { $0 + "\r\n" }.joined() }

@Suite("lab console diagnostics")
struct ConsoleTests {
    let booted = ["[    0.000000] Linux version 6.1.0-56-amd64", "L1LAB stage=init uptime=3.70 cpus=2"]

    @Test("a complete run: no failure; L2's lines are split off; lost events and a missing Hyper-V are warned about")
    func completeRun() {
        let console = LabConsole(serial: serial(booted + [
            "L1LAB stage=kvm-loaded nested=1 npt=Y", "L1LAB stage=l2-start uptime=6.1", "L2| L2MARK hvlog phase=workload uptime=4.6",
            "L2| L2MARK hvlog phase=idle uptime=10.8", "L2| L2MARK hvlog phase=shutdown uptime=16.0", "L1LAB l2-exit=0",
            "L1LAB stats cpu0 entries: 11141 overrun: 12 dropped events: 0 ", "L1LAB stage=done uptime=33.79",
        ]))
        #expect(console.failure(timedOut: false, timeLimit: 600) == nil)
        #expect(console.l2Phases == ["workload", "idle", "shutdown"])
        #expect(console.l2Lines.first == "L2MARK hvlog phase=workload uptime=4.6")
        #expect(console.warnings.contains { $0.contains("lost events") })
        #expect(console.warnings.contains { $0.contains("Microsoft Hyper-V") })
    }

    @Test("an L2 that stayed silent and was started again: no failure, a warning that says so")
    func silentL2Restarted() {
        let console = LabConsole(serial: serial(booted + [
            "L1LAB stage=kvm-loaded nested=1 npt=Y", "L1LAB stage=l2-start uptime=6.1 attempt=1", "L1LAB l2-silent=230 attempt=1",
            "L1LAB l2-exit=137", "L1LAB stage=l2-start uptime=236.4 attempt=2", "L2| L2MARK hvlog phase=workload uptime=4.6",
            "L2| L2MARK hvlog phase=idle uptime=10.8", "L2| L2MARK hvlog phase=shutdown uptime=16.0", "L1LAB l2-exit=0",
            "L1LAB stage=l2-exited uptime=270.2", "L1LAB stage=done uptime=280.0",
        ]))
        #expect(console.failure(timedOut: false, timeLimit: 720) == nil)
        #expect(console.l2Phases == ["workload", "idle", "shutdown"])
        #expect(console.warnings.contains { $0.contains("L2 printed nothing for 230 s") && $0.contains("started it once more") })
        let healthy = LabConsole(serial: serial(booted + ["L1LAB stage=l2-start uptime=6.1 attempt=1", "L2| L2MARK hvlog phase=workload uptime=4.6"]))
        #expect(!healthy.warnings.contains { $0.contains("printed nothing") })
    }

    @Test("an L2 reset or hung mid-run and started again: no failure, a warning that says which")
    func resetOrStalledL2Restarted() {
        // The console of the run that showed a reset: L2's first marker cut short.
        let console = LabConsole(serial: serial(booted + [
            "L1LAB stage=kvm-loaded nested=1 npt=Y", "L1LAB stage=l2-start uptime=6.1 attempt=1", "L2| L2MARK hvlog pha",
            "L1LAB l2-exit=0", "L1LAB l2-unfinished=1", "L1LAB stage=l2-start uptime=12.4 attempt=2", "L2| L2MARK hvlog phase=workload uptime=4.6",
            "L2| L2MARK hvlog phase=idle uptime=10.8", "L2| L2MARK hvlog phase=shutdown uptime=16.0", "L1LAB l2-exit=0",
            "L1LAB stage=l2-exited uptime=40.2", "L1LAB stage=done uptime=45.0",
        ]))
        #expect(console.failure(timedOut: false, timeLimit: 720) == nil)
        #expect(console.l2Phases == ["workload", "idle", "shutdown"])
        #expect(console.warnings.contains { $0.contains("ended before its shutdown marker") && $0.contains("started it once more") })
        #expect(!console.warnings.contains { $0.contains("in the middle of its run") })
        // A hang after L2's workload began: the stall warning, not the reset one.
        let stalled = LabConsole(serial: serial(booted + [
            "L1LAB stage=l2-start uptime=6.1 attempt=1", "L2| L2MARK hvlog phase=workload uptime=4.2", "L1LAB l2-stalled=140 attempt=1",
            "L1LAB l2-exit=137", "L1LAB l2-unfinished=1", "L1LAB stage=l2-start uptime=160.0 attempt=2", "L2| L2MARK hvlog phase=workload uptime=4.6",
            "L2| L2MARK hvlog phase=idle uptime=10.8", "L2| L2MARK hvlog phase=shutdown uptime=16.0", "L1LAB l2-exit=0", "L1LAB stage=done uptime=200.0",
        ]))
        #expect(stalled.failure(timedOut: false, timeLimit: 720) == nil)
        #expect(stalled.warnings.contains { $0.contains("printed nothing for 140 s in the middle of its run") })
        #expect(stalled.warnings.contains { $0.contains("started it once more") })
    }

    @Test("no SVM, kvm-amd refusing to load, no trace disk: each named, with the console lines")
    func l1Errors() throws {
        let noSVM = LabConsole(serial: serial(booted + ["L1LAB error=no-svm", "L1LAB detail flags : fpu vme de pse"]))
        #expect(try #require(noSVM.failure(timedOut: false, timeLimit: 600)).message.contains("no SVM"))
        let noKVM = LabConsole(serial: serial(booted + ["[    4.3] kvm: no hardware support for 'kvm_amd'", "L1LAB insmod: insmod: can't insert '/lab/modules/kvm_amd.ko': Operation not supported", "L1LAB error=no-kvm"]))
        let failure = try #require(noKVM.failure(timedOut: false, timeLimit: 600))
        #expect(failure.message.contains("kvm-amd did not load"))
        #expect(failure.evidence.contains("L1 serial: [    4.3] kvm: no hardware support for 'kvm_amd'"))
        let noDisk = LabConsole(serial: serial(booted + ["L1LAB stage=kvm-loaded nested=1 npt=Y", "L1LAB error=no-trace-disk"]))
        #expect(try #require(noDisk.failure(timedOut: false, timeLimit: 600)).message.contains("/dev/vda"))
    }

    @Test("L2 failing to boot shows the end of L2's console and QEMU's complaint")
    func l2Panics() throws {
        let console = LabConsole(serial: serial(booted + [
            "L1LAB stage=l2-start uptime=6.1", "L2| [    0.9] Kernel panic - not syncing: VFS: Unable to mount root fs", "L1LAB l2-exit=0",
            "L1LAB stage=l2-exited", "L1LAB stage=done",
        ]))
        let failure = try #require(console.failure(timedOut: false, timeLimit: 600))
        #expect(failure.message.hasPrefix("L2 failed to boot (L2's QEMU exit status 0)"))
        #expect(failure.evidence.contains("L2 console: [    0.9] Kernel panic - not syncing: VFS: Unable to mount root fs"))
        let qemuError = LabConsole(serial: serial(booted + ["L1LAB stage=l2-start", "qemu-system-x86_64: failed to initialize kvm: No such file or directory", "L1LAB l2-exit=1", "L1LAB stage=done"]))
        #expect(try #require(qemuError.failure(timedOut: false, timeLimit: 600)).evidence.contains { $0.contains("failed to initialize kvm") })
    }

    @Test("time limits and a kernel that never reaches init")
    func timeouts() throws {
        let silent = LabConsole(serial: serial(["[    0.000000] Linux version 6.1.0-56-amd64", "[    1.2] Kernel panic - not syncing: no init"]))
        let failure = try #require(silent.failure(timedOut: false, timeLimit: 600))
        #expect(failure.message.contains("stopped before its init ran") && failure.evidence.last == "L1 serial: [    1.2] Kernel panic - not syncing: no init")
        #expect(try #require(LabConsole(serial: "").failure(timedOut: true, timeLimit: 90)).message.contains("within the 90 s time limit"))
        let stuck = LabConsole(serial: serial(booted + ["L1LAB stage=l2-start", "L2| L2MARK hvlog phase=workload uptime=4"]))
        let stuckFailure = try #require(stuck.failure(timedOut: true, timeLimit: 300))
        #expect(stuckFailure.message.contains("300 s time limit") && stuckFailure.message.contains("L2 phases seen: workload"))
    }
}
