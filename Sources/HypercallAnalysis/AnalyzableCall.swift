import HypercallABI
import HypercallLog

/// What aggregation reads from a call record. `.hvl` views implement it on the frame's bytes
/// (nothing allocated); owned records implement it for JSON Lines and SQLite logs. The analyzer is
/// generic over it, so each form gets its own specialised hot path and the logic exists once.
protocol AnalyzableCall {
    var inputValue: HypercallInputValue { get }
    var partitionRole: PartitionRole { get }
    var partitionID: UInt64? { get }
    var vpIndex: UInt32? { get }
    var convention: RecordedConvention { get }
    var entryTime: UInt64? { get }
    var exitTime: UInt64? { get }
    var resultValue: HypercallResultValue? { get }
    func withPhaseBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
    func withBlocks<Result>(_ body: (_ input: UnsafeRawBufferPointer, _ output: UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
    func forEachAttribute(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows
}

extension HVLEntryView: AnalyzableCall {
    func withPhaseBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(phaseBytes)
    }

    func withBlocks<Result>(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(inputBytes, outputBytes)
    }
}

extension HypercallRecord: AnalyzableCall {
    func withPhaseBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withUTF8Bytes(phase, body)
    }

    func withBlocks<Result>(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try input.withUnsafeBytes { input in try output.withUnsafeBytes { output in try body(input, output) } }
    }

    func forEachAttribute(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) rethrows {
        for attribute in attributes {
            try withUTF8Bytes(attribute.key) { key in try withUTF8Bytes(attribute.value) { value in try body(key, value) } }
        }
    }
}

/// The UTF-8 bytes of `string`, without copying when it is stored contiguously (native strings are).
func withUTF8Bytes<Result>(_ string: String, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    var copy = string
    return try copy.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
}
