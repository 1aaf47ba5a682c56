import Foundation
import Testing
@testable import HypercallLab

/// Lines of Debian 6.1.0-56-amd64's modules.dep, as depmod wrote them.
let debianModulesDep = """
    kernel/arch/x86/kvm/kvm.ko: kernel/virt/lib/irqbypass.ko
    kernel/arch/x86/kvm/kvm-intel.ko: kernel/arch/x86/kvm/kvm.ko kernel/virt/lib/irqbypass.ko
    kernel/arch/x86/kvm/kvm-amd.ko: kernel/drivers/crypto/ccp/ccp.ko kernel/arch/x86/kvm/kvm.ko kernel/virt/lib/irqbypass.ko
    kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko
    kernel/drivers/virtio/virtio_ring.ko:
    kernel/drivers/virtio/virtio_pci_modern_dev.ko:
    kernel/drivers/virtio/virtio_pci_legacy_dev.ko:
    kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
    kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
    kernel/drivers/crypto/ccp/ccp.ko:
    kernel/virt/lib/irqbypass.ko:

    """

@Suite("kernel modules and host tools")
struct HostAndModuleTests {
    @Test("module load order: every dependency before its user, each module once")
    func loadOrder() throws {
        let modules = try ModuleDependencies(modulesDep: debianModulesDep)
        let (paths, missing) = modules.loadOrder(for: ["virtio_pci", "virtio_blk", "kvm-amd"])
        #expect(missing.isEmpty)
        #expect(paths.map { ModuleDependencies.name(of: $0) } == [
            "virtio_ring", "virtio", "virtio_pci_modern_dev", "virtio_pci_legacy_dev", "virtio_pci", "virtio_blk",
            "irqbypass", "kvm", "ccp", "kvm_amd",
        ])
        #expect(modules.loadOrder(for: ["kvm_amd", "no_such_module"]).missing == ["no_such_module"])
    }

    @Test("module names from paths, compressed or not")
    func names() {
        #expect(ModuleDependencies.name(of: "kernel/arch/x86/kvm/kvm-amd.ko") == "kvm_amd")
        #expect(ModuleDependencies.name(of: "kernel/arch/x86/kvm/kvm-amd.ko.xz") == "kvm_amd")
        #expect(ModuleDependencies.name(of: "kernel/drivers/crypto/ccp/ccp.ko.zst") == "ccp")
        #expect(ModuleDependencies.name(of: "kernel/virt/lib/irqbypass.ko.gz") == "irqbypass")
    }

    @Test("a malformed modules.dep names its line")
    func malformed() {
        #expect { try ModuleDependencies(modulesDep: "kernel/a.ko:\nkernel/b.ko kernel/a.ko\n", file: "modules.dep") } throws: {
            ($0 as? LabFailure)?.message.hasPrefix("modules.dep:2: expected 'module: dependencies'") == true
        }
    }

    @Test("the installed kernel's modules for L1 resolve, with kvm before kvm_amd")
    func installedKernel() throws {
        let kernel = try LabKernel.find()
        let (paths, missing) = try kernel.moduleDependencies().loadOrder(for: LabImages.l1Modules)
        #expect(missing.isEmpty)
        let names = paths.map { ModuleDependencies.name(of: $0) }
        #expect(names.last == "kvm_amd")
        #expect(try #require(names.firstIndex(of: "kvm")) < names.firstIndex(of: "kvm_amd")!)
        #expect(try kernel.moduleContents(paths[0]).prefix(4).elementsEqual([0x7F, 0x45, 0x4C, 0x46]))  // an ELF object, decompressed
    }

    @Test("kernel versions order numerically")
    func versions() {
        #expect(versionOrder("6.1.0-9-amd64", "6.1.0-56-amd64"))
        #expect(!versionOrder("6.10.0-1-amd64", "6.9.0-1-amd64"))
        #expect(versionOrder("5.10.0-30-amd64", "6.1.0-1-amd64"))
    }

    @Test("ldd output: libraries and the loader, and a missing library is an error")
    func lddParsing() throws {
        let text = """
            \tlinux-vdso.so.1 (0x00007ffd0c5f2000)
            \tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f069e5c8000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f069c800000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f069e6a6000)
            """
        #expect(try HostTools.parseLdd(text, program: "qemu") == ["/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"])
        #expect(throws: LabFailure.self) { try HostTools.parseLdd("\tlibfoo.so.1 => not found\n", program: "qemu") }
        let qemuLibraries = try HostTools.sharedLibraries(of: "/usr/bin/qemu-system-x86_64")
        #expect(qemuLibraries.contains { $0.hasSuffix("/libc.so.6") } && qemuLibraries.contains { $0.contains("ld-linux-x86-64") })
    }

    @Test("static and dynamic ELF files are told apart")
    func staticELF() throws {
        #expect(HostTools.isStaticELF(try HostRequirement.locate(.busybox)))
        #expect(!HostTools.isStaticELF("/bin/ls"))
        #expect(!HostTools.isStaticELF("/etc/hostname"))
    }

    @Test("a missing requirement names its Debian package")
    func missingRequirement() {
        let requirement = HostRequirement(purpose: "a test tool", paths: ["/nonexistent/tool"], debianPackage: "some-package")
        #expect { try HostRequirement.locate(requirement) } throws: {
            "\($0)".contains("apt-get install some-package")
        }
    }
}

@Suite("lab image cache key")
struct ImageCacheKeyTests {
    /// ldd names QEMU's libraries by their symbolic links: the key must follow them to the files,
    /// or a library upgrade (new file, same link) would not rebuild the images.
    @Test("a host file's stamp follows symbolic links, so replacing the linked file changes it")
    func stampFollowsLinks() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hvlog-stamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("libz.so.1.2.13"), link = directory.appendingPathComponent("libz.so.1")
        try Data(repeating: 1, count: 100).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let before = LabImages.fileStamp(link.path)
        #expect(before.hasPrefix(link.path + " 100 "))
        try Data(repeating: 2, count: 300).write(to: target)
        #expect(LabImages.fileStamp(link.path).hasPrefix(link.path + " 300 "))
        #expect(LabImages.fileStamp(directory.appendingPathComponent("missing").path).hasSuffix(" -1 0.0"))
    }
}
