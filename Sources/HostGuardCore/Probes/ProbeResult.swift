/// What one configured live-role probe found. Probes run in HostGuardSystem; their results are
/// fed to `IdentityResolver` as values, so every role decision is testable without a database.
public struct ProbeResult: Equatable, Sendable {
    /// `postgresql`, `address`, `command`, `file` …
    public var kind: String
    /// What the probe looked at, for the operator: a data directory, an address, a command.
    public var subject: String
    /// The role it found, or why it could not decide (never `.notApplicable`).
    public var reading: RoleReading
    /// The facts read on the way (pg_control state, signal files present, pid alive …).
    public var facts: [String]

    public init(kind: String, subject: String, reading: RoleReading, facts: [String] = []) {
        self.kind = kind
        self.subject = subject
        self.reading = reading == .notApplicable ? .unknown(reason: "no answer") : reading
        self.facts = facts
    }

    /// A probe that answered with `role`, or (nil) could not decide, for `reason`.
    public init(kind: String, subject: String, role: Role?, reason: String? = nil, facts: [String] = []) {
        self.init(kind: kind, subject: subject, reading: role.map(RoleReading.known) ?? .unknown(reason: reason ?? "no answer"), facts: facts)
    }

    /// nil when the probe could not decide; `reason` then says why.
    public var role: Role? { reading.role }
    public var reason: String? { reading.unknownReason }
}
