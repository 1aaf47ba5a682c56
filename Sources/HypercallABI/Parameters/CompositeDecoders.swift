// Decoders for composite parameter types whose layout depends on their contents or on other fields.

extension FieldDecoder {
    mutating func decodeComposite(_ kind: CompositeKind, name: String, at offset: Int, size: Int, path: String) -> DecodedField {
        switch kind {
        case .vpSet: return vpSet(name, at: offset, path: path)
        case .deviceInterruptTarget: return deviceInterruptTarget(name, at: offset, path: path)
        case .bootZeroedRanges: return bootZeroedRanges(name, at: offset, path: path)
        case .messagePayload: return messagePayload(name, at: offset, size: size, path: path)
        default: break
        }
        guard let raw = block.integer(at: offset, size: min(size, 8)), block.count >= offset + size else {
            return missing(name, at: offset, size: size, path: path)
        }
        let fieldPath = path + "." + name
        switch kind {
        case .gvaRange: return gvaRange(name, raw, at: offset, path: fieldPath)
        case .gpaPageRange: return gpaPageRange(name, raw, at: offset, path: fieldPath)
        case .registerName:
            let register = UInt32(truncatingIfNeeded: raw)
            registerName = register
            let text = RegisterCatalog.name(of: register).map { "\($0) (\(Self.hex(raw)))" } ?? "\(Self.hex(raw)) (no source names this register)"
            if RegisterCatalog.name(of: register) == nil { report(.note, fieldPath, "register \(Self.hex(raw)) is not in the register catalog") }
            return DecodedField(name: name, offset: offset, size: size, value: .unsigned(raw), text: text)
        case .registerValue: return registerValue(name, at: offset, path: fieldPath)
        case .portInfo, .connectionInfo: return portUnion(kind, name, type: raw & 0xFFFF_FFFF, at: offset, size: size, path: path)
        default: return missing(name, at: offset, size: size, path: path)
        }
    }

    /// HV_VP_SET (TLFS datatypes/hv_vp_set.md; Linux struct hv_vpset): format, valid-bank mask and,
    /// for the sparse format, one 64-bit mask per set bank bit in ascending bank order.
    mutating func vpSet(_ name: String, at offset: Int, path: String) -> DecodedField {
        let fieldPath = path + "." + name
        guard let format = block.integer(at: offset, size: 8), let validBanks = block.integer(at: offset + 8, size: 8) else {
            return missing(name, at: offset, size: 16, path: path)
        }
        var children = [
            integerField(FieldSpec("format", 0, 8, .enumeration(ParameterTables.vpSetFormat)), raw: format, offset: offset, path: fieldPath + ".format"),
            DecodedField(name: "validBanksMask", offset: offset + 8, size: 8, value: .unsigned(validBanks), text: Self.hex(validBanks)),
        ]
        switch format {
        case 1:
            return DecodedField(name: name, offset: offset, size: 16, value: .allProcessors, text: "all VPs", children: children)
        case 0:
            var processors: [UInt32] = []
            var bankOffset = offset + 16
            for bank in 0..<64 where validBanks & (1 << UInt64(bank)) != 0 {
                guard let contents = block.integer(at: bankOffset, size: 8) else {
                    children.append(missing("bankContents[\(bank)]", at: bankOffset, size: 8, path: fieldPath))
                    break
                }
                let members = (0..<64).filter { contents & (1 << UInt64($0)) != 0 }.map { UInt32(bank * 64 + $0) }
                processors += members
                children.append(DecodedField(name: "bankContents[\(bank)]", offset: bankOffset, size: 8, value: .unsigned(contents),
                                             text: Self.hex(contents), annotation: "VPs \(bank * 64)–\(bank * 64 + 63): \(Self.processorList(members))"))
                bankOffset += 8
            }
            return DecodedField(name: name, offset: offset, size: bankOffset - offset, value: .processors(processors),
                                text: Self.processorList(processors), children: children)
        default:
            report(.warning, fieldPath + ".format", "HV_VP_SET format \(format) is neither 0 (sparse 4K) nor 1 (all)")
            return DecodedField(name: name, offset: offset, size: 16, value: .none, text: "unknown format \(format)", children: children)
        }
    }

    /// HV_GVA_RANGE: simple form (additional pages 11:0, page number 63:12) or, with the flush flag
    /// USE_EXTENDED_RANGE_FORMAT, the extended form (OpenVMM HvGvaRangeExtended / ExtendedLargePage).
    mutating func gvaRange(_ name: String, _ raw: UInt64, at offset: Int, path: String) -> DecodedField {
        let extended = (recent["flags"] ?? 0) & ParameterTables.flushExtendedRangeFormat != 0
        return pageRange(name, raw, at: offset, path: path, extended: extended, kind: "GVA")
    }

    /// HV_GPA_PAGE_RANGE (Linux union hv_gpa_page_range; OpenVMM HvGpaRangeExtended): additional pages
    /// 10:0, large page 11, then either the page number 63:12 or page size 12 and large page number 63:21.
    mutating func gpaPageRange(_ name: String, _ raw: UInt64, at offset: Int, path: String) -> DecodedField {
        pageRange(name, raw, at: offset, path: path, extended: true, kind: "GPA")
    }

    private mutating func pageRange(_ name: String, _ raw: UInt64, at offset: Int, path: String, extended: Bool, kind: String) -> DecodedField {
        var children: [DecodedField] = []
        func child(_ name: String, _ value: UInt64, _ text: String) {
            children.append(DecodedField(name: name, offset: nil, size: 0, value: .unsigned(value), text: text))
        }
        let text: String
        if !extended {
            let additional = raw & 0xFFF, page = raw >> 12
            child("additionalPages", additional, String(additional))
            child("pageNumber", page, Self.page(page))
            text = "\(Self.hex(page << 12)) +\(additional + 1) page\(additional == 0 ? "" : "s")"
        } else if raw & (1 << 11) == 0 {
            let additional = raw & 0x7FF, page = raw >> 12
            child("additionalPages", additional, String(additional))
            child("largePage", 0, "0")
            child("pageNumber", page, Self.page(page))
            text = "\(Self.hex(page << 12)) +\(additional + 1) page\(additional == 0 ? "" : "s")"
        } else {
            let additional = raw & 0x7FF, is1G = raw & (1 << 12) != 0, reserved = (raw >> 13) & 0xFF, largePage = raw >> 21
            child("additionalPages", additional, String(additional))
            child("largePage", 1, "1")
            child("pageSize", is1G ? 1 : 0, is1G ? "1 GiB" : "2 MiB")
            child("reserved", reserved, Self.hex(reserved))
            child("largePageNumber", largePage, Self.hex(largePage))
            if reserved != 0 { report(.warning, path + ".reserved", "reserved bits 20:13 must be zero: \(Self.hex(reserved))") }
            text = "\(Self.hex(largePage << 21)) +\(additional + 1) \(is1G ? "1 GiB" : "2 MiB") page\(additional == 0 ? "" : "s")"
        }
        return DecodedField(name: name, offset: offset, size: 8, value: .unsigned(raw), text: "\(kind) \(text)", children: children)
    }

    /// HV_REGISTER_VALUE (16 bytes), typed by the register catalog for the register named before it.
    mutating func registerValue(_ name: String, at offset: Int, path: String) -> DecodedField {
        guard let low = block.integer(at: offset, size: 8), let high = block.integer(at: offset + 8, size: 8) else {
            return missing(name, at: offset, size: 16, path: String(path.dropLast(name.count + 1)))
        }
        let kind = registerName.map(RegisterCatalog.valueKind) ?? .bits128
        switch kind {
        case .segment:
            let children = decodeAll(ParameterTables.segmentRegister, base: offset, path: path)
            return DecodedField(name: name, offset: offset, size: 16, value: .wide(low: low, high: high),
                                text: "selector \(children[2].text) base \(children[0].text) limit \(children[1].text)", children: children)
        case .table:
            let children = decodeAll(ParameterTables.tableRegister, base: offset, path: path)
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
    mutating func deviceInterruptTarget(_ name: String, at offset: Int, path: String) -> DecodedField {
        let fieldPath = path + "." + name
        guard let flags = block.integer(at: offset + 4, size: 4) else { return missing(name, at: offset, size: 16, path: path) }
        var children = decodeAll([FieldSpec("vector", 0, 4, .hex), FieldSpec("flags", 4, 4, .flags(ParameterTables.deviceInterruptTargetFlags))],
                                 base: offset, path: fieldPath)
        let target: DecodedField
        if flags & 2 != 0 {
            target = vpSet("processorSet", at: offset + 8, path: fieldPath)
        } else {
            target = decode(FieldSpec("processorMask", 8, 8, .processorMask), base: offset, path: fieldPath)
        }
        children.append(target)
        return DecodedField(name: name, offset: offset, size: 8 + target.size, value: target.value,
                            text: "vector \(children[0].text) → \(target.text)", children: children)
    }

    /// HV_PORT_INFO (24 bytes) and HV_CONNECTION_INFO (32 bytes): the port type, padding, then the
    /// union member of that type (Linux include/hyperv/hvhdk.h struct hv_port_info, hv_connection_info).
    mutating func portUnion(_ kind: CompositeKind, _ name: String, type: UInt64, at offset: Int, size: Int, path: String) -> DecodedField {
        let fieldPath = path + "." + name
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
        let children = decodeAll(fields, base: offset, path: fieldPath)
        return DecodedField(name: name, offset: offset, size: size, value: .unsigned(type), text: children[0].text, children: children)
    }

    /// The PostMessage payload: 240 bytes of which the first PayloadSize are sent (TLFS HvCallPostMessage.md).
    mutating func messagePayload(_ name: String, at offset: Int, size: Int, path: String) -> DecodedField {
        let declared = Int(min(recent["payloadSize"] ?? 0, UInt64(size)))
        if (recent["payloadSize"] ?? 0) > UInt64(size) {
            report(.error, path + ".payloadSize", "payload size \(recent["payloadSize"]!) exceeds \(size) bytes (HV_STATUS_INVALID_PARAMETER)")
        }
        let available = max(0, min(declared, block.count - offset))
        let bytes = block.bytes(at: offset, count: available) ?? []
        if available < declared { report(.error, path + "." + name, "payload size \(declared) but only \(available) bytes present") }
        let shown = bytes.prefix(32)
        let text = Self.hexBytes(Array(shown)) + (bytes.count > shown.count ? "…" : "") + " (\(declared) bytes)"
        return DecodedField(name: name, offset: offset, size: size, value: .bytes(bytes), text: text)
    }

    /// HvExtCallGetBootZeroedMemory output (TLFS): a range count, then (start page, page count) pairs, at most 255.
    mutating func bootZeroedRanges(_ name: String, at offset: Int, path: String) -> DecodedField {
        guard let count = block.integer(at: offset, size: 8) else { return missing(name, at: offset, size: 8, path: path) }
        var children = [DecodedField(name: "rangeCount", offset: offset, size: 8, value: .unsigned(count), text: String(count))]
        if count > 255 { report(.warning, path + "." + name + ".rangeCount", "at most 255 ranges fit the 0xFF8-byte output; count is \(count)") }
        for index in 0..<Int(min(count, 255)) {
            let base = offset + 8 + 16 * index
            guard let start = block.integer(at: base, size: 8), let pages = block.integer(at: base + 8, size: 8) else {
                children.append(missing("ranges[\(index)]", at: base, size: 16, path: path + "." + name))
                break
            }
            children.append(DecodedField(name: "ranges[\(index)]", offset: base, size: 16, value: .unsigned(start),
                                         text: "\(Self.page(start)) +\(pages) pages"))
        }
        return DecodedField(name: name, offset: offset, size: 8 + 16 * Int(min(count, 255)), value: .none, text: "\(count) ranges", children: children)
    }
}
