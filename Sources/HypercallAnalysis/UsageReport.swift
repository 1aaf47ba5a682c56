/// How the usage matrix splits calls into columns besides the phase.
public enum ColumnGrouping: String, Sendable, Codable, CaseIterable {
    /// By partition role: root, guest, unknown (the paper's table).
    case role
    /// By partition: role and id (`guest 191`).
    case partition
}

/// Everything `hvlog report` knows about one or more logs, built in one streaming pass by
/// `LogAnalyzer`. Renderers (Markdown, CSV, LaTeX, HTML, JSON) only format it.
public struct UsageReport: Sendable, Codable {
    public struct Log: Sendable, Codable {
        public var path: String
        public var sourceDescription: String
        public var calls: Int
        public var markers: Int
        /// From the first to the last timestamp in the log, when it has any.
        public var seconds: Double?
    }

    /// A column of the usage matrix: a partition (role or id) in a phase.
    public struct Column: Sendable, Codable, Hashable {
        public var partition: String
        public var phase: String
    }

    public struct Phase: Sendable, Codable {
        public var name: String
        public var calls: Int
        /// The phase's length summed over the logs: from its phase marker (or first call) to the
        /// next phase marker (or its last call); nil when no timestamps are known.
        public var seconds: Double?
    }

    public struct StatusCount: Sendable, Codable {
        public var name: String
        public var value: String
        public var count: Int
    }

    public struct ConventionCounts: Sendable, Codable {
        public var unknown = 0
        public var memory = 0
        public var fast = 0
        public var xmmFast = 0
    }

    /// Handler durations in nanoseconds (exit time − entry time). Percentiles are nearest-rank,
    /// exact below 128 ns and at most 1.6% low above; the maximum is exact.
    public struct Durations: Sendable, Codable {
        public var count: Int
        public var p50: UInt64
        public var p90: UInt64
        public var p99: UInt64
        public var max: UInt64
    }

    /// A point in time: which log (index into `logs`) and seconds since that log's first timestamp.
    public struct Sighting: Sendable, Codable {
        public var log: Int
        public var seconds: Double
    }

    public struct CodeStatistics: Sendable, Codable {
        public var code: UInt16
        public var hex: String
        /// The catalog name, or `unknown(0x….)`.
        public var name: String
        public var calls: Int
        /// Fraction of all calls in the report.
        public var share: Double
        /// Calls per column of `UsageReport.columns`.
        public var perColumn: [Int]
        /// Calls per phase of `UsageReport.phases`, and per second of that phase.
        public var perPhase: [Int]
        public var ratePerPhase: [Double?]
        /// Calls with a rep count above zero; their requested and completed reps.
        public var repCalls: Int
        public var repsRequested: Int
        public var repsCompleted: Int
        public var repMax: Int
        /// Calls resumed with a nonzero rep start index (continuations of an earlier call).
        public var continuations: Int
        /// Calls that never returned while the capture watched.
        public var incomplete: Int
        public var statuses: [StatusCount]
        public var conventions: ConventionCounts
        public var durations: Durations?
        public var firstSeen: Sighting?
        public var lastSeen: Sighting?
    }

    /// Consecutive calls `from` → `to` of the same VP within `phase`.
    public struct Transition: Sendable, Codable {
        public var phase: String
        public var from: UInt16
        public var to: UInt16
        public var count: Int
    }

    /// A run of consecutive calls of one VP within one phase.
    public struct NGram: Sendable, Codable {
        public var codes: [UInt16]
        public var count: Int
    }

    public struct PhaseExclusive: Sendable, Codable {
        public var code: UInt16
        public var phase: String
        public var calls: Int
    }

    public struct ParameterValue: Sendable, Codable {
        public var value: String
        public var count: Int
    }

    /// The values one parameter field of one call code took.
    public struct ParameterSummary: Sendable, Codable {
        public var code: UInt16
        public var field: String
        public var calls: Int
        /// Distinct values seen (a lower bound when `distinctCapped`).
        public var distinct: Int
        public var distinctCapped: Bool
        /// The most frequent values, most frequent first.
        public var values: [ParameterValue]
        /// Smallest and largest value when every value is a number (hex or decimal).
        public var minimum: String?
        public var maximum: String?
    }

    /// Calls per time bucket of one log, with its phase markers.
    public struct Timeline: Sendable, Codable {
        public struct Boundary: Sendable, Codable {
            public var seconds: Double
            public var phase: String
        }
        public var log: Int
        public var bucketSeconds: Double
        public var counts: [Int]
        public var boundaries: [Boundary]
    }

    public var logs: [Log]
    public var grouping: ColumnGrouping
    public var totalCalls: Int
    public var phases: [Phase]
    public var columns: [Column]
    /// Sorted by call code.
    public var codes: [CodeStatistics]
    /// Most frequent first.
    public var transitions: [Transition]
    /// The most frequent n-grams for n = 2…5, most frequent first within each n.
    public var ngrams: [NGram]
    public var phaseExclusive: [PhaseExclusive]
    public var parameters: [ParameterSummary]
    public var timelines: [Timeline]
}
