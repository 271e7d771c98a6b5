/// Decides environment, role and cluster from config and live probe results, keeping every
/// source it consulted as evidence.
///
/// Precedence, strongest first:
/// - environment, cluster: `[host]` in a system file, then the first matching `[[inventory]]` rule;
///   for the environment, then systemd's `/etc/machine-info` DEPLOYMENT=.
/// - role: a live probe that answered; where no probe is configured, `[host].role`, then the
///   inventory rule's role. A configured probe that cannot answer makes the role unknown.
/// Any error in the system config makes environment and role unknown (fail safe): the broken
/// part may be exactly where "production" was written.
public enum IdentityResolver {
    public static func resolve(
        host: HostName, config: HostGuardConfig, probes: [ProbeResult] = [], machineInfo: MachineInfoReading = .notRead
    ) -> HostIdentity {
        var evidence: [Evidence] = []
        evidence.append(Evidence(.hostname, source: "kernel", detail: "node name \"\(host.nodeName)\""))
        if let fqdn = host.fqdn, fqdn != host.nodeName {
            evidence.append(Evidence(.hostname, source: "etc-hosts", detail: "fully qualified name \"\(fqdn)\""))
        }

        if config.systemConfigIsBroken {
            let firstError = config.diagnostics.first { $0.severity == .error && !config.userFiles.contains($0.file) }!
            // A distrusted file says so itself ("not trusted: …"); a syntax or type error is
            // a mistake in the file, not a matter of trust.
            let detail = "system config not used: \(firstError)"
            evidence.append(Evidence(.config, source: "config", detail: detail))
            evidence.append(Evidence(.environment, source: "config", detail: "unknown because the system config has errors", outcome: .tried))
            return HostIdentity(
                hostName: host, environment: nil,
                role: .unknown(reason: "system config has errors"), cluster: nil, evidence: evidence)
        }
        if config.sources.isEmpty {
            evidence.append(Evidence(.config, source: "config", detail: "no system config file found (/etc/hostguard/hostguard.toml, or the file named by HOSTGUARD_CONFIG)", outcome: .tried))
        }

        let inventoryMatch = matchInventory(host: host, rules: config.inventory, evidence: &evidence)
        var environment = pick(
            .environment, fromHost: config.host.environment,
            fromInventory: inventoryMatch.flatMap { rule in rule.environment.map { ($0, rule) } },
            evidence: &evidence, fallbackFollows: true)
        environment = pickMachineInfo(machineInfo, decided: environment, evidence: &evidence)
        let cluster = pick(
            .cluster, fromHost: config.host.cluster,
            fromInventory: inventoryMatch.flatMap { rule in rule.cluster.map { ($0, rule) } },
            evidence: &evidence)
        let role = resolveRole(config: config, inventoryMatch: inventoryMatch, probes: probes, evidence: &evidence)
        return HostIdentity(
            hostName: host, environment: environment.map { EnvironmentName($0) }, role: role, cluster: cluster, evidence: evidence)
    }

    private static func matchInventory(host: HostName, rules: [InventoryRule], evidence: inout [Evidence]) -> InventoryRule? {
        for rule in rules {
            if let (name, glob) = rule.match(host) {
                evidence.append(Evidence(
                    .config, source: "inventory",
                    detail: "\(rule.file): \(rule.key) hosts \"\(glob.pattern)\" matched \"\(name)\""))
                return rule
            }
        }
        if !rules.isEmpty {
            evidence.append(Evidence(
                .config, source: "inventory",
                detail: "none of \(rules.count) inventory rule(s) matched \(host.matchableNames.map { "\"\($0)\"" }.joined(separator: " or "))",
                outcome: .tried))
        }
        return nil
    }

    /// Whether `/etc/machine-info` could decide the environment: only when neither `[host]` nor
    /// a matching inventory rule says (the prompt reads the file only then; `status` always,
    /// to show it under `--explain`).
    public static func needsMachineInfo(host: HostName, config: HostGuardConfig) -> Bool {
        if config.systemConfigIsBroken || config.host.environment != nil { return false }
        return config.inventory.first(where: { $0.match(host) != nil })?.environment == nil
    }

    /// systemd's DEPLOYMENT= (hostnamectl set-deployment): below config and inventory.
    private static func pickMachineInfo(_ reading: MachineInfoReading, decided: String?, evidence: inout [Evidence]) -> String? {
        switch reading {
        case .notRead:
            if decided == nil {
                evidence.append(Evidence(.environment, source: "default", detail: "not set in [host], any matching [[inventory]] rule or /etc/machine-info", outcome: .tried))
            }
            return decided
        case .absent(let path, let why):
            evidence.append(Evidence(.environment, source: "machine-info", detail: "\(path): \(why)", outcome: .tried))
            if decided == nil {
                evidence.append(Evidence(.environment, source: "default", detail: "not set in [host], any matching [[inventory]] rule or /etc/machine-info", outcome: .tried))
            }
            return decided
        case .deployment(let path, let value):
            let detail = "\(path): DEPLOYMENT=\(value) (hostnamectl set-deployment)"
            if decided != nil {
                evidence.append(Evidence(.environment, source: "machine-info", detail: detail, outcome: .overridden))
                return decided
            }
            evidence.append(Evidence(.environment, source: "machine-info", detail: detail))
            return value
        }
    }

    private static func pick(
        _ field: Evidence.Field, fromHost: Sourced<String>?, fromInventory: (String, InventoryRule)?,
        evidence: inout [Evidence], fallbackFollows: Bool = false
    ) -> String? {
        if let fromHost {
            evidence.append(Evidence(field, source: "config", detail: "\(fromHost.origin) = \"\(fromHost.value)\""))
            if let (value, rule) = fromInventory {
                evidence.append(Evidence(
                    field, source: "inventory", detail: "\(rule.file): \(rule.key) says \"\(value)\"", outcome: .overridden))
            }
            return fromHost.value
        }
        if let (value, rule) = fromInventory {
            evidence.append(Evidence(field, source: "inventory", detail: "\(rule.file): \(rule.key).\(field.rawValue) = \"\(value)\""))
            return value
        }
        // The environment has one more source below these (machine-info), which says this.
        if !fallbackFollows {
            evidence.append(Evidence(field, source: "default", detail: "not set in [host] or any matching [[inventory]] rule", outcome: .tried))
        }
        return nil
    }

    private static func resolveRole(
        config: HostGuardConfig, inventoryMatch: InventoryRule?, probes: [ProbeResult], evidence: inout [Evidence]
    ) -> RoleReading {
        var decided: RoleReading?
        // Probes in config order; the first that answers decides. The ones after it still show.
        for probe in probes {
            let facts = probe.facts.isEmpty ? "" : " (" + probe.facts.joined(separator: "; ") + ")"
            if let role = probe.role {
                let outcome: Evidence.Outcome = decided == nil ? .decided : .overridden
                evidence.append(Evidence(.role, source: "probe:\(probe.kind)", detail: "\(probe.subject): \(describe(role))\(facts)", outcome: outcome))
                if decided == nil { decided = .known(role) }
            } else {
                let reason = probe.reason ?? "no answer"
                evidence.append(Evidence(.role, source: "probe:\(probe.kind)", detail: "\(probe.subject): \(reason)\(facts)", outcome: .tried))
            }
        }
        var staticLabels: [(String, String)] = []
        if let label = config.host.role { staticLabels.append((label.value, "config: \(label.origin)")) }
        if let rule = inventoryMatch, let label = rule.role {
            staticLabels.append((label, "inventory: \(rule.file): \(rule.key).role"))
        }
        // A static label is the fallback only where no live probe is configured. Where one is
        // and it cannot answer, the label may be exactly the stale belief that wiped the
        // primary in January 2017 ("this is db2, the standby"): the role is unknown, loudly.
        for (label, origin) in staticLabels {
            let detail = "static label \"\(label)\" from \(origin)"
            if decided == nil && probes.isEmpty {
                evidence.append(Evidence(.role, source: "static", detail: detail))
                decided = .known(Role(Role.kind(named: label)))
            } else if decided == nil {
                evidence.append(Evidence(.role, source: "static", detail: detail + " (not used: a live probe is configured and gave no answer)", outcome: .tried))
            } else {
                evidence.append(Evidence(.role, source: "static", detail: detail, outcome: .overridden))
            }
        }
        if let decided { return decided }
        if probes.isEmpty {
            evidence.append(Evidence(.role, source: "default", detail: "no probe or role label configured", outcome: .tried))
            return .notApplicable
        }
        let reasons = probes.map { "\($0.kind): \($0.reason ?? "no answer")" }.joined(separator: "; ")
        return .unknown(reason: reasons)
    }

    static func describe(_ role: Role) -> String { Vocabulary.label(role) }
}

/// What was read from `/etc/machine-info` for the environment (HostGuardSystem reads it; the
/// resolver weighs it).
public enum MachineInfoReading: Equatable, Sendable {
    /// Not looked at (the prompt, where config already decided).
    case notRead
    /// Looked at; nothing to say (no file, no DEPLOYMENT=, or unreadable: `why`).
    case absent(path: String, why: String)
    case deployment(path: String, value: String)
}
