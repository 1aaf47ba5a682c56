/// Decodes hypercall input and output blocks into named fields, following the calling convention:
/// memory blocks, fast (RDX, R8) and XMM fast (RDX, R8, XMM0–XMM5) input and XMM fast output.
///
/// Rep elements start after the fixed and variable header, 8-byte aligned; the rep start index
/// and the reps completed mark which elements this invocation processed. Sizes, alignment, page
/// crossing and reserved fields are checked and reported as findings; no input makes it trap.
public enum ParameterDecoder {
    /// Bytes of the fast convention's input registers (RDX, R8).
    public static let fastInputBytes = 16
    /// Bytes of the XMM fast convention's registers (RDX, R8, XMM0–XMM5), TLFS "XMM Fast Hypercall Input".
    public static let xmmFastBytes = 112
    static let pageSize = 4096

    /// Decodes one call.
    ///
    /// - Parameters:
    ///   - inputValue: the Hypercall Input Value (call code, rep count, rep start, variable header size).
    ///   - input: the input block, or for register conventions the registers' bytes in order.
    ///   - output: the output block (or XMM fast output registers); empty when not captured.
    ///   - result: the Hypercall Result Value, for reps completed; `nil` when unknown.
    ///   - convention: how the blocks were passed; `nil` to infer it from the fast bit and the input size.
    ///   - inputGPA, outputGPA: block addresses (memory convention), for alignment and page-crossing checks.
    public static func decode(
        inputValue: HypercallInputValue, input: UnsafeRawBufferPointer, output: UnsafeRawBufferPointer,
        result: HypercallResultValue? = nil, convention: CallingConvention? = nil, inputGPA: UInt64? = nil, outputGPA: UInt64? = nil
    ) -> DecodedCall {
        let code = inputValue.callCode
        let convention = convention ?? (inputValue.isFast ? (input.count > fastInputBytes ? .xmmFast : .fast) : .memory)
        var findings = inputValue.violations(against: HypercallCatalog.standard.entry(for: code)).map {
            ParameterFinding(.error, "inputValue.\($0.field)", $0.description)
        }
        if (convention == .memory) == inputValue.isFast {
            findings.append(ParameterFinding(.error, "inputValue.fast", "fast bit is \(inputValue.isFast ? 1 : 0) but the blocks were passed by the \(convention.rawValue) convention"))
        }
        if let result {
            findings += result.inconsistencies(with: inputValue).map { ParameterFinding(.warning, "resultValue", $0) }
        }
        guard let layout = ParameterLayouts.layout(for: code) else {
            let raw = rawBlock("input", input)
            findings.append(ParameterFinding(.note, "input", "no parameter layout is declared for \(code.name); shown as raw 8-byte words"))
            return DecodedCall(inputValue: inputValue, convention: convention, layoutName: nil, input: input.isEmpty ? nil : raw,
                               output: output.isEmpty ? nil : rawBlock("output", output), findings: findings,
                               summary: "\(code.name), \(input.count) input bytes")
        }
        var decoder = Decoding(layout: layout, inputValue: inputValue, result: result)
        let inputTree = decoder.decodeInput(input)
        let outputTree = output.isEmpty ? nil : decoder.decodeOutput(output)
        findings += decoder.findings
        findings += conventionFindings(layout: layout, inputValue: inputValue, convention: convention, inputUsed: decoder.inputUsed,
                                       outputNeeded: decoder.outputNeeded, outputGiven: output.count, inputGPA: inputGPA, outputGPA: outputGPA)
        let view = SummaryView(input: inputTree, output: outputTree, inputValue: inputValue, result: result)
        findings += layout.validate?(view) ?? []
        return DecodedCall(inputValue: inputValue, convention: convention, layoutName: code.name, input: inputTree, output: outputTree,
                           findings: findings, summary: layout.summarize(view))
    }

    /// The leaves of the call's decoded input and output trees (dotted path, readable text), as
    /// `decode(…).leaves` gives them, without the summary, the findings and the input-value checks.
    /// The trees do not depend on the calling convention, so none is asked for.
    public static func leaves(
        inputValue: HypercallInputValue, input: UnsafeRawBufferPointer, output: UnsafeRawBufferPointer,
        result: HypercallResultValue? = nil
    ) -> [(path: String, text: String)] {
        guard let layout = ParameterLayouts.layout(for: inputValue.callCode) else {
            return DecodedCall.leaves(input.isEmpty ? nil : rawBlock("input", input), output.isEmpty ? nil : rawBlock("output", output))
        }
        var decoder = Decoding(layout: layout, inputValue: inputValue, result: result)
        let inputTree = decoder.decodeInput(input)
        return DecodedCall.leaves(inputTree, output.isEmpty ? nil : decoder.decodeOutput(output))
    }

    /// `leaves(…)` from byte arrays.
    public static func leaves(
        inputValue: HypercallInputValue, input: [UInt8], output: [UInt8] = [], result: HypercallResultValue? = nil
    ) -> [(path: String, text: String)] {
        input.withUnsafeBytes { inputBytes in
            output.withUnsafeBytes { outputBytes in
                leaves(inputValue: inputValue, input: inputBytes, output: outputBytes, result: result)
            }
        }
    }

    /// Decodes one call from byte arrays (no copy: the arrays' storage is read in place).
    public static func decode(
        inputValue: HypercallInputValue, input: [UInt8], output: [UInt8] = [], result: HypercallResultValue? = nil,
        convention: CallingConvention? = nil, inputGPA: UInt64? = nil, outputGPA: UInt64? = nil
    ) -> DecodedCall {
        input.withUnsafeBytes { inputBytes in
            output.withUnsafeBytes { outputBytes in
                decode(inputValue: inputValue, input: inputBytes, output: outputBytes, result: result, convention: convention,
                       inputGPA: inputGPA, outputGPA: outputGPA)
            }
        }
    }

    private static func rawBlock(_ name: String, _ bytes: UnsafeRawBufferPointer) -> DecodedField {
        let reader = BlockBytes(raw: bytes)
        let words = stride(from: 0, to: bytes.count, by: 8).map { offset -> DecodedField in
            let size = min(8, bytes.count - offset)
            let value = reader.integer(at: offset, size: size) ?? 0
            return DecodedField(name: "qword[\(offset / 8)]", offset: offset, size: size, value: .unsigned(value), text: FieldDecoder.hex(value))
        }
        return DecodedField(name: name, offset: 0, size: bytes.count, value: .none, text: "\(bytes.count) bytes", children: words)
    }

    static func roundUp(_ value: Int, _ multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }

    /// Size, register-capacity, alignment and page-crossing rules of the convention.
    static func conventionFindings(
        layout: ParameterLayout, inputValue: HypercallInputValue, convention: CallingConvention, inputUsed: Int, outputNeeded: Int,
        outputGiven: Int, inputGPA: UInt64?, outputGPA: UInt64?
    ) -> [ParameterFinding] {
        var found: [ParameterFinding] = []
        func add(_ severity: ParameterFinding.Severity, _ path: String, _ message: String) { found.append(ParameterFinding(severity, path, message)) }
        switch convention {
        case .memory:
            for (name, gpa, size) in [("input", inputGPA, inputUsed), ("output", outputGPA, outputNeeded)] where size > 0 {
                if size > pageSize { add(.error, name, "\(size) bytes do not fit one page: the block would cross a page boundary") }
                guard let gpa else { continue }
                if gpa % 8 != 0 { add(.error, name, "GPA \(FieldDecoder.hex(gpa)) is not 8-byte aligned (HV_STATUS_INVALID_ALIGNMENT)") }
                if Int(gpa % UInt64(pageSize)) + size > pageSize {
                    add(.error, name, "\(size) bytes at GPA \(FieldDecoder.hex(gpa)) cross a page boundary")
                }
            }
            if let inputGPA, let outputGPA, inputUsed > 0, outputNeeded > 0,
               inputGPA < outputGPA &+ UInt64(outputNeeded), outputGPA < inputGPA &+ UInt64(inputUsed) {
                add(.error, "output", "the input and output blocks overlap")
            }
        case .fast:
            if inputUsed > fastInputBytes {
                add(.error, "input", "\(inputUsed) input bytes do not fit the fast convention's \(fastInputBytes) (RDX, R8)")
            }
            if outputNeeded > 0 { add(.error, "output", "\(layout.code.name) returns output, which the fast convention cannot carry (use XMM fast output)") }
            if outputGiven > 0 { add(.warning, "output", "\(outputGiven) output bytes given, but fast calls have no output block") }
        case .xmmFast:
            if inputUsed > xmmFastBytes {
                add(.error, "input", "\(inputUsed) input bytes do not fit the XMM fast convention's \(xmmFastBytes) (RDX, R8, XMM0–XMM5)")
            }
            let outputRoom = max(0, xmmFastBytes - roundUp(inputUsed, 16))
            if outputNeeded > outputRoom {
                add(.error, "output", "\(outputNeeded) output bytes do not fit the \(outputRoom) register bytes left after \(inputUsed) input bytes")
            }
        }
        return found
    }
}

/// The state of decoding one call against its layout.
private struct Decoding {
    let layout: ParameterLayout
    let inputValue: HypercallInputValue
    let result: HypercallResultValue?
    var findings: [ParameterFinding] = []
    /// Bytes of the input the call uses (header, variable header, rep elements).
    var inputUsed = 0
    /// Bytes of output the call writes (fixed output and rep output elements).
    var outputNeeded = 0
    /// Register names of the input elements by rep index, to type GetVpRegisters' output values.
    var registerNames: [Int: UInt32] = [:]

    init(layout: ParameterLayout, inputValue: HypercallInputValue, result: HypercallResultValue?) {
        self.layout = layout
        self.inputValue = inputValue
        self.result = result
        outputNeeded = layout.fixedOutputBytes + (layout.outputElement.map { $0.size * inputValue.repCount } ?? 0)
    }

    /// What became of rep element `index` in this invocation.
    func status(of index: Int) -> String {
        if index < inputValue.repStartIndex { return "before rep start \(inputValue.repStartIndex): done by an earlier invocation" }
        guard let result else { return "pending (no result)" }
        return index < result.repsCompleted ? "processed" : "not processed (reps completed \(result.repsCompleted))"
    }

    mutating func decodeInput(_ bytes: UnsafeRawBufferPointer) -> DecodedField? {
        guard !layout.input.isEmpty || layout.inputElement != nil else { return nil }
        var decoder = FieldDecoder(bytes)
        var children = decoder.decodeAll(layout.input, base: 0, path: "input")
        children.reserveCapacity(children.count + min(inputValue.repCount, 256))
        let headerEnd = max(layout.fixedHeaderBytes, children.map { ($0.offset ?? 0) + $0.size }.max() ?? 0)
        let declaredVariable = inputValue.variableHeaderBytes
        if layout.hasVariableHeader, !children.contains(where: { $0.value == .missing }) {
            let needed = ParameterDecoder.roundUp(headerEnd, 8) - layout.fixedHeaderBytes
            if needed != declaredVariable {
                decoder.report(.warning, "inputValue.variableHeaderSize",
                               "variable header size is \(declaredVariable) bytes, the header's contents need \(needed) (\(needed / 8) qwords after the \(layout.fixedHeaderBytes)-byte fixed header)")
            }
        }
        var used = layout.hasVariableHeader ? max(headerEnd, layout.fixedHeaderBytes + declaredVariable) : layout.fixedHeaderBytes
        if let element = layout.inputElement, inputValue.repCount > 0 {
            let start = ParameterDecoder.roundUp(layout.fixedHeaderBytes + declaredVariable, 8)
            children += elements(element, count: inputValue.repCount, start: start, decoder: &decoder, block: "input", collectRegisters: true)
            used = start + element.size * inputValue.repCount
        }
        findings += decoder.findings
        inputUsed = used
        return DecodedField(name: "input", offset: 0, size: used, value: .none, text: "\(used) bytes", children: children)
    }

    mutating func decodeOutput(_ bytes: UnsafeRawBufferPointer) -> DecodedField {
        var decoder = FieldDecoder(bytes)
        var children = decoder.decodeAll(layout.output, base: 0, path: "output")
        if let element = layout.outputElement, inputValue.repCount > 0 {
            children += elements(element, count: inputValue.repCount, start: layout.fixedOutputBytes, decoder: &decoder, block: "output", collectRegisters: false)
        }
        findings += decoder.findings
        return DecodedField(name: "output", offset: 0, size: outputNeeded, value: .none, text: "\(outputNeeded) bytes", children: children)
    }

    /// Rep elements `0..<count` from `start`; stops (with a finding when the element was processed) at the block's end.
    private mutating func elements(
        _ element: RepElement, count: Int, start: Int, decoder: inout FieldDecoder, block: String, collectRegisters: Bool
    ) -> [DecodedField] {
        var nodes: [DecodedField] = []
        nodes.reserveCapacity(min(count, max(0, decoder.block.count - start) / max(element.size, 1) + 1))
        for index in 0..<count {
            let base = start + index * element.size
            let name = index < Self.elementNames.count ? Self.elementNames[index] : "elements[\(index)]"
            if base + element.size > decoder.block.count {
                let written = block == "input" || status(of: index) == "processed"
                if written {
                    decoder.report(.error, block + "." + name, "the \(block) holds \(nodes.count) of \(count) elements (\(decoder.block.count) bytes; element \(index) needs bytes \(base)..<\(base + element.size))")
                }
                break
            }
            if !collectRegisters, let name = registerNames[index] { decoder.registerName = name }
            let fields = decoder.decodeAll(element.fields, base: base, path: block + "." + name)
            if collectRegisters, let name = fields.first(where: { $0.name == "registerName" })?.unsigned { registerNames[index] = UInt32(truncatingIfNeeded: name) }
            // The element's value and text are those of its fields other than padding and reserved ones.
            var meaningful = 0, value = DecodedValue.none, text = ""
            for field in fields where !DecodedField.isFiller(field.name) {
                meaningful += 1
                if meaningful == 1 { value = field.value; text = field.text } else { text += " = " + field.text }
            }
            nodes.append(DecodedField(name: name, offset: base, size: element.size, value: meaningful == 1 ? value : .none,
                                      text: text, children: fields, annotation: status(of: index)))
        }
        return nodes
    }

    /// `elements[0]` … `elements[255]`, the names of the first rep elements.
    static let elementNames: [String] = (0..<256).map { "elements[\($0)]" }
}
