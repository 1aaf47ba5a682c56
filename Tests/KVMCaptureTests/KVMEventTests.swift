import Testing
@testable import KVMCapture

func detailFields(extended: Bool, _ fields: [(DetailFields.Key, UInt64)]) -> DetailFields {
    var result = DetailFields(extended: extended)
    for (key, value) in fields { result[key] = value }
    return result
}

func decode(_ name: KVMEvent.Name, _ arguments: String) throws -> KVMEvent {
    try Array(arguments.utf8).withUnsafeBytes { try KVMEvent.decode(name, $0) }
}

@Suite("KVM tracepoint arguments, every kernel's form")
struct KVMEventTests {
    @Test("kvm_hv_hypercall: 5.18+ var_cnt/rep_cnt form and the older cnt form")
    func hypercall() throws {
        #expect(try decode(.hypercall, "code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1")
                == .hypercall(code: 0xB, fast: true, variableHeaderCount: 0, repCount: 0, repIndex: 0, input: 0xFB, output: 1))
        #expect(try decode(.hypercall, "code 0x14 slow var_cnt 0x2 rep_cnt 0x3 idx 0x1 in 0x12cd000 out 0x0")
                == .hypercall(code: 0x14, fast: false, variableHeaderCount: 2, repCount: 3, repIndex: 1, input: 0x12CD000, output: 0))
        // Before 5.18: "code 0x%x %s cnt 0x%x idx 0x%x in 0x%llx out 0x%llx".
        #expect(try decode(.hypercall, "code 0x3 slow cnt 0x5 idx 0x2 in 0x7f000 out 0x0")
                == .hypercall(code: 3, fast: false, variableHeaderCount: 0, repCount: 5, repIndex: 2, input: 0x7F000, output: 0))
    }

    @Test("kvm_hv_hypercall_done, flushes with and without (L2), IPIs")
    func details() throws {
        #expect(try decode(.hypercallDone, "result 0x300000000") == .hypercallDone(result: 0x3_0000_0000))
        #expect(try decode(.flushTLB, "processor_mask 0x0 address_space 0x33906000 flags 0x1")
                == .flushTLB(detailFields(extended: false, [(.processorMask, 0), (.addressSpace, 0x33906000), (.flags, 1)]), forL2: false))
        // 6.2+: "... flags 0x%llx %s" with "(L2)" or an empty string (a trailing space).
        #expect(try decode(.flushTLB, "processor_mask 0x3 address_space 0x0 flags 0x4 (L2)")
                == .flushTLB(detailFields(extended: false, [(.processorMask, 3), (.addressSpace, 0), (.flags, 4)]), forL2: true))
        #expect(try decode(.flushTLBEx, "valid_bank_mask 0x5 format 0x0 address_space 0x1000 flags 0x2 ")
                == .flushTLB(detailFields(extended: true, [(.validBankMask, 5), (.format, 0), (.addressSpace, 0x1000), (.flags, 2)]), forL2: false))
        #expect(try decode(.sendIPI, "vector fb processor_mask 0x2") == .sendIPI(detailFields(extended: false, [(.vector, 0xFB), (.processorMask, 2)])))
        // %x without 0x: "vector 10" is 0x10.
        #expect(try decode(.sendIPIEx, "vector 10 format 0 valid_bank_mask 0x5") == .sendIPI(detailFields(extended: true, [(.vector, 0x10), (.format, 0), (.validBankMask, 5)])))
        // Field order as printed is kept (attributes follow it).
        #expect(detailFields(extended: true, [(.flags, 1), (.vector, 2)]).fields.map(\.key) == [.flags, .vector])
    }

    @Test("kvm_entry and kvm_exit across versions give the vCPU when they print it")
    func transitions() throws {
        #expect(try decode(.entry, "vcpu 1, rip 0xffffffff81000000") == .vcpuTransition(vcpu: 1))
        #expect(try decode(.entry, "vcpu 3, rip 0xffffffff81000000 intr_info 0x00000000 error_code 0x00000000 [immediate exit]") == .vcpuTransition(vcpu: 3))
        #expect(try decode(.exit, "vcpu 0 reason npf rip 0xffffffff8104f3b4 info1 0x0000000000000004 info2 0x00000000fee000b0 intr_info 0x00000000 error_code 0x00000000")
                == .vcpuTransition(vcpu: 0))
        #expect(try decode(.exit, "reason vmmcall rip 0xffffffff81000000 info 0 0") == .vcpuTransition(vcpu: nil))
    }

    @Test("kvm_msr reads, writes and faults")
    func msr() throws {
        #expect(try decode(.msr, "msr_write 40000001 = 0x11c3001") == .msr(write: true, index: 0x4000_0001, value: 0x11C_3001, faulted: false))
        #expect(try decode(.msr, "msr_read c0011028 = 0x0 (#GP)") == .msr(write: false, index: 0xC001_1028, value: 0, faulted: true))
    }

    @Test("the one-pass reading of current kernels' forms agrees with the token parser and declines everything else")
    func commonForms() throws {
        func common(_ name: KVMEvent.Name, _ arguments: String) -> KVMEvent? {
            Array(arguments.utf8).withUnsafeBytes { KVMEvent.decodeCommonForm(name, $0) }
        }
        func general(_ name: KVMEvent.Name, _ arguments: String) throws -> KVMEvent {
            try Array(arguments.utf8).withUnsafeBytes { try KVMEvent.decodeGeneral(name, $0) }
        }
        let taken: [(KVMEvent.Name, String)] = [
            (.hypercall, "code 0xb fast var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0xfb out 0x1"),
            (.hypercall, "code 0x14 slow var_cnt 0x2 rep_cnt 0xfff idx 0x1 in 0xffffffffffffffff out 0x0"),
            (.hypercallDone, "result 0x300000000"), (.entry, "vcpu 1, rip 0xffffffff81000000"),
            (.exit, "vcpu 12 reason npf rip 0x0 info1 0x4 info2 0x0 intr_info 0x0 error_code 0x0"),
            (.flushTLB, "processor_mask 0x0 address_space 0x33906000 flags 0x1"),
            (.flushTLB, "processor_mask 0x3 address_space 0x0 flags 0x4 (L2)"), (.flushTLB, "processor_mask 0x3 address_space 0x0 flags 0x4 "),
            (.flushTLBEx, "valid_bank_mask 0x5 format 0x0 address_space 0x1000 flags 0x2 "),
            (.flushTLBEx, "valid_bank_mask 0x5 format 0x1 address_space 0x1000 flags 0x2"),
            (.sendIPI, "vector fb processor_mask 0x1"), (.sendIPIEx, "vector 10 format 0 valid_bank_mask 0x5"),
            (.msr, "msr_write 40000070 = 0x0"), (.msr, "msr_read c0011028 = 0x0 (#GP)"), (.msr, "msr_write 6e0 = 0x1c4a5bd93f2"),
        ]
        for (name, arguments) in taken {
            let fast = common(name, arguments)
            #expect(fast != nil, "\(arguments)")
            #expect(try fast == general(name, arguments))
        }
        // Older kernels, other spacing or case, extra or missing fields, too many digits: the token parser decides.
        let declined: [(KVMEvent.Name, String)] = [
            (.hypercall, "code 0x3 slow cnt 0x5 idx 0x2 in 0x7f000 out 0x0"),
            (.hypercall, "code 0x3  slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0"),
            (.hypercall, "code 0X3 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0"),
            (.hypercall, "code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0 surprise 0x1"),
            (.hypercall, "code 0x10000 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0"),
            (.hypercall, "code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x10000000000000000"),
            (.hypercallDone, "result 0x"), (.hypercallDone, "result 0x0 extra"), (.hypercallDone, "result\t0x0"),
            (.entry, "vcpu 1x, rip 0x0"), (.entry, "vcpu 99999999999, rip 0x0"), (.exit, "reason vmmcall rip 0xffffffff81000000 info 0 0"),
            (.sendIPI, "vector 0xfb processor_mask 0x1"), (.sendIPI, "processor_mask 0x1 vector fb"), (.sendIPIEx, "vector 10 format 0x0 valid_bank_mask 0x5"),
            (.flushTLB, "address_space 0x0 processor_mask 0x3 flags 0x4"), (.flushTLB, "processor_mask 0x3 address_space 0x0 flags 0x4  (L2)"),
            (.flushTLB, "processor_mask 0x3 address_space 0x0 flags 0x4 (L1)"), (.flushTLBEx, "valid_bank_mask 0x5 address_space 0x1000 flags 0x2"),
            (.msr, "msr_write 40000070 = 0x0 (#GP) extra"), (.msr, "msr_write 140000070 = 0x0"), (.msr, "msr_write 40000070 = 0"),
            (.marker, "hvlog phase=idle"),
        ]
        for (name, arguments) in declined { #expect(common(name, arguments) == nil, "\(arguments)") }
    }

    @Test("malformed arguments are errors, not guesses", arguments: [
        (KVMEvent.Name.hypercall, "code 0xb fast var_cnt 0x0"), (.hypercall, "code zz fast var_cnt 0 rep_cnt 0 idx 0 in 0 out 0"),
        (.hypercall, "code 0x2 slow var_cnt 0x0 rep_cnt 0x0 idx 0x0 in 0x0 out 0x0 surprise 0x1"), (.hypercallDone, "result"),
        (.sendIPI, "processor_mask 0x1"), (.msr, "msr_poke 1 = 0x0"), (.flushTLB, "processor_mask 0x0"),
    ])
    func malformed(name: KVMEvent.Name, arguments: String) {
        #expect(throws: KVMEvent.Malformed.self) { try decode(name, arguments) }
    }
}
