// Parameter layouts: messages, events, ports, statistics pages, interrupts and extended calls
// (0x0058–0x005D, 0x006C, 0x006D, 0x007E, 0x0094–0x0096, 0x8001–0x8003).

/// HV_CONNECTION_ID and HV_PORT_ID: a 24-bit id and 8 reserved bits (Linux hvgdk_mini.h union hv_port_id; Mile.HyperV).
private let connectionIdBits: [BitSpec] = [BitSpec("id", bits: 0, width: 24), BitSpec("reserved", bits: 24, width: 8, reserved: true)]

/// PostMessage rules: the message type must be non-zero with bit 31 clear (TLFS HvCallPostMessage.md).
@Sendable private func postMessageRules(_ view: SummaryView) -> [ParameterFinding] {
    guard let type = view.value("messageType") else { return [] }
    if type == 0 { return [ParameterFinding(.error, "input.messageType", "message type 0 is invalid (HV_STATUS_INVALID_PARAMETER)")] }
    if type & 0x8000_0000 != 0 {
        return [ParameterFinding(.error, "input.messageType", "bit 31 of the message type is reserved for the hypervisor (HV_STATUS_INVALID_PARAMETER)")]
    }
    return []
}

extension ParameterLayouts {
    static let messaging: [ParameterLayout] = [
        ParameterLayout(0x0058, input: [.partition("portPartition"), FieldSpec("portId", 8, 4, .bits(connectionIdBits)), .rsvdZ(12, 4)],
                        sources: [Source.tlfs("HvCallDeletePort"), Source.linuxHdk + " union hv_input_delete_port"]) {
            "delete port \($0.text("portId.id")) of partition \($0.text("portPartition"))"
        },
        ParameterLayout(0x005C, input: [FieldSpec("connectionId", 0, 4, .bits(connectionIdBits)), .rsvdZ(4, 4), FieldSpec("messageType", 8, 4, .hex),
                                        FieldSpec("payloadSize", 12, 4, .decimal), FieldSpec("message", 16, 240, .composite(.messagePayload))],
                        sources: [Source.tlfs("HvCallPostMessage"), Source.openvmm + " hypercall::PostMessage", Source.mile + " HV_INPUT_POST_MESSAGE"],
                        validate: postMessageRules) {
            "post message type \($0.text("messageType")), \($0.text("payloadSize")) bytes, to connection \($0.text("connectionId.id"))"
        },
        ParameterLayout(0x005D, input: [FieldSpec("connectionId", 0, 4, .bits(connectionIdBits)), FieldSpec("flagNumber", 4, 2, .decimal), .rsvdZ(6, 2)],
                        sources: [Source.tlfs("HvCallSignalEvent"), Source.openvmm + " hypercall::SignalEvent"]) {
            "signal event flag \($0.text("flagNumber")) on connection \($0.text("connectionId.id"))"
        },
        ParameterLayout(0x006C, input: [FieldSpec("statsType", 0, 4, .enumeration(ParameterTables.statsObjectType)), .rsvdZ(4, 4, name: "padding"),
                                        FieldSpec("objectIdentity", 8, 16, .structure(ParameterTables.statsObjectIdentity))],
                        output: [FieldSpec("mapLocation", 0, 8, .pageNumber)],
                        sources: [Source.linuxHdkMini + " struct hv_input_map_stats_page, hv_output_map_stats_page", "TLFS datatypes/hv_stats_object_identity.md"],
                        notes: ["no TLFS page for 0x006C (HvCallMapStatsPage2 0x0131 has the same first 24 bytes)"]) {
            "map \($0.text("statsType")) statistics page → \($0.out("mapLocation"))"
        },
        ParameterLayout(0x006D, input: [FieldSpec("statsType", 0, 4, .enumeration(ParameterTables.statsObjectType)), .rsvdZ(4, 4, name: "padding"),
                                        FieldSpec("objectIdentity", 8, 16, .structure(ParameterTables.statsObjectIdentity))],
                        sources: [Source.tlfs("HvCallUnmapStatsPage"), Source.linuxHdkMini + " struct hv_input_unmap_stats_page"],
                        notes: ["the TLFS table puts ObjectIdentity at 4; Linux has 4 bytes of padding and the identity at 8, which keeps its 8-byte partition id aligned"]) {
            "unmap \($0.text("statsType")) statistics page"
        },
        ParameterLayout(0x007E, input: [.partition(), FieldSpec("deviceId", 8, 8, .hex), FieldSpec("interruptEntry", 16, 16, .structure(ParameterTables.interruptEntry)),
                                        .rsvdZ(32, 8), FieldSpec("interruptTarget", 40, 0, .composite(.deviceInterruptTarget))],
                        fixedHeader: 56,
                        sources: [Source.tlfs("HvCallRetargetDeviceInterrupt"), "TLFS datatypes/hv_interrupt_entry.md, hv_device_interrupt_target.md",
                                  Source.linuxMini + " struct hv_retarget_device_interrupt", "Linux drivers/pci/controller/pci-hyperv.c: variable header = valid-bank mask + banks"],
                        notes: ["the TLFS table lists DeviceId with size 6 and RsvdZ out of order; Linux and Mile.HyperV give DeviceId 8 bytes at 8 and the reserved UINT64 at 32",
                                "with PROCESSOR_SET the VP set's format is in the 56-byte fixed header and its valid-bank mask starts the variable header"]) {
            "retarget interrupt of device \($0.text("deviceId")) (MSI address \($0.text("interruptEntry.msiAddress")) data \($0.text("interruptEntry.msiData"))) to \($0.text("interruptTarget"))"
        },
        ParameterLayout(0x0094, input: [.partition("targetPartition"), FieldSpec("interruptControl", 8, 8, .bits(ParameterTables.interruptControl)),
                                        FieldSpec("destinationAddress", 16, 8, .hex), FieldSpec("requestedVector", 24, 4, .hex),
                                        FieldSpec("targetVtl", 28, 1, .vtl), .rsvdZ(29, 1, name: "reservedZ0"), .rsvdZ(30, 2, name: "reservedZ1")],
                        sources: [Source.tlfs("HvCallAssertVirtualInterrupt"), "TLFS datatypes/hv_interrupt_control.md", Source.linuxHdk, Source.openvmm + " AssertVirtualInterrupt"]) {
            "assert \($0.text("interruptControl.interruptType")) vector \($0.text("requestedVector")) at APIC \($0.text("destinationAddress")) in partition \($0.text("targetPartition")), \($0.text("targetVtl"))"
        },
        ParameterLayout(0x0095, input: [.partition("portPartition"), FieldSpec("portId", 8, 4, .bits(connectionIdBits)), FieldSpec("portVtl", 12, 1, .vtl),
                                        FieldSpec("minConnectionVtl", 13, 1, .vtl), .rsvdZ(14, 2, name: "reservedZ0"), .partition("connectionPartition", 16),
                                        FieldSpec("portInfo", 24, 24, .composite(.portInfo)), .proximity(48)],
                        sources: [Source.tlfs("HvCallCreatePort"), Source.linuxHdk + " struct hv_input_create_port, hv_port_info"],
                        notes: ["TLFS datatypes/hv_port_info.md gives TargetSint 1 byte at 8; Linux hv_port_info has 4-byte target_sint and target_vp, which hvlog follows"]) {
            "create \($0.text("portInfo")) port \($0.text("portId.id")) in partition \($0.text("portPartition")) for partition \($0.text("connectionPartition"))"
        },
        ParameterLayout(0x0096, input: [.partition("connectionPartition"), FieldSpec("connectionId", 8, 4, .bits(connectionIdBits)), FieldSpec("connectionVtl", 12, 1, .vtl),
                                        .rsvdZ(13, 1, name: "reservedZ0"), .rsvdZ(14, 2, name: "reservedZ1"), .partition("portPartition", 16),
                                        FieldSpec("portId", 24, 4, .bits(connectionIdBits)), .rsvdZ(28, 4, name: "reservedZ2"),
                                        FieldSpec("connectionInfo", 32, 32, .composite(.connectionInfo)), .proximity(64)],
                        sources: [Source.tlfs("HvCallConnectPort"), "TLFS datatypes/hv_connection_info.md", Source.linuxHdk + " struct hv_input_connect_port"]) {
            "connect \($0.text("connectionInfo")) connection \($0.text("connectionId.id")) of partition \($0.text("connectionPartition")) to port \($0.text("portId.id")) of partition \($0.text("portPartition"))"
        },
        ParameterLayout(0x8001, output: [FieldSpec("capabilities", 0, 8, .flags(ParameterTables.extendedCapabilities))],
                        sources: [Source.tlfs("HvExtCallQueryCapabilities"), Source.linuxExt]) {
            "query extended capabilities → \($0.out("capabilities"))"
        },
        ParameterLayout(0x8002, output: [FieldSpec("ranges", 0, 0xFF8, .composite(.bootZeroedRanges))],
                        sources: [Source.tlfs("HvExtCallGetBootZeroedMemory")], notes: ["output is 0xFF8 bytes: a count and up to 255 ranges of 16 bytes"]) {
            "get boot-zeroed memory → \($0.out("ranges"))"
        },
        ParameterLayout(0x8003, input: [FieldSpec("heatHint", 0, 8, .bits([BitSpec("heatType", bits: 0, width: 2, names: ParameterTables.heatHintType),
                                                                           BitSpec("reserved", bits: 2, width: 62, reserved: true)]))],
                        element: RepElement(size: 8, [FieldSpec("gpaRange", 0, 8, .composite(.gpaPageRange))]),
                        sources: [Source.linuxExt + " struct hv_memory_hint, union hv_gpa_page_range"],
                        notes: ["no TLFS page; layout from Linux hv_memory_hint"]) {
            "memory heat hint \($0.text("heatHint.heatType")) for \($0.count("GPA range")) [\($0.elementList())]"
        },
    ]
}

/// Every declared parameter layout, looked up by call code.
public enum ParameterLayouts {
    /// All layouts, ordered by call code.
    public static let all: [ParameterLayout] = (addressSpace + partition + messaging).sorted { $0.code < $1.code }

    private static let byCode: [UInt16: ParameterLayout] = Dictionary(all.map { ($0.code.rawValue, $0) }, uniquingKeysWith: { first, _ in first })

    /// The layout of a call code, `nil` when none is declared.
    public static func layout(for code: HypercallCode) -> ParameterLayout? { byCode[code.rawValue] }
}
