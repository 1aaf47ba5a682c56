import HypercallABI

/// The role of the partition that made a call.
public enum PartitionRole: UInt8, Sendable, Hashable, CaseIterable {
    case unknown = 0, root = 1, guest = 2

    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .root: "root"
        case .guest: "guest"
        }
    }

    public init?(name: some StringProtocol) {
        guard let role = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = role
    }
}

/// How the caller passed its parameters.
public enum RecordedConvention: UInt8, Sendable, Hashable, CaseIterable {
    /// Not known to the capture (e.g. a source that only sees the input value).
    case unknown = 0
    /// Input and output blocks in guest memory, passed by GPA.
    case memory = 1
    /// Register-based fast call: input in RDX and R8 (or their equivalents).
    case fast = 2
    /// XMM fast call: input (and output) also in XMM0–XMM5.
    case xmmFast = 3

    public var name: String {
        switch self {
        case .unknown: "unknown"
        case .memory: "memory"
        case .fast: "fast"
        case .xmmFast: "xmm"
        }
    }

    /// The ABI model's convention, nil when unknown.
    public var callingConvention: CallingConvention? {
        switch self {
        case .unknown: nil
        case .memory: .memory
        case .fast: .fast
        case .xmmFast: .xmmFast
        }
    }

    public init?(name: some StringProtocol) {
        guard let convention = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = convention
    }
}

/// A source-specific key/value pair (e.g. `flush.flags = 0x3` from KVM's flush tracepoint).
public struct RecordAttribute: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// One observed hypercall: what went in, what came out, who made it and when.
///
/// Everything but the sequence number and the input value is optional, because capture sources
/// see different things: KVM's tracepoints give GPAs but no block bytes, a debugger gives bytes
/// but maybe no partition id.
public struct HypercallRecord: Sendable, Hashable {
    /// Position in the log, unique and increasing.
    public var sequence: UInt64
    public var inputValue: HypercallInputValue
    /// Which optional fixed-width fields are present (the `.hvl` payload's presence bits,
    /// `HVLEntryCodec.Present`). Their values are stored without `Optional`'s padding, absent
    /// ones as 0 (so that equality and hashing see only what is present): the record is 152
    /// bytes instead of 232, cheaper to copy, and the codec copies the bits instead of testing
    /// ten optionals.
    @usableFromInline var present: UInt16 = 0
    public var partitionRole: PartitionRole
    public var convention: RecordedConvention
    @usableFromInline var storedVTL: UInt8 = 0
    @usableFromInline var storedVPIndex: UInt32 = 0
    @usableFromInline var storedEntryTime: UInt64 = 0
    @usableFromInline var storedExitTime: UInt64 = 0
    @usableFromInline var storedPartitionID: UInt64 = 0
    @usableFromInline var storedCallerIP: UInt64 = 0
    @usableFromInline var storedResultValue: UInt64 = 0
    @usableFromInline var storedInputGPA: UInt64 = 0
    @usableFromInline var storedOutputGPA: UInt64 = 0
    @usableFromInline var storedRepGroup: UInt64 = 0
    /// The capture that produced the record (`kvm`, `gdb`, …).
    public var source: String
    /// The phase in force when the call was made (`boot`, `idle`, …); empty when none.
    public var phase: String
    /// Input block bytes, or for register conventions the input registers' bytes in order
    /// (RDX, R8, then XMM0–XMM5 for XMM fast calls).
    public var input: [UInt8]
    /// Output block bytes (or XMM fast output registers' bytes).
    public var output: [UInt8]
    public var attributes: [RecordAttribute]

    /// Handler entry and exit, in nanoseconds since the log header's clock origin.
    public var entryTime: UInt64? {
        @inlinable get { value(storedEntryTime, HVLEntryCodec.Present.entryTime) }
        @inlinable set { Self.assign(newValue, &storedEntryTime, HVLEntryCodec.Present.entryTime, &present) }
    }
    public var exitTime: UInt64? {
        @inlinable get { value(storedExitTime, HVLEntryCodec.Present.exitTime) }
        @inlinable set { Self.assign(newValue, &storedExitTime, HVLEntryCodec.Present.exitTime, &present) }
    }
    public var partitionID: UInt64? {
        @inlinable get { value(storedPartitionID, HVLEntryCodec.Present.partitionID) }
        @inlinable set { Self.assign(newValue, &storedPartitionID, HVLEntryCodec.Present.partitionID, &present) }
    }
    public var vpIndex: UInt32? {
        @inlinable get { value(storedVPIndex, HVLEntryCodec.Present.vpIndex) }
        @inlinable set { Self.assign(newValue, &storedVPIndex, HVLEntryCodec.Present.vpIndex, &present) }
    }
    public var vtl: UInt8? {
        @inlinable get { value(storedVTL, HVLEntryCodec.Present.vtl) }
        @inlinable set { Self.assign(newValue, &storedVTL, HVLEntryCodec.Present.vtl, &present) }
    }
    /// Instruction pointer of the hypercall instruction in the caller, when known.
    public var callerIP: UInt64? {
        @inlinable get { value(storedCallerIP, HVLEntryCodec.Present.callerIP) }
        @inlinable set { Self.assign(newValue, &storedCallerIP, HVLEntryCodec.Present.callerIP, &present) }
    }
    /// `nil` when the call never returned while the capture watched.
    public var resultValue: HypercallResultValue? {
        @inlinable get { value(storedResultValue, HVLEntryCodec.Present.resultValue).map(HypercallResultValue.init(rawValue:)) }
        @inlinable set { Self.assign(newValue?.rawValue, &storedResultValue, HVLEntryCodec.Present.resultValue, &present) }
    }
    /// Guest-physical addresses of the input and output blocks (memory convention).
    public var inputGPA: UInt64? {
        @inlinable get { value(storedInputGPA, HVLEntryCodec.Present.inputGPA) }
        @inlinable set { Self.assign(newValue, &storedInputGPA, HVLEntryCodec.Present.inputGPA, &present) }
    }
    public var outputGPA: UInt64? {
        @inlinable get { value(storedOutputGPA, HVLEntryCodec.Present.outputGPA) }
        @inlinable set { Self.assign(newValue, &storedOutputGPA, HVLEntryCodec.Present.outputGPA, &present) }
    }
    /// Ties the records of one guest-level rep call resumed several times (continuations).
    public var repGroup: UInt64? {
        @inlinable get { value(storedRepGroup, HVLEntryCodec.Present.repGroup) }
        @inlinable set { Self.assign(newValue, &storedRepGroup, HVLEntryCodec.Present.repGroup, &present) }
    }

    @inlinable @inline(__always) func value<T>(_ stored: T, _ bit: UInt16) -> T? { present & bit == 0 ? nil : stored }

    @inlinable @inline(__always)
    static func assign<T: FixedWidthInteger>(_ value: T?, _ stored: inout T, _ bit: UInt16, _ present: inout UInt16) {
        if let value {
            stored = value
            present |= bit
        } else {
            stored = 0
            present &= ~bit
        }
    }

    public init(
        sequence: UInt64, entryTime: UInt64? = nil, exitTime: UInt64? = nil, source: String,
        partitionID: UInt64? = nil, partitionRole: PartitionRole = .unknown, vpIndex: UInt32? = nil,
        vtl: UInt8? = nil, phase: String = "", callerIP: UInt64? = nil, inputValue: HypercallInputValue,
        convention: RecordedConvention = .unknown, inputGPA: UInt64? = nil, outputGPA: UInt64? = nil,
        input: [UInt8] = [], output: [UInt8] = [], resultValue: HypercallResultValue? = nil,
        repGroup: UInt64? = nil, attributes: [RecordAttribute] = []
    ) {
        self.sequence = sequence
        self.inputValue = inputValue
        self.partitionRole = partitionRole
        self.convention = convention
        self.source = source
        self.phase = phase
        self.input = input
        self.output = output
        self.attributes = attributes
        self.entryTime = entryTime
        self.exitTime = exitTime
        self.partitionID = partitionID
        self.vpIndex = vpIndex
        self.vtl = vtl
        self.callerIP = callerIP
        self.inputGPA = inputGPA
        self.outputGPA = outputGPA
        self.resultValue = resultValue
        self.repGroup = repGroup
    }

    public var callCode: HypercallCode { inputValue.callCode }
    /// Whether the call returned while the capture watched.
    public var isComplete: Bool { resultValue != nil }
    /// Handler time in nanoseconds, when both ends are known.
    public var duration: UInt64? {
        guard let entryTime, let exitTime, exitTime >= entryTime else { return nil }
        return exitTime - entryTime
    }
}

/// A marker: a phase change or an annotation, placed in sequence with the records.
public struct LogMarker: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
        /// From here on, records belong to phase `text`.
        case phase = 1
        /// A note (e.g. a synthetic MSR write, a message written to trace_marker).
        case annotation = 2

        public var name: String { self == .phase ? "phase" : "annotation" }
        public init?(name: some StringProtocol) {
            guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = kind
        }
    }

    public var sequence: UInt64
    public var time: UInt64?
    public var kind: Kind
    public var source: String
    public var text: String
    public var attributes: [RecordAttribute]

    public init(sequence: UInt64, time: UInt64? = nil, kind: Kind, source: String, text: String, attributes: [RecordAttribute] = []) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.source = source
        self.text = text
        self.attributes = attributes
    }
}

/// One entry of a log: a call record or a marker.
public enum LogEntry: Sendable, Hashable {
    case call(HypercallRecord)
    case marker(LogMarker)

    public var sequence: UInt64 {
        switch self {
        case .call(let record): record.sequence
        case .marker(let marker): marker.sequence
        }
    }
}

/// What a log says about itself: written once at its start.
public struct LogHeader: Sendable, Hashable {
    /// Wall-clock time the log was created, nanoseconds since the Unix epoch.
    public var createdAt: UInt64
    /// Wall-clock time, in nanoseconds since the Unix epoch, of the records' time 0; `nil` when the
    /// capture's clock cannot be related to wall-clock time.
    public var clockOrigin: UInt64?
    /// Free text: what captured the log and how (`kvm import of trace.txt`, a lab preset, …).
    public var sourceDescription: String

    public init(createdAt: UInt64, clockOrigin: UInt64? = nil, sourceDescription: String) {
        self.createdAt = createdAt
        self.clockOrigin = clockOrigin
        self.sourceDescription = sourceDescription
    }
}
