import Foundation
import HypercallABI

/// What hvlog must know about one hypervisor build (or test fixture) to log its hypercalls over
/// a GDB stub: where the handler starts and returns, and where each field lives there.
/// Loaded from JSON; docs/gdb-capture.md describes the format.
public struct TargetProfile: Sendable {
    public enum EntryPoint: Sendable, Hashable {
        case address(UInt64)
        /// Resolved from the ELF file the user names (`--elf`, or the profile's `elf`).
        case symbol(String, elf: String?)
    }

    public enum ExitStrategy: Sendable, Hashable {
        /// A breakpoint at the return address, which this expression reads at entry (`mem64(rsp)`).
        case returnAddress(ProfileExpression)
        /// Breakpoints at these addresses (the handler's return instructions, or its callers' next instructions).
        case addresses([UInt64])
    }

    /// Whether memory packets read virtual addresses (the stopped CPU's view) or guest-physical memory.
    public enum MemoryView: String, Sendable {
        case virtual
        /// QEMU's gdbstub only: `Qqemu.PhyMemMode:1` is sent at the start.
        case physical
    }

    /// Expressions evaluated at the handler's entry.
    public struct EntryFields: Sendable {
        public var inputValue: ProfileExpression
        public var inputAddress: ProfileExpression?
        public var inputSize: ProfileExpression?
        public var outputAddress: ProfileExpression?
        public var outputSize: ProfileExpression?
        public var partitionID: ProfileExpression?
        public var vpIndex: ProfileExpression?
        public var vtl: ProfileExpression?
        /// For fast calls whose input is still in registers at entry: these registers' bytes, in order.
        public var fastInputRegisters: [String]?
    }

    /// Expressions evaluated where the handler returns.
    public struct ExitFields: Sendable {
        public var resultValue: ProfileExpression
        /// Where the output block is, when it is known only at exit (else the entry's `outputAddress`).
        public var outputAddress: ProfileExpression?
    }

    public var name: String
    public var description: String
    public var entry: EntryPoint
    public var exit: ExitStrategy
    public var breakpoints: BreakpointKind
    public var memory: MemoryView
    /// Whether the block addresses are guest-physical (then logged as inputGPA/outputGPA).
    public var blockAddressesAreGuestPhysical: Bool
    /// The program counter's register name; `nil`: the first of rip, pc, eip the target has.
    public var programCounter: String?
    public var atEntry: EntryFields
    public var atExit: ExitFields
    public var sizes: BlockSizing

    /// Every register name the profile's expressions use.
    public var registerNames: Set<String> {
        var names = Set<String>()
        let entryExpressions = [atEntry.inputValue, atEntry.inputAddress, atEntry.inputSize, atEntry.outputAddress, atEntry.outputSize,
                                atEntry.partitionID, atEntry.vpIndex, atEntry.vtl, atExit.resultValue, atExit.outputAddress]
        for expression in entryExpressions.compactMap({ $0 }) { names.formUnion(expression.registers) }
        if case .returnAddress(let expression) = exit { names.formUnion(expression.registers) }
        names.formUnion(atEntry.fastInputRegisters ?? [])
        return names
    }
}

extension TargetProfile {
    /// Loads and checks a profile; errors name the file and the field.
    public init(path: String) throws(GDBError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .profile("\(path): cannot read the file") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .profile("\(path): not valid JSON: \((error as NSError).userInfo["NSDebugDescription"] ?? error)")
        }
        let reader = JSONFields(object, path: path, field: "")
        try self.init(reading: reader)
    }

    init(reading root: JSONFields) throws(GDBError) {
        try root.allowOnly(["comment", "name", "description", "architecture", "entry", "exit", "breakpoints", "memory", "blockAddresses", "pc", "atEntry", "atExit", "sizes"])
        name = try root.string("name")
        description = try root.optionalString("description") ?? ""
        _ = try root.optionalString("architecture")

        let entryFields = try root.object("entry")
        try entryFields.allowOnly(["comment", "symbol", "address", "elf"])
        if let symbol = try entryFields.optionalString("symbol") {
            entry = .symbol(symbol, elf: try entryFields.optionalString("elf"))
        } else if let address = try entryFields.optionalAddress("address") {
            entry = .address(address)
        } else {
            throw entryFields.failure("needs \"symbol\" or \"address\"")
        }

        let exitFields = try root.object("exit")
        try exitFields.allowOnly(["comment", "returnAddress", "addresses"])
        if let expression = try exitFields.optionalExpression("returnAddress") {
            exit = .returnAddress(expression)
        } else if let addresses = try exitFields.optionalAddresses("addresses"), !addresses.isEmpty {
            exit = .addresses(addresses)
        } else {
            throw exitFields.failure("needs \"returnAddress\" (an expression) or \"addresses\" (a non-empty list)")
        }

        breakpoints = try root.choice("breakpoints", default: BreakpointKind.software)
        memory = try root.choice("memory", default: MemoryView.virtual)
        let addressKind = try root.optionalString("blockAddresses") ?? "virtual"
        guard addressKind == "virtual" || addressKind == "guest-physical" else {
            throw root.failure("\"blockAddresses\" is '\(addressKind)': use \"virtual\" or \"guest-physical\"")
        }
        blockAddressesAreGuestPhysical = addressKind == "guest-physical"
        programCounter = try root.optionalString("pc")?.lowercased()

        let entryValues = try root.object("atEntry")
        try entryValues.allowOnly(["comment", "inputValue", "inputAddress", "inputSize", "outputAddress", "outputSize", "partitionID", "vpIndex", "vtl", "fastInputRegisters"])
        atEntry = EntryFields(
            inputValue: try entryValues.expression("inputValue"),
            inputAddress: try entryValues.optionalExpression("inputAddress"),
            inputSize: try entryValues.optionalExpression("inputSize"),
            outputAddress: try entryValues.optionalExpression("outputAddress"),
            outputSize: try entryValues.optionalExpression("outputSize"),
            partitionID: try entryValues.optionalExpression("partitionID"),
            vpIndex: try entryValues.optionalExpression("vpIndex"),
            vtl: try entryValues.optionalExpression("vtl"),
            fastInputRegisters: try entryValues.optionalStrings("fastInputRegisters")?.map { $0.lowercased() })

        let exitValues = try root.object("atExit")
        try exitValues.allowOnly(["comment", "resultValue", "outputAddress"])
        atExit = ExitFields(resultValue: try exitValues.expression("resultValue"), outputAddress: try exitValues.optionalExpression("outputAddress"))

        sizes = BlockSizing()
        if let sizeFields = try root.optionalObject("sizes") {
            try sizeFields.allowOnly(["comment", "fastInputBytes", "inputBytes", "outputBytes", "calls"])
            sizes.fastInputBytes = try sizeFields.optionalInteger("fastInputBytes") ?? sizes.fastInputBytes
            sizes.defaultInputBytes = try sizeFields.optionalInteger("inputBytes") ?? 0
            sizes.defaultOutputBytes = try sizeFields.optionalInteger("outputBytes") ?? 0
            if let calls = try sizeFields.optionalObject("calls") {
                for key in calls.keys {
                    guard let code = Self.parseCode(key) else { throw calls.failure("key '\(key)' is not a call code (e.g. \"0x0050\")") }
                    let layout = try calls.object(key)
                    try layout.allowOnly(["comment", "input", "output"])
                    let input = try layout.optionalPair("input") ?? (0, 0)
                    let output = try layout.optionalPair("output") ?? (0, 0)
                    sizes.calls[code] = BlockSizing.CallLayout(inputHeader: input.0, inputElement: input.1, outputHeader: output.0, outputElement: output.1)
                }
            }
        }
        if atEntry.inputAddress == nil && atEntry.fastInputRegisters == nil {
            throw root.failure("\"atEntry\" needs \"inputAddress\" or \"fastInputRegisters\"")
        }
    }

    /// Parses an address as profiles and `--module-base` write it: `0x…` hex or decimal, `_` and `` ` `` ignored.
    public static func parseAddress(_ text: String) -> UInt64? { JSONFields.parseAddress(text) }

    static func parseCode(_ text: String) -> UInt16? {
        let lower = text.lowercased()
        return lower.hasPrefix("0x") ? UInt16(lower.dropFirst(2), radix: 16) : UInt16(lower)
    }
}

/// Reads typed fields out of parsed JSON, naming the file and field path in every error.
struct JSONFields {
    let values: [String: Any]
    let path: String
    let field: String

    init(_ object: Any, path: String, field: String) {
        values = object as? [String: Any] ?? [:]
        self.path = path
        self.field = field
    }

    var keys: [String] { values.keys.sorted() }

    func failure(_ message: String) -> GDBError {
        .profile("\(path): \(field.isEmpty ? "" : "\"\(field)\" ")\(message)")
    }

    private func name(_ key: String) -> String { field.isEmpty ? key : field + "." + key }

    func allowOnly(_ allowed: Set<String>) throws(GDBError) {
        if let unknown = values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw failure("has an unknown field '\(unknown)' (allowed: \(allowed.subtracting(["comment"]).sorted().joined(separator: ", ")))")
        }
    }

    func optionalString(_ key: String) throws(GDBError) -> String? {
        guard let value = values[key] else { return nil }
        guard let text = value as? String else { throw .profile("\(path): \"\(name(key))\" must be a string") }
        return text
    }

    func string(_ key: String) throws(GDBError) -> String {
        guard let text = try optionalString(key) else { throw .profile("\(path): \"\(name(key))\" is missing") }
        return text
    }

    func optionalStrings(_ key: String) throws(GDBError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard let list = value as? [String] else { throw .profile("\(path): \"\(name(key))\" must be a list of strings") }
        return list
    }

    func optionalObject(_ key: String) throws(GDBError) -> JSONFields? {
        guard let value = values[key] else { return nil }
        guard value is [String: Any] else { throw .profile("\(path): \"\(name(key))\" must be an object") }
        return JSONFields(value, path: path, field: name(key))
    }

    func object(_ key: String) throws(GDBError) -> JSONFields {
        guard let object = try optionalObject(key) else { throw .profile("\(path): \"\(name(key))\" is missing") }
        return object
    }

    func optionalExpression(_ key: String) throws(GDBError) -> ProfileExpression? {
        guard let text = try optionalString(key) else { return nil }
        do { return try ProfileExpression(parsing: text) } catch {
            throw .profile("\(path): \"\(name(key))\": \(error.description.replacingOccurrences(of: "profile: ", with: ""))")
        }
    }

    func expression(_ key: String) throws(GDBError) -> ProfileExpression {
        guard let expression = try optionalExpression(key) else { throw .profile("\(path): \"\(name(key))\" is missing") }
        return expression
    }

    func optionalInteger(_ key: String) throws(GDBError) -> Int? {
        guard let value = values[key] else { return nil }
        guard let number = value as? Int, number >= 0, number <= 1 << 20 else { throw .profile("\(path): \"\(name(key))\" must be a whole number from 0 to 1048576") }
        return number
    }

    func optionalPair(_ key: String) throws(GDBError) -> (Int, Int)? {
        guard let value = values[key] else { return nil }
        guard let list = value as? [Int], list.count == 2, list.allSatisfy({ $0 >= 0 && $0 <= 4096 }) else {
            throw .profile("\(path): \"\(name(key))\" must be [header bytes, bytes per rep element], each 0…4096")
        }
        return (list[0], list[1])
    }

    static func parseAddress(_ text: String) -> UInt64? {
        let lower = text.lowercased().filter { $0 != "_" && $0 != "`" }
        return lower.hasPrefix("0x") ? UInt64(lower.dropFirst(2), radix: 16) : UInt64(lower)
    }

    func optionalAddress(_ key: String) throws(GDBError) -> UInt64? {
        guard let text = try optionalString(key) else { return nil }
        guard let address = Self.parseAddress(text) else { throw .profile("\(path): \"\(name(key))\" '\(text)' is not an address (0x… or decimal)") }
        return address
    }

    func optionalAddresses(_ key: String) throws(GDBError) -> [UInt64]? {
        guard let texts = try optionalStrings(key) else { return nil }
        var addresses: [UInt64] = []
        for text in texts {
            guard let address = Self.parseAddress(text) else { throw .profile("\(path): \"\(name(key))\" entry '\(text)' is not an address") }
            addresses.append(address)
        }
        return addresses
    }

    func choice<Choice: RawRepresentable>(_ key: String, default fallback: Choice) throws(GDBError) -> Choice where Choice.RawValue == String {
        guard let text = try optionalString(key) else { return fallback }
        guard let value = Choice(rawValue: text) else { throw .profile("\(path): \"\(name(key))\" '\(text)' is not one of the allowed values") }
        return value
    }
}
