/// A small expression saying where a value lives when the target is stopped, e.g. `rcx`,
/// `mem64(rdi+0x18)`, `mem32(rsp+8)`, `rax & 0xffffffff | rdx << 32`.
///
/// Grammar (C precedence, all arithmetic on 64-bit unsigned values, wrapping):
///
///     expression := or
///     or         := and ( "|" and )*
///     and        := shift ( "&" shift )*
///     shift      := sum ( ("<<" | ">>") sum )*
///     sum        := product ( ("+" | "-") product )*
///     product    := primary ( "*" primary )*
///     primary    := number | register | load "(" expression ")" | "(" expression ")"
///     load       := "mem8" | "mem16" | "mem32" | "mem64"    (little-endian read at the address)
///     number     := decimal | "0x" hex
///     register   := a register name from the target description (rax, esp, r8, xmm0, …)
public indirect enum ProfileExpression: Sendable, Hashable, CustomStringConvertible {
    case constant(UInt64)
    case register(String)
    case load(ProfileExpression, bytes: Int)
    case binary(BinaryOperator, ProfileExpression, ProfileExpression)

    public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
        case or = "|", and = "&", shiftLeft = "<<", shiftRight = ">>", add = "+", subtract = "-", multiply = "*"

        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .shiftLeft, .shiftRight: 3
            case .add, .subtract: 4
            case .multiply: 5
            }
        }

        func apply(_ left: UInt64, _ right: UInt64) -> UInt64 {
            switch self {
            case .or: left | right
            case .and: left & right
            case .shiftLeft: right >= 64 ? 0 : left << right
            case .shiftRight: right >= 64 ? 0 : left >> right
            case .add: left &+ right
            case .subtract: left &- right
            case .multiply: left &* right
            }
        }
    }

    /// What an expression reads when it is evaluated.
    public protocol Context {
        func register(_ name: String) throws(GDBError) -> UInt64
        func memory(at address: UInt64, bytes: Int) throws(GDBError) -> UInt64
    }

    public func evaluate(in context: some Context) throws(GDBError) -> UInt64 {
        switch self {
        case .constant(let value): return value
        case .register(let name): return try context.register(name)
        case .load(let address, let bytes): return try context.memory(at: try address.evaluate(in: context), bytes: bytes)
        case .binary(let op, let left, let right): return op.apply(try left.evaluate(in: context), try right.evaluate(in: context))
        }
    }

    /// Every register the expression reads.
    public var registers: Set<String> {
        switch self {
        case .constant: []
        case .register(let name): [name]
        case .load(let address, _): address.registers
        case .binary(_, let left, let right): left.registers.union(right.registers)
        }
    }

    public var description: String {
        switch self {
        case .constant(let value): value < 10 ? String(value) : "0x" + String(value, radix: 16)
        case .register(let name): name
        case .load(let address, let bytes): "mem\(bytes * 8)(\(address))"
        case .binary(let op, let left, let right): "(\(left) \(op.rawValue) \(right))"
        }
    }

    /// Parses `text`; errors name the offending column.
    public init(parsing text: String) throws(GDBError) {
        var parser = ExpressionParser(text: text)
        self = try parser.parseWhole()
    }
}

/// Recursive descent with precedence climbing over the characters of one expression.
struct ExpressionParser {
    let text: String
    let characters: [Character]
    var position = 0

    init(text: String) {
        self.text = text
        characters = Array(text)
    }

    mutating func parseWhole() throws(GDBError) -> ProfileExpression {
        let expression = try parseBinary(minimumPrecedence: 1)
        skipSpaces()
        guard position == characters.count else { throw error("unexpected '\(characters[position])'") }
        return expression
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(GDBError) -> ProfileExpression {
        var left = try parsePrimary()
        while true {
            skipSpaces()
            guard let op = peekOperator(), op.precedence >= minimumPrecedence else { return left }
            position += op.rawValue.count
            let right = try parseBinary(minimumPrecedence: op.precedence + 1)
            left = .binary(op, left, right)
        }
    }

    private func peekOperator() -> ProfileExpression.BinaryOperator? {
        guard position < characters.count else { return nil }
        let rest = characters[position...]
        if rest.starts(with: "<<") { return .shiftLeft }
        if rest.starts(with: ">>") { return .shiftRight }
        return ProfileExpression.BinaryOperator(rawValue: String(characters[position]))
    }

    private mutating func parsePrimary() throws(GDBError) -> ProfileExpression {
        skipSpaces()
        guard position < characters.count else { throw error("expression ends where a value was expected") }
        let character = characters[position]
        if character == "(" {
            position += 1
            let inner = try parseBinary(minimumPrecedence: 1)
            try expect(")")
            return inner
        }
        if character.isNumber {
            let start = position
            while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" { position += 1 }
            let token = String(characters[start..<position]).replacingUnderscores()
            let value: UInt64? = token.lowercased().hasPrefix("0x") ? UInt64(token.dropFirst(2), radix: 16) : UInt64(token)
            guard let value else { throw error("'\(token)' is not a number (decimal, or hex with 0x)", at: start) }
            return .constant(value)
        }
        if character.isLetter || character == "_" {
            let start = position
            while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" { position += 1 }
            let name = String(characters[start..<position])
            let loads = ["mem8": 1, "mem16": 2, "mem32": 4, "mem64": 8]
            if let bytes = loads[name.lowercased()] {
                try expect("(")
                let address = try parseBinary(minimumPrecedence: 1)
                try expect(")")
                return .load(address, bytes: bytes)
            }
            return .register(name.lowercased())
        }
        throw error("unexpected '\(character)'")
    }

    private mutating func expect(_ character: Character) throws(GDBError) {
        skipSpaces()
        guard position < characters.count, characters[position] == character else { throw error("expected '\(character)'") }
        position += 1
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private func error(_ message: String, at column: Int? = nil) -> GDBError {
        .profile("expression '\(text)', column \((column ?? position) + 1): \(message)")
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
