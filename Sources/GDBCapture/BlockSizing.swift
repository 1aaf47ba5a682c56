import HypercallABI

/// How many bytes of the input and output blocks to read: the one place that decides it. The
/// sizes come from the profile's table; HypercallABI's `ParameterLayouts` are not consulted here
/// yet (doing so would change what existing profiles read).
///
/// In order: a fast call reads `fastInputBytes` (the register image) and no output; a call code in
/// `calls` reads its header, the variable header (`variableHeaderSize` × 8 bytes) and `repCount`
/// input elements, and at exit the output header and `repsCompleted` output elements (the TLFS rep
/// semantics: the caller's whole rep list is in the block, and the elements before RepsCompleted are
/// the ones written); otherwise the sizes the profile's `inputSize`/`outputSize` expressions gave at
/// entry, or else its fixed `inputBytes`/`outputBytes`. No block is larger than one 4 KiB page
/// (TLFS: a block must not cross a page boundary).
public struct BlockSizing: Sendable, Hashable {
    public struct CallLayout: Sendable, Hashable {
        public var inputHeader: Int
        public var inputElement: Int
        public var outputHeader: Int
        public var outputElement: Int
    }

    public static let pageBytes = 4096

    public var fastInputBytes = 16
    public var defaultInputBytes = 0
    public var defaultOutputBytes = 0
    public var calls: [UInt16: CallLayout] = [:]

    public init() {}

    public func inputBytes(_ value: HypercallInputValue, sizeAtEntry: UInt64?) -> Int {
        if value.isFast { return fastInputBytes }
        if let layout = calls[value.callCode.rawValue] {
            return clamp(layout.inputHeader + value.variableHeaderBytes + value.repCount * layout.inputElement)
        }
        return sizeAtEntry.map { clamp($0) } ?? defaultInputBytes
    }

    public func outputBytes(_ value: HypercallInputValue, result: HypercallResultValue?, sizeAtEntry: UInt64?) -> Int {
        if value.isFast { return 0 }
        if let layout = calls[value.callCode.rawValue] {
            guard let result else { return 0 }
            return clamp(layout.outputHeader + result.repsCompleted * layout.outputElement)
        }
        return sizeAtEntry.map { clamp($0) } ?? defaultOutputBytes
    }

    /// The output size when it does not depend on the result (nil when it does: a rep call of the table).
    public func outputBytesBeforeResult(_ value: HypercallInputValue, sizeAtEntry: UInt64?) -> Int? {
        if !value.isFast, calls[value.callCode.rawValue] != nil { return nil }
        return outputBytes(value, result: nil, sizeAtEntry: sizeAtEntry)
    }

    private func clamp(_ bytes: Int) -> Int { min(max(bytes, 0), Self.pageBytes) }
    private func clamp(_ bytes: UInt64) -> Int { Int(min(bytes, UInt64(Self.pageBytes))) }
}
