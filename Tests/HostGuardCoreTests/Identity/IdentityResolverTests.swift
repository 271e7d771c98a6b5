import Testing
@testable import HostGuardCore

@Suite("identity resolution")
struct IdentityResolverTests {
    let host = HostName(nodeName: "db1", fqdn: "db1.example.com")

    func config(_ entries: [(key: String, value: ConfigValue)]) -> HostGuardConfig {
        ConfigDecoder.decode([systemDocument(entries)])
    }

    let fleet: [(key: String, value: ConfigValue)] = [
        ("inventory", .array([
            .table([("hosts", .string("web*")), ("environment", .string("staging"))]),
            .table([("hosts", .string("db*.example.com")), ("environment", .string("production")), ("cluster", .string("main-db")), ("role", .string("standby"))]),
            .table([("hosts", .string("*")), ("environment", .string("development"))]),
        ])),
    ]

    @Test("the first matching inventory rule wins, matched on the FQDN")
    func inventoryFirstMatch() {
        let identity = IdentityResolver.resolve(host: host, config: config(fleet))
        #expect(identity.environment == "production")
        #expect(identity.cluster == "main-db")
        #expect(identity.evidence.contains { $0.source == "inventory" && $0.detail.contains(#"inventory[2] hosts "db*.example.com" matched "db1.example.com""#) })
    }

    @Test("[host] beats the inventory, and the inventory's value is kept as overridden evidence")
    func hostBeatsInventory() {
        let identity = IdentityResolver.resolve(host: host, config: config(fleet + [("host", .table([("environment", .string("dr"))]))]))
        #expect(identity.environment == "dr")
        #expect(identity.environmentClass == .other)
        #expect(identity.evidence.contains { $0.field == .environment && $0.outcome == .overridden })
    }

    @Test("a live probe's answer beats every static label")
    func probeBeatsLabel() {
        let probe = ProbeResult(kind: "postgresql", subject: "/var/lib/postgresql/15/main",
                                role: Role(.primary, service: "postgresql", running: true), facts: ["pg_control: in production"])
        let identity = IdentityResolver.resolve(host: host, config: config(fleet), probes: [probe])
        #expect(identity.role == .known(Role(.primary, service: "postgresql", running: true)))
        #expect(identity.evidence.contains { $0.field == .role && $0.source == "static" && $0.outcome == .overridden })
    }

    @Test("a configured probe that cannot answer makes the role unknown: the static label is not believed")
    func probeWithoutAnswerIsUnknown() {
        let probe = ProbeResult(kind: "postgresql", subject: "/data", role: nil, reason: "pg_control: permission denied")
        let identity = IdentityResolver.resolve(host: host, config: config(fleet), probes: [probe])
        #expect(identity.role == .unknown(reason: "postgresql: pg_control: permission denied"))
        #expect(identity.evidence.contains { $0.source == "probe:postgresql" && $0.outcome == .tried && $0.detail.contains("permission denied") })
        #expect(identity.evidence.contains { $0.source == "static" && $0.outcome == .tried && $0.detail.contains("not used") })
    }

    @Test("with no probe configured, the static label is the role")
    func staticLabelWithoutProbe() {
        let identity = IdentityResolver.resolve(host: host, config: config(fleet))
        #expect(identity.role == .known(Role(.standby)))
    }

    @Test("a configured probe with no answer and no label is unknown, never guessed from the name")
    func unknownRole() {
        let probe = ProbeResult(kind: "postgresql", subject: "/data", role: nil, reason: "no cluster found")
        let identity = IdentityResolver.resolve(host: HostName(nodeName: "db1-primary"), config: config([]), probes: [probe])
        #expect(identity.role == .unknown(reason: "postgresql: no cluster found"))
        #expect(identity.environment == nil)
        #expect(identity.environmentClass == .unknown)
    }

    @Test("no probe and no label: role not applicable, nothing to show")
    func noRole() {
        let identity = IdentityResolver.resolve(host: HostName(nodeName: "web1"), config: config(fleet))
        #expect(identity.role == .notApplicable)
        #expect(identity.environment == "staging")
    }

    @Test("any error in the system config makes the host unknown (fail safe)")
    func brokenConfigIsUnknown() {
        var broken = config(fleet + [("host", .table([("environment", .string("development"))]))])
        broken.diagnostics.append(ConfigDiagnostic(.error, file: "/etc/hostguard/conf.d/x.toml", "TOML syntax error at line 1, column 3: bad"))
        let identity = IdentityResolver.resolve(host: host, config: broken)
        #expect(identity.environment == nil)
        #expect(identity.role == .unknown(reason: "system config has errors"))
        #expect(identity.evidence.contains { $0.detail.contains("TOML syntax error") })
    }
}
