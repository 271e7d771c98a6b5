/// `hostguard status` in its two forms: aligned text for people, JSON for scripts (the
/// contract: hostname, environment, role, cluster, evidence).
public enum IdentityReport {
    public static func json(_ identity: HostIdentity, diagnostics: [ConfigDiagnostic] = []) -> JSONValue {
        var role: JSONValue = .null
        var roleDetail: JSONValue = .null
        switch identity.role {
        case .notApplicable: break
        case .known(let known):
            role = .string(Vocabulary.value(known.kind))
            roleDetail = .object([
                ("service", .optional(known.service)),
                ("running", known.running.map(JSONValue.bool) ?? .null),
            ])
        case .unknown(let reason):
            roleDetail = .object([("unknown", .string(reason))])
        }
        return .object([
            ("hostname", .string(identity.hostName.short)),
            ("fqdn", .optional(identity.hostName.fqdn)),
            ("environment", .optional(identity.environment?.name)),
            ("environment_class", .string(Vocabulary.value(identity.environmentClass))),
            ("role", role),
            ("role_detail", roleDetail),
            ("cluster", .optional(identity.cluster)),
            ("evidence", .array(identity.evidence.map { item in
                .object([
                    ("field", .string(item.field.rawValue)),
                    ("source", .string(item.source)),
                    ("detail", .string(item.detail)),
                    ("outcome", .string(item.outcome.rawValue)),
                ])
            })),
            ("diagnostics", .array(diagnostics.map { item in
                .object([
                    ("severity", .string(item.severity.rawValue)),
                    ("file", .string(item.file)),
                    ("key", .optional(item.key)),
                    ("message", .string(item.message)),
                ])
            })),
        ])
    }

    /// The `environment` row: the name as configured and its class, or UNKNOWN ENV.
    static func environmentText(_ identity: HostIdentity) -> String {
        guard let environment = identity.environment else {
            return "\(Vocabulary.unknownEnvironment) (\(Vocabulary.unknownEnvironmentMeaning))"
        }
        return TerminalText.visible(environment.name)
    }

    /// The `role` row, in the prompt's words.
    static func roleText(_ identity: HostIdentity) -> String {
        switch identity.role {
        case .notApplicable: return "none configured"
        case .known(let known):
            return Vocabulary.label(known) + (known.service.map { " [\(Vocabulary.serviceLabel($0))]" } ?? "")
        case .unknown(let reason):
            return "\(Vocabulary.unknownRole) (\(Vocabulary.unknownRoleMeaning)): \(TerminalText.visible(reason))"
        }
    }

    /// Aligned text; with `explain`, every source consulted is listed under its field.
    public static func text(_ identity: HostIdentity, explain: Bool) -> String {
        let name = identity.hostName
        var rows: [(String, String, Evidence.Field)] = []
        var host = TerminalText.visible(name.short)
        if let fqdn = name.fqdn, fqdn != name.short { host += " (\(TerminalText.visible(fqdn)))" }
        rows.append(("host", host, .hostname))
        rows.append(("environment", environmentText(identity), .environment))
        rows.append(("role", roleText(identity), .role))
        rows.append(("cluster", identity.cluster.map(TerminalText.visible) ?? "-", .cluster))

        var out = ""
        for (label, value, field) in rows {
            out += pad(label, 12) + value + "\n"
            let facts = identity.evidence.filter { $0.field == field && (explain || $0.outcome == .decided) }
            for fact in facts where field != .hostname || explain {
                let marker = fact.outcome == .decided ? "from" : fact.outcome == .overridden ? "over" : "tried"
                out += pad("", 12) + pad(marker, 6) + pad(fact.source, 18) + TerminalText.visible(fact.detail) + "\n"
            }
        }
        if explain {
            for fact in identity.evidence where fact.field == .config {
                let marker = fact.outcome == .decided ? "used" : "tried"
                out += pad("config", 12) + pad(marker, 6) + pad(fact.source, 18) + TerminalText.visible(fact.detail) + "\n"
            }
        }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
