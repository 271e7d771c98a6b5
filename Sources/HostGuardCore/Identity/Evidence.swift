/// One fact behind a value shown to the operator: where it came from, or what was tried and why
/// it did not decide. `hostguard status --explain` prints these; `--json` carries them.
public struct Evidence: Equatable, Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case hostname, environment, role, cluster, config
    }

    /// Whether this fact decided the value, or was looked at and set aside.
    public enum Outcome: String, Sendable {
        /// This source decided the value.
        case decided
        /// Consulted; it had an answer, but a stronger source won.
        case overridden
        /// Consulted; it had nothing to say (no match, not configured, could not be read).
        case tried
    }

    public var field: Field
    /// A short machine-friendly name of the source: `config`, `inventory`, `default`,
    /// `kernel`, `etc-hosts`, `probe:postgresql`, `state-file` …
    public var source: String
    /// Written for an operator: the file and key, the rule matched, the bytes read.
    public var detail: String
    public var outcome: Outcome

    public init(_ field: Field, source: String, detail: String, outcome: Outcome = .decided) {
        self.field = field
        self.source = source
        self.detail = detail
        self.outcome = outcome
    }
}
