/// A static role (config `[host] role`, or the matching `[[inventory]]` rule's) that the live
/// probe contradicts: db1 "is" the standby in the inventory, yet pg_control says primary. The
/// live role wins, as always; the disagreement itself is shown, because it is the belief an
/// operator acts on (January 2017: "this is db2") that is wrong.
public struct RoleConflict: Equatable, Sendable {
    /// What the live probe says.
    public var live: Role.Kind
    /// What the static label says.
    public var declared: Role.Kind
    /// "config" or "inventory": who said so, in the prompt's words.
    public var declaredBy: String
    /// The file and key, for `status`.
    public var origin: String

    public init(live: Role.Kind, declared: Role.Kind, declaredBy: String, origin: String) {
        self.live = live
        self.declared = declared
        self.declaredBy = declaredBy
        self.origin = origin
    }

    /// The first static label that disagrees with a role a live probe decided; nil when the
    /// role was not decided live (a label alone, unknown) or every label agrees.
    public static func find(identity: HostIdentity, config: HostGuardConfig) -> RoleConflict? {
        guard case .known(let role) = identity.role,
              identity.evidence.contains(where: { $0.field == .role && $0.outcome == .decided && $0.source.hasPrefix("probe:") })
        else { return nil }
        var labels: [(String, String, String)] = []
        if let label = config.host.role { labels.append((label.value, "config", label.origin)) }
        if let rule = config.inventory.first(where: { $0.match(identity.hostName) != nil }), let label = rule.role {
            labels.append((label, "inventory", "\(rule.file): \(rule.key).role"))
        }
        for (label, by, origin) in labels {
            let declared = Role.kind(named: label)
            if declared != role.kind { return RoleConflict(live: role.kind, declared: declared, declaredBy: by, origin: origin) }
        }
        return nil
    }

    /// The prompt's words after the role: "(inventory says standby)".
    public var promptText: String {
        "(\(declaredBy) says \(Vocabulary.value(declared).lowercased()))"
    }

    /// `status --json`: `"role_conflict": true` and this detail (both sources are in evidence).
    public static func json(_ conflict: RoleConflict?) -> [(String, JSONValue)] {
        guard let conflict else { return [("role_conflict", .bool(false))] }
        return [
            ("role_conflict", .bool(true)),
            ("role_conflict_detail", .object([
                ("live", .string(Vocabulary.value(conflict.live))),
                ("declared", .string(Vocabulary.value(conflict.declared))),
                ("declared_by", .string(conflict.declaredBy)),
                ("origin", .string(conflict.origin)),
            ])),
        ]
    }

    /// `status`: one line.
    public var statusLine: String {
        "CONFLICT: live \(Vocabulary.label(live)), but \(TerminalText.visible(origin)) says \(TerminalText.visible(Vocabulary.value(declared))) (the live role is used)"
    }
}
