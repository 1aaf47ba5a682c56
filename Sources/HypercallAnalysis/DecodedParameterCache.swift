import HypercallABI
import HypercallLog

/// The decoded parameter fields of calls with input or output bytes (debugger captures, fast
/// calls), memoised by the exact bytes: logs repeat the same inputs often, and decoding builds a
/// field tree. The cache holds at most `capacity` distinct calls and starts afresh when full, so
/// memory stays bounded.
struct DecodedParameterCache {
    static let capacity = 65_536
    private var keys = ByteInterner()
    private var leaves: [[(path: [UInt8], text: [UInt8])]] = []
    private var scratch: [UInt8] = []

    /// The leaves of the call's decoded input and output trees, as UTF-8 (path, value) pairs,
    /// without padding and reserved fields.
    /// The trees do not depend on the calling convention, so calls that differ only in it share an entry.
    mutating func leaves(inputValue: HypercallInputValue, result: HypercallResultValue?,
                         input: UnsafeRawBufferPointer, output: UnsafeRawBufferPointer) -> [(path: [UInt8], text: [UInt8])] {
        // Key: input value, result (or none), input length, input, output.
        scratch.removeAll(keepingCapacity: true)
        withUnsafeBytes(of: inputValue.rawValue.littleEndian) { scratch.append(contentsOf: $0) }
        withUnsafeBytes(of: (result?.rawValue ?? .max).littleEndian) { scratch.append(contentsOf: $0) }
        scratch.append(result == nil ? 1 : 0)
        withUnsafeBytes(of: UInt32(input.count).littleEndian) { scratch.append(contentsOf: $0) }
        scratch.append(contentsOf: input)
        scratch.append(contentsOf: output)
        let known = scratch.withUnsafeBytes { keys.existingID(of: $0) }
        if let known { return leaves[known] }
        if keys.count >= Self.capacity {
            keys = ByteInterner()
            leaves = []
        }
        let decoded = ParameterDecoder.leaves(inputValue: inputValue, input: input, output: output, result: result)
        let kept = decoded.compactMap { leaf -> (path: [UInt8], text: [UInt8])? in
            let path = Array(leaf.path.utf8)
            return path.withUnsafeBytes { DecodedField.isFiller(pathUTF8: $0) } ? nil : (path, Array(leaf.text.utf8))
        }
        _ = scratch.withUnsafeBytes { keys.id(of: $0) }
        leaves.append(kept)
        return kept
    }
}
