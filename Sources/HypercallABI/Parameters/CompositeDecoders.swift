// Decoders for composite parameter types whose layout depends on their contents or on other fields.

extension FieldDecoder {
    mutating func decodeComposite(_ kind: CompositeKind, name: String, at offset: Int, size: Int, path: @autoclosure () -> String) -> DecodedField {
        switch kind {
        case .vpSet: return vpSet(name, at: offset, path: path())
        case .deviceInterruptTarget: return deviceInterruptTarget(name, at: offset, path: path())
        case .bootZeroedRanges: return bootZeroedRanges(name, at: offset, path: path())
        case .messagePayload: return messagePayload(name, at: offset, size: size, path: path())
        default: break
        }
        guard let raw = block.integer(at: offset, size: min(size, 8)), block.count >= offset + size else {
            return missing(name, at: offset, size: size, path: path())
        }
        func fieldPath() -> String { path() + "." + name }
        switch kind {
        case .gvaRange: return gvaRange(name, raw, at: offset, path: fieldPath())
        case .gpaPageRange: return gpaPageRange(name, raw, at: offset, path: fieldPath())
        case .registerName:
            let register = UInt32(truncatingIfNeeded: raw)
            registerName = register
            let registerText = RegisterCatalog.name(of: register)
            let text = registerText.map { Self.named($0, raw) } ?? "\(Self.hex(raw)) (no source names this register)"
            if registerText == nil { report(.note, fieldPath(), "register \(Self.hex(raw)) is not in the register catalog") }
            return DecodedField(name: name, offset: offset, size: size, value: .unsigned(raw), text: text)
        case .registerValue: return registerValue(name, at: offset, path: fieldPath())
        case .portInfo, .connectionInfo: return portUnion(kind, name, type: raw & 0xFFFF_FFFF, at: offset, size: size, path: path())
        default: return missing(name, at: offset, size: size, path: path())
        }
    }

    /// HV_VP_SET (TLFS datatypes/hv_vp_set.md; Linux struct hv_vpset): format, valid-bank mask and,
    /// for the sparse format, one 64-bit mask per set bank bit in ascending bank order.
    mutating func vpSet(_ name: String, at offset: Int, path: @autoclosure () -> String) -> DecodedField {
        func fieldPath() -> String { path() + "." + name }
        guard let format = block.integer(at: offset, size: 8), let validBanks = block.integer(at: offset + 8, size: 8) else {
            return missing(name, at: offset, size: 16, path: path())
        }
        var children: [DecodedField] = []
        children.reserveCapacity(2 + validBanks.nonzeroBitCount)
        children.append(integerField(Self.vpSetFormatSpec, raw: format, offset: offset, path: fieldPath() + ".format"))
        children.append(DecodedField(name: "validBanksMask", offset: offset + 8, size: 8, value: .unsigned(validBanks), text: Self.hex(validBanks)))
        switch format {
        case 1:
            return DecodedField(name: name, offset: offset, size: 16, value: .allProcessors, text: "all VPs", children: children)
        case 0:
            var processors: [UInt32] = []
            var bankOffset = offset + 16
            var banks = validBanks
            while banks != 0 {
                let bank = banks.trailingZeroBitCount
                banks &= banks - 1
                guard let contents = block.integer(at: bankOffset, size: 8) else {
                    children.append(missing(Self.bankNames[bank], at: bankOffset, size: 8, path: fieldPath()))
                    break
                }
                let first = processors.count
                Self.appendMembers(of: contents, base: UInt32(bank * 64), to: &processors)
                var annotation = TextBytes(capacity: 64)
                annotation.append("VPs ")
                annotation.appendDecimal(UInt64(bank * 64))
                annotation.append("–")
                annotation.appendDecimal(UInt64(bank * 64 + 63))
                annotation.append(": ")
                annotation.appendProcessorList(processors[first...])
                children.append(DecodedField(name: Self.bankNames[bank], offset: bankOffset, size: 8, value: .unsigned(contents),
                                             text: Self.hex(contents), annotation: annotation.string))
                bankOffset += 8
            }
            return DecodedField(name: name, offset: offset, size: bankOffset - offset, value: .processors(processors),
                                text: Self.processorList(processors), children: children)
        default:
            report(.warning, fieldPath() + ".format", "HV_VP_SET format \(format) is neither 0 (sparse 4K) nor 1 (all)")
            return DecodedField(name: name, offset: offset, size: 16, value: .none, text: "unknown format \(format)", children: children)
        }
    }

    /// HV_GVA_RANGE: simple form (additional pages 11:0, page number 63:12) or, with the flush flag
    /// USE_EXTENDED_RANGE_FORMAT, the extended form (OpenVMM HvGvaRangeExtended / ExtendedLargePage).
    mutating func gvaRange(_ name: String, _ raw: UInt64, at offset: Int, path: @autoclosure () -> String) -> DecodedField {
        let extended = (recentFlags ?? 0) & ParameterTables.flushExtendedRangeFormat != 0
        return pageRange(name, raw, at: offset, path: path(), extended: extended, kind: "GVA")
    }

    /// HV_GPA_PAGE_RANGE (Linux union hv_gpa_page_range; OpenVMM HvGpaRangeExtended): additional pages
    /// 10:0, large page 11, then either the page number 63:12 or page size 12 and large page number 63:21.
    mutating func gpaPageRange(_ name: String, _ raw: UInt64, at offset: Int, path: @autoclosure () -> String) -> DecodedField {
        pageRange(name, raw, at: offset, path: path(), extended: true, kind: "GPA")
    }

    private mutating func pageRange(
        _ name: String, _ raw: UInt64, at offset: Int, path: @autoclosure () -> String, extended: Bool, kind: StaticString
    ) -> DecodedField {
        var children: [DecodedField] = []
        children.reserveCapacity(5)
        func child(_ name: String, _ value: UInt64, _ text: String) {
            children.append(DecodedField(name: name, offset: nil, size: 0, value: .unsigned(value), text: text))
        }
        // `GVA 0x1A2B000 +3 pages`, `GPA 0x40000000 +1 1 GiB page`
        var text = TextBytes(capacity: 40)
        text.append(kind)
        text.append(ascii: " ")
        let additional: UInt64
        if !extended || raw & (1 << 11) == 0 {
            additional = raw & (extended ? 0x7FF : 0xFFF)
            let page = raw >> 12
            child("additionalPages", additional, TextBytes.decimal(additional))
            if extended { child("largePage", 0, "0") }
            child("pageNumber", page, Self.page(page))
            text.appendHex(page << 12)
            text.append(" +")
            text.appendDecimal(additional + 1)
        } else {
            additional = raw & 0x7FF
            let is1G = raw & (1 << 12) != 0, reserved = (raw >> 13) & 0xFF, largePage = raw >> 21
            child("additionalPages", additional, TextBytes.decimal(additional))
            child("largePage", 1, "1")
            child("pageSize", is1G ? 1 : 0, is1G ? "1 GiB" : "2 MiB")
            child("reserved", reserved, Self.hex(reserved))
            child("largePageNumber", largePage, Self.hex(largePage))
            if reserved != 0 { report(.warning, path() + ".reserved", "reserved bits 20:13 must be zero: \(Self.hex(reserved))") }
            text.appendHex(largePage << 21)
            text.append(" +")
            text.appendDecimal(additional + 1)
            text.append(is1G ? " 1 GiB" : " 2 MiB")
        }
        text.append(additional == 0 ? " page" : " pages")
        return DecodedField(name: name, offset: offset, size: 8, value: .unsigned(raw), text: text.string, children: children)
    }

    /// HV_REGISTER_VALUE (16 bytes), typed by the register catalog for the register named before it.
    mutating func registerValue(_ name: String, at offset: Int, path: @autoclosure () -> String) -> DecodedField {
        guard let low = block.integer(at: offset, size: 8), let high = block.integer(at: offset + 8, size: 8) else {
            return missing(name, at: offset, size: 16, path: String(path().dropLast(name.count + 1)))
        }
        let kind = registerName.map(RegisterCatalog.valueKind) ?? .bits128
        switch kind {
        case .segment:
            let children = decodeAll(ParameterTables.segmentRegister, base: offset, path: path())
            return DecodedField(name: name, offset: offset, size: 16, value: .wide(low: low, high: high),
                                text: "selector \(children[2].text) base \(children[0].text) limit \(children[1].text)", children: children)
        case .table:
            let children = decodeAll(ParameterTables.tableRegister, base: offset, path: path())
            return DecodedField(name: name, offset: offset, size: 16, value: .wide(low: low, high: high),
                                text: "base \(children[2].text) limit \(children[1].text)", children: children)
        case .bits64:
            return DecodedField(name: name, offset: offset, size: 16, value: .unsigned(low),
                                text: Self.hex(low) + (high != 0 ? " (upper 64 bits \(Self.hex(high)))" : ""))
        case .bits128:
            return DecodedField(name: name, offset: offset, size: 16, value: .wide(low: low, high: high),
                                text: HexFormat.wide(low: low, high: high))
        }
    }

    /// HV_DEVICE_INTERRUPT_TARGET (TLFS; Linux hv_device_interrupt_target): vector, flags, then a
    /// processor mask, or with PROCESSOR_SET an HV_VP_SET (variable size).
    mutating func deviceInterruptTarget(_ name: String, at offset: Int, path: @autoclosure () -> String) -> DecodedField {
        func fieldPath() -> String { path() + "." + name }
        guard let flags = block.integer(at: offset + 4, size: 4) else { return missing(name, at: offset, size: 16, path: path()) }
        var children = decodeAll([FieldSpec("vector", 0, 4, .hex), FieldSpec("flags", 4, 4, .flags(ParameterTables.deviceInterruptTargetFlags))],
                                 base: offset, path: fieldPath())
        let target: DecodedField
        if flags & 2 != 0 {
            target = vpSet("processorSet", at: offset + 8, path: fieldPath())
        } else {
            target = decode(FieldSpec("processorMask", 8, 8, .processorMask), base: offset, path: fieldPath())
        }
        children.append(target)
        return DecodedField(name: name, offset: offset, size: 8 + target.size, value: target.value,
                            text: "vector \(children[0].text) → \(target.text)", children: children)
    }

    /// HV_PORT_INFO (24 bytes) and HV_CONNECTION_INFO (32 bytes): the port type, padding, then the
    /// union member of that type (Linux include/hyperv/hvhdk.h struct hv_port_info, hv_connection_info).
    mutating func portUnion(_ kind: CompositeKind, _ name: String, type: UInt64, at offset: Int, size: Int, path: @autoclosure () -> String) -> DecodedField {
        func fieldPath() -> String { path() + "." + name }
        let isPort = if case .portInfo = kind { true } else { false }
        var fields = [FieldSpec("portType", 0, 4, .enumeration(ParameterTables.portType)), .padding(4, 4)]
        switch (isPort, type) {
        case (true, 1), (true, 4):
            fields += [FieldSpec("targetSint", 8, 4, .decimal), FieldSpec("targetVp", 12, 4, .vpIndex), .rsvdZ(16, 8)]
        case (true, 2):
            fields += [FieldSpec("targetSint", 8, 4, .decimal), FieldSpec("targetVp", 12, 4, .vpIndex),
                       FieldSpec("baseFlagNumber", 16, 2, .decimal), FieldSpec("flagCount", 18, 2, .decimal), .rsvdZ(20, 4)]
        case (true, 3): fields += [FieldSpec("monitorAddress", 8, 8, .hex), .rsvdZ(16, 8)]
        case (false, 3): fields += [FieldSpec("monitorAddress", 8, 8, .hex), .rsvdZ(16, 16)]
        case (false, 4):
            fields += [FieldSpec("guestPhysicalAddress", 8, 8, .hex), FieldSpec("triggerValue", 16, 8, .hex),
                       FieldSpec("flags", 24, 8, .flags(ParameterTables.doorbellFlags))]
        default: fields += [.rsvdZ(8, size - 8)]
        }
        let children = decodeAll(fields, base: offset, path: fieldPath())
        return DecodedField(name: name, offset: offset, size: size, value: .unsigned(type), text: children[0].text, children: children)
    }

    /// The PostMessage payload: 240 bytes of which the first PayloadSize are sent (TLFS HvCallPostMessage.md).
    mutating func messagePayload(_ name: String, at offset: Int, size: Int, path: @autoclosure () -> String) -> DecodedField {
        let declared = Int(min(recentPayloadSize ?? 0, UInt64(size)))
        if let payloadSize = recentPayloadSize, payloadSize > UInt64(size) {
            report(.error, path() + ".payloadSize", "payload size \(payloadSize) exceeds \(size) bytes (HV_STATUS_INVALID_PARAMETER)")
        }
        let available = max(0, min(declared, block.count - offset))
        let bytes = block.bytes(at: offset, count: available) ?? []
        if available < declared { report(.error, path() + "." + name, "payload size \(declared) but only \(available) bytes present") }
        var text = TextBytes(capacity: 80)
        text.appendHexBytes(bytes.prefix(32))
        if bytes.count > 32 { text.append("…") }
        text.append(" (")
        text.appendDecimal(UInt64(declared))
        text.append(" bytes)")
        return DecodedField(name: name, offset: offset, size: size, value: .bytes(bytes), text: text.string)
    }

    /// HvExtCallGetBootZeroedMemory output (TLFS): a range count, then (start page, page count) pairs, at most 255.
    mutating func bootZeroedRanges(_ name: String, at offset: Int, path: @autoclosure () -> String) -> DecodedField {
        guard let count = block.integer(at: offset, size: 8) else { return missing(name, at: offset, size: 8, path: path()) }
        var children = [DecodedField(name: "rangeCount", offset: offset, size: 8, value: .unsigned(count), text: String(count))]
        if count > 255 { report(.warning, path() + "." + name + ".rangeCount", "at most 255 ranges fit the 0xFF8-byte output; count is \(count)") }
        for index in 0..<Int(min(count, 255)) {
            let base = offset + 8 + 16 * index
            guard let start = block.integer(at: base, size: 8), let pages = block.integer(at: base + 8, size: 8) else {
                children.append(missing("ranges[\(index)]", at: base, size: 16, path: path() + "." + name))
                break
            }
            children.append(DecodedField(name: "ranges[\(index)]", offset: base, size: 16, value: .unsigned(start),
                                         text: "\(Self.page(start)) +\(pages) pages"))
        }
        return DecodedField(name: name, offset: offset, size: 8 + 16 * Int(min(count, 255)), value: .none, text: "\(count) ranges", children: children)
    }

    static let vpSetFormatSpec = FieldSpec("format", 0, 8, .enumeration(ParameterTables.vpSetFormat))
    /// `bankContents[0]` … `bankContents[63]`, the HV_VP_SET bank fields' names.
    static let bankNames: [String] = (0..<64).map { "bankContents[\($0)]" }
}
