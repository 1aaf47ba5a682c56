/// What L1's serial console tells about a run: L1's progress lines (`L1LAB …`), L2's console
/// (relayed by L1 with the prefix `L2| `), and the problems they show.
public struct LabConsole: Sendable {
    public let l1Lines: [String]
    /// L2's console lines, without the prefix.
    public let l2Lines: [String]

    public init(serial: String) {
        var l1: [String] = [], l2: [String] = []
        // "\r\n" (a serial console's line end) is one Character in Swift: split on both.
        for raw in serial.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            while line.last == "\r" { line = line.dropLast() }
            if line.hasPrefix("L2| ") { l2.append(String(line.dropFirst(4))) } else { l1.append(String(line)) }
        }
        while l1.last == "" { l1.removeLast() }
        l1Lines = l1
        l2Lines = l2
    }

    /// The values of `L1LAB key=value` lines, in order.
    public func values(_ key: String) -> [String] {
        l1Lines.compactMap { line in
            guard line.hasPrefix("L1LAB ") else { return nil }
            return line.dropFirst(6).split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }
    }

    public var stages: [String] { values("stage") }
    /// The last stage L1 reported, for messages ("L1 kernel boot" before its init ran).
    public var lastStage: String { stages.last ?? "L1 kernel boot" }
    public var l2Phases: [String] {
        l2Lines.compactMap { line in
            guard let range = line.range(of: "L2MARK hvlog phase=") else { return nil }
            return String(line[range.upperBound...].prefix { !$0.isWhitespace })
        }
    }

    /// L1 console lines that contain any of `words` (case-insensitive), the last `limit` of them.
    func l1Lines(mentioning words: [String], limit: Int = 12) -> [String] {
        Array(l1Lines.filter { line in words.contains { line.lowercased().contains($0) } }.suffix(limit)).map { "L1 serial: " + $0 }
    }

    func tail(_ lines: [String], _ count: Int, label: String) -> [String] {
        Array(lines.suffix(count)).map { "\(label): " + $0 }
    }

    /// The problem the console shows, if the run did not get through; `timedOut` when hvlog had to
    /// stop L0 at its time limit.
    public func failure(timedOut: Bool, timeLimit: Int) -> LabFailure? {
        let errors = values("error")
        if errors.contains("no-svm") {
            return LabFailure("L1 sees no SVM in its CPU: QEMU's TCG must emulate an AMD CPU with SVM and nested paging (-cpu EPYC,+svm,+npt); this QEMU did not provide it",
                              evidence: l1Lines(mentioning: ["l1lab", "svm"]))
        }
        if errors.contains("no-kvm") {
            return LabFailure("kvm-amd did not load in L1 (no /dev/kvm): the kernel's messages about it follow",
                              evidence: l1Lines(mentioning: ["kvm", "svm", "insmod", "ccp", "irqbypass"]))
        }
        if errors.contains("no-trace-disk") {
            return LabFailure("L1 has no /dev/vda, the disk the trace is written to (virtio_pci/virtio_blk did not load)",
                              evidence: l1Lines(mentioning: ["virtio", "insmod", "vda"]))
        }
        if let error = errors.first {
            return LabFailure("L1 stopped with error '\(error)'", evidence: l1Lines(mentioning: ["l1lab"]))
        }
        if !stages.contains("init") {
            let reason = timedOut ? "did not reach its init within the \(timeLimit) s time limit" : "stopped before its init ran"
            return LabFailure("L1's kernel \(reason): the end of its serial console follows", evidence: tail(l1Lines, 15, label: "L1 serial"))
        }
        if stages.contains("l2-start"), !l2Phases.contains("workload") {
            let exit = values("l2-exit").last.map { " (L2's QEMU exit status \($0))" } ?? ""
            let reason = timedOut ? "L2 did not finish booting within the \(timeLimit) s time limit" : "L2 failed to boot\(exit)"
            return LabFailure("\(reason): its init never ran. The end of L2's console and L1's QEMU messages follow",
                              evidence: tail(l2Lines, 15, label: "L2 console") + l1Lines(mentioning: ["qemu-system", "kvm:", "svm:"], limit: 6))
        }
        if timedOut {
            return LabFailure("the run did not finish within its \(timeLimit) s time limit (last stage: \(lastStage); L2 phases seen: \(l2Phases.joined(separator: ", ")))",
                              evidence: tail(l2Lines, 6, label: "L2 console") + tail(l1Lines, 6, label: "L1 serial"))
        }
        if !stages.contains("done") {
            return LabFailure("L1 stopped before it wrote the trace (last stage: \(lastStage))", evidence: tail(l1Lines, 15, label: "L1 serial"))
        }
        return nil
    }

    /// Things worth telling although the run got through.
    public var warnings: [String] {
        var warnings: [String] = []
        if !l2Lines.contains(where: { $0.contains("Hypervisor detected: Microsoft Hyper-V") }) {
            warnings.append("L2 did not report 'Hypervisor detected: Microsoft Hyper-V': it may not have used the Hyper-V interface")
        }
        for line in l1Lines where line.hasPrefix("L1LAB stats ") {
            for field in ["overrun:", "dropped events:"] {
                if let range = line.range(of: field),
                   let value = Int(line[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }), value > 0 {
                    warnings.append("the trace buffer lost events (\(line.dropFirst("L1LAB stats ".count))): counts are incomplete")
                }
            }
        }
        for event in values("missing-event") { warnings.append("L1's kernel has no tracepoint \(event)") }
        for seconds in values("l2-silent") {
            warnings.append("L2 printed nothing for \(seconds) s (hung before its first line) and was killed; L1 started it once more on a cleared trace")
        }
        for seconds in values("l2-stalled") {
            warnings.append("L2 printed nothing for \(seconds) s in the middle of its run (hung) and was killed")
        }
        // (A silent L2's warning already says it was started again.)
        if values("l2-unfinished").count > values("l2-silent").count {
            warnings.append("L2 ended before its shutdown marker (hung and killed, or reset): L1 started it once more on a cleared trace")
        }
        return warnings
    }
}
