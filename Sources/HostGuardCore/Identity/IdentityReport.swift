/// `hostguard status` in its two forms: aligned text for people, JSON for scripts (the
/// contract: hostname, environment, role, cluster, evidence).
public enum IdentityReport {
    public static func json(_ identity: HostIdentity, diagnostics: [ConfigDiagnostic] = []) -> JSONValue {
        var role: JSONValue = .null
        var roleDetail: JSONValue = .null
        switch identity.role {
        case .notApplicable: break
        case .known(let known):
            role = .string(known.name)
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
            ("environment", .optional(identity.environment)),
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

    /// Aligned text; with `explain`, every source consulted is listed under its field.
    public static func text(_ identity: HostIdentity, explain: Bool) -> String {
        let name = identity.hostName
        var rows: [(String, String, Evidence.Field)] = []
        var host = TerminalText.visible(name.short)
        if let fqdn = name.fqdn, fqdn != name.short { host += " (\(TerminalText.visible(fqdn)))" }
        rows.append(("host", host, .hostname))
        rows.append(("environment", identity.environment.map(TerminalText.visible) ?? "UNKNOWN (treated as production)", .environment))
        let role: String
        switch identity.role {
        case .notApplicable: role = "none configured"
        case .known(let known): role = TerminalText.visible(IdentityResolver.describe(known)) + (known.service.map { " [\($0)]" } ?? "")
        case .unknown(let reason): role = "UNKNOWN (treated as primary): \(TerminalText.visible(reason))"
        }
        rows.append(("role", role, .role))
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
