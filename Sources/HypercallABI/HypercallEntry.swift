/// Where a hypercall name comes from, in order of precedence for the canonical name: the TLFS
/// first, then Microsoft's own code (Windows symbols, OpenVMM), then third-party transcriptions,
/// then Linux, whose `HVCALL_*` spellings are a different naming scheme.
public enum NameSource: String, Sendable, CaseIterable, Codable, Comparable {
    /// A TLFS page dedicated to the hypercall (MicrosoftDocs/Virtualization-Documentation `tlfs/hypercalls/*.md`).
    case tlfsPage = "tlfs-page"
    /// The HV_CALL_CODE and HV_EXT_CALL enums of Windows build 26100, recovered from its symbols.
    case windowsSymbols = "windows-symbols"
    /// Microsoft OpenVMM `vm/hv1/hvdef/src/lib.rs` (`HypercallCode`).
    case openvmm = "openvmm"
    /// The TLFS hypercall reference table given with the project (`shared/reference/tlfs-hypercall-reference.md`).
    case tlfsReference = "tlfs-reference"
    /// The HV_CALL_CODE enum of `Mile.HyperV.TLFS.h`, a transcription of TLFS 6.0b with its tags
    /// (Public, Root, Parent, Rep, Fast). The PDF's appendix itself was not available to read.
    case tlfs6Header = "tlfs-6.0b-header"
    /// The HV_CALL_CODE enum of `Mile.HyperV.Guest.Interface.h`.
    case mileGuestInterface = "mile-guest-interface"
    /// Linux `include/hyperv/hvgdk_mini.h` and `hvgdk_ext.h` (`HVCALL_*`, `HV_EXT_CALL_*`), mainline and linux-next.
    case linux = "linux"
    /// Linux `include/asm-generic/hyperv-tlfs.h` (`HVCALL_*`, older kernels).
    case linuxAsmGeneric = "linux-asm-generic"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The repository and path the names were read from.
    public var origin: String {
        switch self {
        case .tlfsPage: "MicrosoftDocs/Virtualization-Documentation virtualization/hyper-v-on-windows/tlfs/hypercalls/*.md"
        case .windowsSymbols: "ProjectMile/Mile.HyperV References/Symbols/26100/arm64/securekernel.h (enum _HV_CALL_CODE, _HV_EXT_CALL)"
        case .openvmm: "microsoft/openvmm vm/hv1/hvdef/src/lib.rs (HypercallCode)"
        case .tlfsReference: "shared/reference/tlfs-hypercall-reference.md (TLFS hypercalls/overview.md)"
        case .tlfs6Header: "ProjectMile/Mile.HyperV Mile.HyperV.TLFS.h (enum _HV_CALL_CODE, TLFS 6.0b)"
        case .mileGuestInterface: "ProjectMile/Mile.HyperV Mile.HyperV/Mile.HyperV.Guest.Interface.h (enum _HV_CALL_CODE)"
        case .linux: "torvalds/linux include/hyperv/hvgdk_mini.h, hvgdk_ext.h (and linux-next)"
        case .linuxAsmGeneric: "torvalds/linux include/asm-generic/hyperv-tlfs.h"
        }
    }
}

/// A name of a call code as one source spells it.
public struct HypercallName: Sendable, Hashable {
    public let name: String
    public let source: NameSource
    public init(_ name: String, _ source: NameSource) {
        self.name = name
        self.source = source
    }
}

/// Whether a call processes a list of elements (TLFS "rep" hypercall) or not.
public enum CallShape: String, Sendable, Codable {
    case simple, rep
    /// No source documents or uses it in a way that shows its shape.
    case unknown
}

/// Yes, no, or not known from any source.
public enum Support: String, Sendable, Codable {
    case yes, no, unknown
}

/// VTL transitions that go through the hypercall page rather than an ordinary call.
public enum VtlTransition: String, Sendable, Codable {
    case call, `return`
}

/// Everything the catalog knows about one call code.
public struct HypercallEntry: Sendable, Hashable {
    public let code: HypercallCode
    /// Every name of the code with the source that uses it, canonical name first.
    public let names: [HypercallName]
    public let shape: CallShape
    /// Whether the input may carry a variable-size header (HV_VP_SET and the like).
    public let variableHeader: Support
    /// Whether the call may use the register-based (fast) convention.
    public let fast: Support
    /// A VTL call or return.
    public let vtlTransition: VtlTransition?
    /// Name of the TLFS page that documents the call, if one does.
    public let tlfsPage: String?
    /// How the shape, variable-header and fast properties are known.
    public let evidence: String?

    public init(
        code: HypercallCode, names: [HypercallName], shape: CallShape, variableHeader: Support,
        fast: Support, vtlTransition: VtlTransition?, tlfsPage: String?, evidence: String?
    ) {
        self.code = code
        // Canonical first: the highest-precedence source, its first spelling.
        self.names = names.enumerated().sorted { ($0.element.source, $0.offset) < ($1.element.source, $1.offset) }.map(\.element)
        self.shape = shape
        self.variableHeader = variableHeader
        self.fast = fast
        self.vtlTransition = vtlTransition
        self.tlfsPage = tlfsPage
        self.evidence = evidence
        canonicalName = Self.canonical(of: self.names)?.name ?? "unknown(\(code.hex))"
    }

    /// The name used everywhere hvlog prints the code: the highest-precedence source's spelling,
    /// passing over placeholders (`HvCallReserved0081`) when any source has a real name. Chosen
    /// once, here: every logged call's name is looked up.
    public let canonicalName: String

    private var canonical: HypercallName? { Self.canonical(of: names) }

    private static func canonical(of names: [HypercallName]) -> HypercallName? {
        names.first { !isPlaceholder($0.name) } ?? names.first
    }

    /// Every source names the code only as a reserved or deprecated slot.
    public var isReservedSlot: Bool { names.allSatisfy { Self.isPlaceholder($0.name) } }

    /// Why the canonical name was chosen.
    public var canonicalReason: String {
        guard let canonical else { return "no source names the code" }
        return "\(canonical.source.rawValue) spelling; precedence "
            + NameSource.allCases.map(\.rawValue).joined(separator: " > ")
            + (isReservedSlot ? "; every source marks the code reserved" : ", placeholders (Reserved/Deprecated) last")
    }

    /// `HvCallReserved0081`, `HvCallDeprecated0005`, `HvExtCallReserved`: names of unused slots.
    static func isPlaceholder(_ name: String) -> Bool {
        for prefix in ["HvCallReserved", "HvCallDeprecated", "HvExtCallReserved"] where name.hasPrefix(prefix) {
            return name.dropFirst(prefix.count).allSatisfy(\.isHexDigit)
        }
        return false
    }
    /// Extended hypercalls (0x8000 and up).
    public var isExtended: Bool { code.isExtended }
    /// Distinct spellings with all the sources using each.
    public var distinctNames: [(name: String, sources: [NameSource])] {
        var order: [String] = []
        var sources: [String: [NameSource]] = [:]
        for entry in names {
            if sources[entry.name] == nil { order.append(entry.name) }
            sources[entry.name, default: []].append(entry.source)
        }
        return order.map { ($0, sources[$0]!) }
    }
}
