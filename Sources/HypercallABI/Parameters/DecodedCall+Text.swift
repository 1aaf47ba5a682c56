extension DecodedCall {
    /// The decoded trees as indented text, one field per line: byte offset, name, value, remark.
    ///
    /// ```
    /// input                              32 bytes
    ///   @0   addressSpace                0x1A2B000
    ///   @16  processorSet                {0,5,130}
    ///          format                    SPARSE_4K (0x0)
    /// ```
    public func treeText() -> String {
        var lines: [String] = []
        for root in [input, output].compactMap({ $0 }) { Self.render(root, depth: 0, into: &lines) }
        return lines.joined(separator: "\n")
    }

    /// The findings as lines, worst first: `error: input.vector: vector 0x5 is outside 0x10–0xFF`.
    public func findingLines() -> [String] {
        findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map { "\($0.element)" }
    }

    private static func render(_ node: DecodedField, depth: Int, into lines: inout [String]) {
        let offset = node.offset.map { "@\($0)" } ?? ""
        let label = String(repeating: "  ", count: depth) + (depth == 0 ? "" : offset.padding(to: 5) + " ") + node.name
        var line = label.padding(to: 36) + " " + node.text
        if let annotation = node.annotation { line += "  (\(annotation))" }
        lines.append(line.trimmingTrailingSpaces())
        for child in node.children { render(child, depth: depth + 1, into: &lines) }
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
