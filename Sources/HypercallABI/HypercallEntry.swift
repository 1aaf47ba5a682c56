/// Where a hypercall name comes from. Declared in order of precedence for the canonical name.
public enum NameSource: String, Sendable, CaseIterable, Codable, Comparable {
    /// A TLFS page dedicated to the hypercall (MicrosoftDocs/Virtualization-Documentation `tlfs/hypercalls/*.md`).
    case tlfsPage = "tlfs-page"
    /// The HV_CALL_CODE enum recovered from Windows symbols (ProjectMile/Mile.HyperV).
    case windowsSymbols = "windows-symbols"
    /// Microsoft OpenVMM `vm/hv1/hvdef/src/lib.rs` (`HypercallCode`).
    case openvmm = "openvmm"
    /// The TLFS hypercall reference table (`../shared/reference/tlfs-hypercall-reference.md`).
    case tlfsReference = "tlfs-reference"
    /// TLFS v6.0b appendix A.
    case tlfsAppendix = "tlfs-appendix-a"
    /// Linux `include/hyperv/hvgdk_mini.h` / `hvhdk_mini.h` (`HVCALL_*`).
    case linux = "linux"
    /// Linux `include/asm-generic/hyperv-tlfs.h` (`HVCALL_*`, older kernels).
    case linuxAsmGeneric = "linux-asm-generic"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The repository and path the names were read from.
    public var origin: String {
        switch self {
        case .tlfsPage: "MicrosoftDocs/Virtualization-Documentation virtualization/hyper-v-on-windows/tlfs/hypercalls/"
        case .windowsSymbols: "ProjectMile/Mile.HyperV References/Symbols (HV_CALL_CODE)"
        case .openvmm: "microsoft/openvmm vm/hv1/hvdef/src/lib.rs (HypercallCode)"
        case .tlfsReference: "TLFS hypercall reference table (shared/reference/tlfs-hypercall-reference.md)"
        case .tlfsAppendix: "TLFS v6.0b appendix A"
        case .linux: "torvalds/linux include/hyperv/hvgdk_mini.h, hvhdk_mini.h"
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
    }

    /// The name used everywhere hvlog prints the code.
    public var canonicalName: String { names.first?.name ?? "unknown(\(code.hex))" }
    /// Why the canonical name was chosen.
    public var canonicalReason: String {
        guard let first = names.first else { return "no source names the code" }
        return "taken from \(first.source.rawValue), the highest-precedence source naming the code "
            + "(precedence: \(NameSource.allCases.map(\.rawValue).joined(separator: " > ")))"
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
