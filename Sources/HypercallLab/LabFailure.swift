/// A lab problem, said so that a person can act on it: what went wrong, what to do, and the
/// serial-console lines that show it.
public struct LabFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// Console lines that show the problem, each with its source (`L1 serial` or `L2 console`).
    public let evidence: [String]

    public init(_ message: String, evidence: [String] = []) {
        self.message = message
        self.evidence = evidence
    }

    public var description: String {
        evidence.isEmpty ? message : message + "\n" + evidence.map { "  | " + $0 }.joined(separator: "\n")
    }
}
