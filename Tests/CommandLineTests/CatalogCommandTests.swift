import Foundation
import Testing

@Suite("hvlog codes, explain, decode")
struct CatalogCommandTests {
    @Test("codes --json lists over 250 codes (250 or more with real names), each with its sources")
    func codesJSON() throws {
        let run = try Hvlog.run(["codes", "--json"])
        #expect(run.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count > 250)
        #expect(entries.filter { $0["reservedSlot"] as? Bool == false }.count >= 250)
        let first = try #require(entries.first { $0["code"] as? String == "0x0002" })
        #expect(first["name"] as? String == "HvCallFlushVirtualAddressSpace")
        let names = try #require(first["names"] as? [[String: Any]])
        #expect(names.contains { $0["name"] as? String == "HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE" && ($0["sources"] as? [String])?.contains("linux") == true })
    }

    @Test("codes filters by kind, range and source")
    func codesFilters() throws {
        let rep = try Hvlog.run(["codes", "--kind", "rep", "--from", "0x0", "--to", "0x10"])
        #expect(rep.status == 0)
        #expect(rep.stdout.contains("0x0003  HvCallFlushVirtualAddressList"))
        #expect(!rep.stdout.contains("0x0002"))
        #expect(rep.stdout.contains("2 of "))  // 0x0003 and 0x000C
        let vtl = try Hvlog.run(["codes", "--kind", "vtl", "--json"])
        let vtlEntries = try #require(try JSONSerialization.jsonObject(with: Data(vtl.stdout.utf8)) as? [[String: Any]])
        #expect(vtlEntries.compactMap { $0["code"] as? String } == ["0x0011", "0x0012"])
        let openvmm = try Hvlog.run(["codes", "--source", "openvmm", "--kind", "extended"])
        #expect(openvmm.stdout.contains("0x8001") && !openvmm.stdout.contains("0x8002"))
    }

    @Test("explain 0x4e and HVCALL_SEND_IPI_EX print their entries")
    func explain() throws {
        let createVp = try Hvlog.run(["explain", "0x4e"])
        #expect(createVp.status == 0)
        #expect(createVp.stdout.contains("HvCallCreateVp"))
        #expect(createVp.stdout.contains("HVCALL_CREATE_VP  [linux"))
        let ipi = try Hvlog.run(["explain", "HVCALL_SEND_IPI_EX"])
        #expect(ipi.stdout.contains("0x0015"))
        #expect(ipi.stdout.contains("HvCallSendSyntheticClusterIpiEx"))
        #expect(ipi.stdout.contains("variable header  yes"))
    }

    @Test("explain fails clearly for unknown and ambiguous names and out-of-range codes")
    func explainErrors() throws {
        for (argument, message) in [("HvCallMakeCoffee", "no call code is named"), ("0x1F7", "unknown(0x01F7)"),
                                    ("0x12345", "16 bits"), ("HvCallNotifyStandbyTransition", "more than one call code")] {
            let run = try Hvlog.run(["explain", argument])
            #expect(run.status != 0, "\(argument)")
            #expect(run.stderr.contains(message), "\(argument): \(run.stderr)")
        }
    }

    @Test("decode explains the issue's rep FlushVirtualAddressList resumed at index 1")
    func decode() throws {
        let run = try Hvlog.run(["decode", "--hiv", "0x0001000300000003"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("HvCallFlushVirtualAddressList (rep)"))
        #expect(run.stdout.contains("43:32  repCount              0x3"))
        #expect(run.stdout.contains("resume at element 1 of 3"))
        #expect(run.stdout.contains("valid for HvCallFlushVirtualAddressList"))
        let json = try Hvlog.run(["decode", "--hiv", "0x0001000300000003", "--hrv", "0x0000000300000000", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        let result = try #require(object["result"] as? [String: Any])
        #expect(result["status"] as? String == "HV_STATUS_SUCCESS")
        #expect(result["repsCompleted"] as? Int == 3)
    }

    @Test("decode reports every violation with its status")
    func decodeViolations() throws {
        let run = try Hvlog.run(["decode", "--hiv", "0xF000000100020002", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let violations = try #require(object["violations"] as? [[String: Any]])
        #expect(Set(violations.compactMap { $0["rule"] as? String }) == ["reservedBitsSet", "repCountOnSimpleCall", "variableHeaderNotAccepted"])
        #expect(violations.allSatisfy { $0["status"] as? String == "HV_STATUS_INVALID_HYPERCALL_INPUT" })
    }

    @Test("decode rejects bad numbers with a clear message and a non-zero status", arguments: ["banana", "0x1FFFFFFFFFFFFFFFF", "-1", ""])
    func decodeBadInput(argument: String) throws {
        let run = try Hvlog.run(["decode", "--hiv", argument])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--hiv"), "\(run.stderr)")
    }
}
