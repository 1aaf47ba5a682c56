import HypercallLog
/// Counts the values each parameter field of each call code takes (attributes such as
/// `flags = 0x3`, and fields decoded from input blocks), with numeric ranges.
///
/// Memory is bounded by the number of distinct values: past `maxDistinctPerField` values of one
/// field, new values are only counted as "other".
struct ParameterTally {
    static let maxDistinctPerField = 10_000

    struct Field {
        var code: UInt16
        var name: Int
        var calls = 0
        var distinct = 0
        var other = 0
        var numeric = true
        /// Whether the values are written in hex (`0x…`): ranges are shown the same way.
        var hexadecimal = false
        var minimum = UInt64.max
        var maximum = UInt64.min
        /// The value counted last (when at most 16 bytes) and its key: a repeat of it only bumps
        /// `repeats`, which is added to that key's count when a different value comes (or the
        /// report is made).
        var lastValue: ShortBytes?
        var lastKey: UInt128 = 0
        var repeats = 0
    }

    private(set) var names = ByteInterner()
    private(set) var values = ByteInterner()
    /// Key: field index << 40 | value id.
    private(set) var valueCounts = CountTable(capacity: 1024)
    private(set) var fields: [Field] = []
    /// fieldIndex[codeSlot][nameID] + 1, 0 when none yet.
    private var fieldIndex: [[Int32]] = []

    /// The id of a field name (an attribute key, a decoded field's path).
    mutating func nameID(of name: UnsafeRawBufferPointer) -> Int { names.id(of: name) }

    /// Counts `value` for field `name` of `code`.
    mutating func add(code: UInt16, codeSlot: Int, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        add(code: code, codeSlot: codeSlot, nameID: nameID(of: name), value: value)
    }

    /// Counts `value` for the field named `nameID` (from `nameID(of:)`) of `code`.
    @inline(__always)
    mutating func add(code: UInt16, codeSlot: Int, nameID: Int, value: UnsafeRawBufferPointer) {
        let field = fieldIndex(code: code, codeSlot: codeSlot, nameID: nameID)
        let repeated = fields.withUnsafeMutableBufferPointer { all in
            all[field].calls += 1
            guard let last = all[field].lastValue, last.matches(value) else { return false }
            all[field].repeats += 1
            return true
        }
        if !repeated { addNew(field, value) }
    }

    @inline(__always)
    private mutating func fieldIndex(code: UInt16, codeSlot: Int, nameID: Int) -> Int {
        if codeSlot < fieldIndex.count, nameID < fieldIndex[codeSlot].count, fieldIndex[codeSlot][nameID] > 0 {
            return Int(fieldIndex[codeSlot][nameID]) - 1
        }
        if codeSlot >= fieldIndex.count { fieldIndex.append(contentsOf: repeatElement([], count: codeSlot + 1 - fieldIndex.count)) }
        if nameID >= fieldIndex[codeSlot].count {
            fieldIndex[codeSlot].append(contentsOf: repeatElement(0, count: nameID + 1 - fieldIndex[codeSlot].count))
        }
        fields.append(Field(code: code, name: nameID))
        fieldIndex[codeSlot][nameID] = Int32(fields.count)
        return fields.count - 1
    }

    /// Counts a value that differs from the field's last one.
    private mutating func addNew(_ field: Int, _ value: UnsafeRawBufferPointer) {
        flushRepeats(field)
        if value.count > 2, value[1] | 0x20 == UInt8(ascii: "x") { fields[field].hexadecimal = true }
        if let number = Self.number(value) {
            fields[field].minimum = min(fields[field].minimum, number)
            fields[field].maximum = max(fields[field].maximum, number)
        } else {
            fields[field].numeric = false
        }
        fields[field].lastValue = nil
        if fields[field].distinct >= Self.maxDistinctPerField {
            if let known = values.existingID(of: value), valueCounts.count(of: UInt128(field) << 40 | UInt128(known)) > 0 {
                valueCounts.add(UInt128(field) << 40 | UInt128(known))
            } else {
                fields[field].other += 1
            }
            return
        }
        let key = UInt128(field) << 40 | UInt128(values.id(of: value))
        if valueCounts.add(key) { fields[field].distinct += 1 }
        fields[field].lastValue = ShortBytes(value)
        fields[field].lastKey = key
    }

    private mutating func flushRepeats(_ field: Int) {
        guard fields[field].repeats > 0 else { return }
        valueCounts.add(fields[field].lastKey, fields[field].repeats)
        fields[field].repeats = 0
    }

    /// The tally with every pending repeat counted (for the report).
    func settled() -> ParameterTally {
        var copy = self
        for field in copy.fields.indices { copy.flushRepeats(field) }
        return copy
    }

    /// A hex (`0x…`) or decimal unsigned number, or nil.
    static func number(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 20 else { return nil }
        var value: UInt64 = 0
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
            guard bytes.count <= 18 else { return nil }
            for byte in bytes.dropFirst(2) {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
