/// Where am I: the answer every job (prompt, guard, mounts) starts from.
public struct HostIdentity: Equatable, Sendable {
    public var hostName: HostName
    /// nil when unknown: the prompt says so loudly and the guard treats the host as production.
    public var environment: EnvironmentName?
    public var role: RoleReading
    public var cluster: String?
    public var evidence: [Evidence]

    public init(
        hostName: HostName,
        environment: EnvironmentName?,
        role: RoleReading,
        cluster: String?,
        evidence: [Evidence]
    ) {
        self.hostName = hostName
        self.environment = environment
        self.role = role
        self.cluster = cluster
        self.evidence = evidence
    }

    /// What the guard must assume: unknown counts as production (fail safe).
    public var environmentClass: EnvironmentClass {
        environment?.environmentClass ?? .unknown
    }
}
