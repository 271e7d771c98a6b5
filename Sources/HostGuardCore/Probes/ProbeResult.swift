/// What one configured live-role probe found. Probes run in HostGuardSystem; their results are
/// fed to `IdentityResolver` as values, so every role decision is testable without a database.
public struct ProbeResult: Equatable, Sendable {
    /// `postgresql`, `address`, `command`, `file` …
    public var kind: String
    /// What the probe looked at, for the operator: a data directory, an address, a command.
    public var subject: String
    /// nil when the probe could not decide; `reason` then says why.
    public var role: Role?
    public var reason: String?
    /// The facts read on the way (pg_control state, signal files present, pid alive …).
    public var facts: [String]

    public init(kind: String, subject: String, role: Role?, reason: String? = nil, facts: [String] = []) {
        self.kind = kind
        self.subject = subject
        self.role = role
        self.reason = reason
        self.facts = facts
    }
}
