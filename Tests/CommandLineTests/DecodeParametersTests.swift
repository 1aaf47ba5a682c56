import Foundation
import Testing

@Suite("hvlog decode --input, cat summaries")
struct DecodeParametersTests {
    /// HvCallFlushVirtualAddressSpaceEx on the TLFS example VP set {0, 5, 130}: two bank masks in the variable header.
    static let flushEx = "00b0a2010000000002000000000000000000000000000000050000000000000021000000000000000400000000000000"

    @Test("decode --input prints the summary, the field tree with offsets, and no findings")
    func text() throws {
        let run = try Hvlog.run(["decode", "--hiv", "0x40013", "--input", Self.flushEx])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("memory convention: flush address space 0x1A2B000 on VPs {0,5,130}, flags ALL_VIRTUAL_ADDRESS_SPACES"))
        #expect(run.stdout.contains("@40   bankContents[2]            0x4  (VPs 128–191: {130})"))
        #expect(run.stdout.hasSuffix("no findings\n"))
    }

    @Test("decode --json gives the tree, typed values, leaves and findings")
    func json() throws {
        let run = try Hvlog.run(["decode", "--hiv", "0x20013", "--input", Self.flushEx, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["summary"] as? String == "flush address space 0x1A2B000 on VPs {0,5,130}, flags ALL_VIRTUAL_ADDRESS_SPACES")
        let input = try #require(object["input"] as? [String: Any])
        let children = try #require(input["children"] as? [[String: Any]])
        let set = try #require(children.first { $0["name"] as? String == "processorSet" })
        #expect(set["value"] as? [Int] == [0, 5, 130])
        #expect(children.first?["value"] as? Int == 0x1A2B000)
        // The variable header size 1 (0x20013) disagrees with the two bank masks.
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["path"] as? String == "inputValue.variableHeaderSize" && $0["severity"] as? String == "warning" })
        let leaves = try #require(object["leaves"] as? [[String: String]])
        #expect(leaves.contains { $0["path"] == "input.processorSet.bankContents[0]" && $0["value"] == "0x21" })
    }

    @Test("register conventions and rep progress from --hiv/--hrv; findings are listed")
    func conventions() throws {
        let run = try Hvlog.run(["decode", "--hiv", "0x0001000300010003", "--hrv", "0x0000000200000000", "--convention", "fast",
                                 "--input", "0010000000000000 0100000000000000 0000000000000000 0030000000000000 0040000000000000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("elements[1]"))
        #expect(run.stdout.contains("(processed)"))
        #expect(run.stdout.contains("(before rep start 1"))
        #expect(run.stdout.contains("error: input.elements[2]: the input holds 2 of 3 elements"))
        #expect(run.stdout.contains("error: input: 48 input bytes do not fit the fast convention's 16 (RDX, R8)"))
    }

    @Test("bad hex and bad conventions are rejected with the option named")
    func badArguments() throws {
        let bad = try Hvlog.run(["decode", "--hiv", "0x2", "--input", "0x12z4"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--input"))
        let convention = try Hvlog.run(["decode", "--hiv", "0x2", "--input", "00", "--convention", "registers"])
        #expect(convention.status != 0)
        #expect(convention.stderr.contains("--convention"))
        // Fullwidth digits pass Character.isHexDigit but are no hex: an error, not a trap.
        let fullwidth = try Hvlog.run(["decode", "--hiv", "0x2", "--input", "０１"])
        #expect(fullwidth.status == 64, "\(fullwidth.stderr)")
        #expect(fullwidth.stderr.contains("--input"))
    }

    @Test("cat appends the decoded summary to records with input bytes")
    func catSummary() throws {
        let directory = try scratchDirectory()
        let jsonl = directory.appendingPathComponent("ipi.jsonl")
        try """
            {"type":"header","format":"hvlog","version":1,"createdAt":1763830000000000000,"source":"hand-written"}
            {"type":"call","seq":1,"entry":1000,"exit":1200,"source":"kvm","partition":1,"role":"guest","vp":0,"hiv":"0x000000000001000b","convention":"fast","input":"2f000000000000000300000000000000","hrv":"0x0000000000000000"}
            {"type":"call","seq":2,"entry":2000,"exit":2100,"source":"kvm","partition":1,"role":"guest","vp":0,"hiv":"0x000000000001000b","convention":"fast","input":"05000000000000000100000000000000","hrv":"0x0000000000000000"}

            """.write(to: jsonl, atomically: true, encoding: .utf8)
        let run = try Hvlog.run(["cat", jsonl.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("«send IPI vector 0x2F to VPs {0,1} in the caller's VTL»"))
        #expect(lines[1].hasSuffix("«send IPI vector 0x5 to VPs {0} in the caller's VTL [1 error]»"))
    }
}
