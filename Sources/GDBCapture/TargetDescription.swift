/// A stub's target description (GDB manual, appendix "Target Descriptions", "Target Description
/// Format"): the `<reg name bitsize [regnum]>` elements of every `<feature>`, in document order
/// with `<xi:include href>` files expanded where they stand. A register without `regnum` takes the
/// number after the previous register's (the first is 0). The `g` packet carries the registers in
/// number order, each `bitsize / 8` bytes in target byte order.
public struct TargetDescription: Sendable {
    public struct Register: Sendable, Hashable {
        public let name: String
        public let number: Int
        public let bitSize: Int
        /// Byte offset in the `g` reply.
        public let offset: Int
        public var byteCount: Int { bitSize / 8 }
    }

    /// `<architecture>` text (e.g. `i386:x86-64`), empty when absent.
    public let architecture: String
    /// Registers in number order.
    public let registers: [Register]
    private let byName: [String: Int]

    /// Builds the description from the XML documents by annex name, starting at `root`.
    public init(documents: [String: [UInt8]], root: String) throws(GDBError) {
        var collected: [(name: String, number: Int, bitSize: Int)] = []
        var architecture = ""
        var nextNumber = 0
        var visiting: Set<String> = []
        func walk(_ annex: String) throws(GDBError) {
            guard let document = documents[annex] else { throw .protocolError("target description includes '\(annex)', which the stub did not provide") }
            guard visiting.insert(annex).inserted else { throw .protocolError("target description '\(annex)' includes itself") }
            let text = String(decoding: document, as: UTF8.self)
            for element in XMLScanner.elements(in: text) {
                switch element.name {
                case "architecture":
                    architecture = element.text.trimmingWhitespace()
                case "xi:include":
                    guard let href = element.attributes["href"] else { throw .protocolError("\(annex): <xi:include> without href") }
                    try walk(href)
                case "reg":
                    guard let name = element.attributes["name"], let bits = element.attributes["bitsize"].flatMap({ Int($0) }), bits > 0, bits % 8 == 0 else {
                        throw .protocolError("\(annex): <reg> without a name or a whole-byte bitsize: \(element.attributes)")
                    }
                    var number = nextNumber
                    if let given = element.attributes["regnum"] {
                        guard let parsed = Int(given) else { throw .protocolError("\(annex): register \(name) has regnum '\(given)'") }
                        number = parsed
                    }
                    collected.append((name, number, bits))
                    nextNumber = number + 1
                default:
                    continue
                }
            }
            visiting.remove(annex)
        }
        try walk(root)
        guard !collected.isEmpty else { throw .protocolError("the target description names no registers") }
        collected.sort { $0.number < $1.number }
        var offset = 0
        var registers: [Register] = []
        var byName: [String: Int] = [:]
        for entry in collected {
            registers.append(Register(name: entry.name, number: entry.number, bitSize: entry.bitSize, offset: offset))
            byName[entry.name.lowercased()] = registers.count - 1
            offset += entry.bitSize / 8
        }
        self.architecture = architecture
        self.registers = registers
        self.byName = byName
    }

    /// The register called `name` (case-insensitive).
    public func register(named name: String) -> Register? {
        byName[name.lowercased()].map { registers[$0] }
    }

    /// The `href`s of the `xi:include` elements of a document.
    static func includes(in document: [UInt8]) -> [String] {
        XMLScanner.elements(in: String(decoding: document, as: UTF8.self)).compactMap { $0.name == "xi:include" ? $0.attributes["href"] : nil }
    }
}

/// Just enough XML for target descriptions: start tags with their attributes and the text up to
/// the next tag; comments, declarations and the DOCTYPE skipped.
enum XMLScanner {
    struct Element {
        let name: String
        let attributes: [String: String]
        let text: String
    }

    static func elements(in text: String) -> [Element] {
        var elements: [Element] = []
        let characters = Array(text.unicodeScalars)
        var index = 0
        while index < characters.count {
            guard characters[index] == "<" else { index += 1; continue }
            if matches(characters, index, "<!--") {
                index = find(characters, from: index + 4, "-->").map { $0 + 3 } ?? characters.count
                continue
            }
            if matches(characters, index, "<?") || matches(characters, index, "<!") || matches(characters, index, "</") {
                index = find(characters, from: index, ">").map { $0 + 1 } ?? characters.count
                continue
            }
            guard let close = find(characters, from: index, ">") else { break }
            let tag = String(String.UnicodeScalarView(characters[(index + 1)..<close]))
            var body = Substring(tag)
            if body.hasSuffix("/") { body = body.dropLast() }
            let name = body.prefix { !$0.isWhitespace }
            let textEnd = find(characters, from: close + 1, "<") ?? characters.count
            elements.append(Element(name: String(name), attributes: attributes(body.dropFirst(name.count)),
                                    text: String(String.UnicodeScalarView(characters[(close + 1)..<textEnd]))))
            index = close + 1
        }
        return elements
    }

    private static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].trimmingWhitespace()
            var after = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let end = after.firstIndex(of: quote) else { break }
            result[key] = String(after[..<end])
            rest = after[after.index(after: end)...]
        }
        return result
    }

    private static func matches(_ characters: [Unicode.Scalar], _ index: Int, _ prefix: String) -> Bool {
        var position = index
        for scalar in prefix.unicodeScalars {
            guard position < characters.count, characters[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    private static func find(_ characters: [Unicode.Scalar], from start: Int, _ needle: String) -> Int? {
        var index = start
        while index < characters.count {
            if matches(characters, index, needle) { return index }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
