/// `hostguard status --field environment|role|cluster|maint` (DESIGN.md contract, issue 17):
/// one bare line for other tools (a Teleport dynamic label, an Ansible fact, a kured or Patroni
/// pre-check), exit 0, or 3 when the value is not known.
public enum StatusField: String, CaseIterable, Sendable {
    case environment, role, cluster, maint

    /// The line to print and whether the value is known (exit 0) or not (exit 3).
    ///
    /// - environment: the configured name, trimmed; `unknown` when nothing says (treated as
    ///   production) or the system config is broken.
    /// - role: `primary`, `standby` or another role as written (the JSON values); `none` for a
    ///   host with no probe or role label (known: it has none); `unknown` when a probe is
    ///   configured and cannot tell, or the config is broken.
    /// - cluster: the name; `none` when none is configured; `unknown` when the config is broken.
    /// - maint: the prompt's maintenance words ("MAINT: reason (2h left)"), or `off`; `unknown`
    ///   when a maintenance file exists but was not believed.
    public static func line(
        _ field: StatusField, identity: HostIdentity, configBroken: Bool, maintenance: MaintenanceState
    ) -> (text: String, known: Bool) {
        let unknown = (text: Vocabulary.unknownValue, known: false)
        switch field {
        case .environment:
            guard !configBroken, let environment = identity.environment else { return unknown }
            return (oneLine(environment.name), true)
        case .role:
            if configBroken { return unknown }
            switch identity.role {
            case .known(let role): return (oneLine(Vocabulary.value(role.kind)), true)
            case .notApplicable: return ("none", true)
            case .unknown: return unknown
            }
        case .cluster:
            if configBroken { return unknown }
            return (identity.cluster.map(oneLine) ?? "none", true)
        case .maint:
            if maintenance.ignored != nil { return unknown }
            return (MaintenanceReport.field(maintenance).map(oneLine) ?? "off", true)
        }
    }

    /// Config strings may hold anything: shown escaped, so the answer is always one line.
    static func oneLine(_ text: String) -> String { TerminalText.visible(text) }
}
