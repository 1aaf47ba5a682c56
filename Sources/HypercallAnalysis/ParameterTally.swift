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
        /// The value counted last and its key: a repeat of it only bumps `repeats`, which is
        /// added to that key's count when a different value comes (or the report is made).
        var lastValue: [UInt8]?
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
    /// The name seen last at each attribute position, and its id: records of one capture list
    /// their attributes in the same order, so the name is usually found without hashing.
    private var recentNames: [(bytes: [UInt8], id: Int)] = Array(repeating: ([], -1), count: 8)

    @inline(__always)
    private mutating func nameID(_ name: UnsafeRawBufferPointer, position: Int) -> Int {
        guard position < recentNames.count else { return names.id(of: name) }
        if recentNames[position].id >= 0, bytesEqual(name, recentNames[position].bytes) { return recentNames[position].id }
        let id = names.id(of: name)
        recentNames[position] = (Array(name), id)
        return id
    }

    /// Counts `value` for field `name` of `code`; `position` is the attribute's index in its record.
    @inline(__always)
    mutating func add(code: UInt16, codeSlot: Int, name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, position: Int = .max) {
        let nameID = nameID(name, position: position)
        if codeSlot >= fieldIndex.count { fieldIndex.append(contentsOf: repeatElement([], count: codeSlot + 1 - fieldIndex.count)) }
        if nameID >= fieldIndex[codeSlot].count {
            fieldIndex[codeSlot].append(contentsOf: repeatElement(0, count: nameID + 1 - fieldIndex[codeSlot].count))
        }
        var field = Int(fieldIndex[codeSlot][nameID]) - 1
        if field < 0 {
            field = fields.count
            fields.append(Field(code: code, name: nameID))
            fieldIndex[codeSlot][nameID] = Int32(field + 1)
        }
        fields[field].calls += 1
        if let last = fields[field].lastValue, bytesEqual(value, last) {
            fields[field].repeats += 1
            return
        }
        flushRepeats(field)
        if value.count > 2, value[1] | 0x20 == UInt8(ascii: "x") { fields[field].hexadecimal = true }
        if let number = Self.number(value) {
            fields[field].minimum = min(fields[field].minimum, number)
            fields[field].maximum = max(fields[field].maximum, number)
        } else {
            fields[field].numeric = false
        }
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
        fields[field].lastValue = Array(value)
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
