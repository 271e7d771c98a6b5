/// What this host is doing right now for the service that matters on it: the one role model.
/// Probes, the PostgreSQL decision, the state file, the identity and the guard all carry a
/// `Role` (or a `RoleReading` where the answer may be missing); `Vocabulary` names it.
public struct Role: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case primary
        case standby
        /// A role name that is neither (e.g. "witness", "arbiter"), shown as written.
        case other(String)
    }

    public var kind: Kind
    /// The service the role belongs to, when a probe knows it ("postgresql").
    public var service: String?
    /// Whether the service is running; nil when the source cannot tell (a static label).
    public var running: Bool?

    public init(_ kind: Kind, service: String? = nil, running: Bool? = nil) {
        self.kind = kind
        self.service = service
        self.running = running
    }

    /// Parses a role word as written in config or printed by a probe command.
    public static func kind(named name: String) -> Kind {
        switch name.lowercased() {
        case "primary", "master", "leader", "main", "active": return .primary
        case "standby", "replica", "secondary", "follower", "slave", "passive", "backup": return .standby
        default: return .other(name)
        }
    }

    /// The word in JSON and the state file: "primary", "standby" or the name as written.
    public var name: String { Vocabulary.value(kind) }
}

/// The role as far as it can be known: on this host, or for one probe or data directory.
public enum RoleReading: Equatable, Sendable {
    /// Nothing on this host claims a role (no probe, no label): nothing to show.
    case notApplicable
    case known(Role)
    /// A role was expected (a probe or label is configured) but could not be established.
    /// The guard treats this as primary; the prompt says so loudly.
    case unknown(reason: String)

    public var role: Role? {
        if case .known(let role) = self { return role }
        return nil
    }

    /// Why the role is not known, when it is not.
    public var unknownReason: String? {
        if case .unknown(let reason) = self { return reason }
        return nil
    }

    /// What the guard must assume: an expected but unknown role counts as primary (fail safe).
    public var mustTreatAsPrimary: Bool {
        switch self {
        case .known(let role): return role.kind == .primary
        case .unknown: return true
        case .notApplicable: return false
        }
    }
}
