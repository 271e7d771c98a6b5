/// Where am I: the answer every job (prompt, guard, mounts) starts from.
public struct HostIdentity: Equatable, Sendable {
    public var hostName: HostName
    /// nil when unknown: the prompt says so loudly and the guard treats the host as production.
    public var environment: String?
    public var role: RoleReading
    public var cluster: String?
    public var evidence: [Evidence]

    public init(
        hostName: HostName,
        environment: String?,
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
        guard let environment else { return .unknown }
        return EnvironmentClass(name: environment)
    }
}

/// The built-in families of environment names, each with its own look and its own caution.
public enum EnvironmentClass: Equatable, Sendable {
    case production, staging, development
    /// Any other configured name ("qa", "dr", "lab-7"): gets a stable style of its own.
    case other
    /// Not configured, or the configuration could not be trusted or read.
    case unknown

    public init(name: String) {
        switch name.lowercased() {
        case "production", "prod", "prd", "live": self = .production
        case "staging", "stage", "stg", "preprod", "pre-production", "uat": self = .staging
        case "development", "dev", "devel", "test", "testing", "sandbox", "local": self = .development
        default: self = .other
        }
    }
}
