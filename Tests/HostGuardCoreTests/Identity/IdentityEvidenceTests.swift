import Testing
@testable import HostGuardCore

@Suite("machine-info, status fields, timings")
struct IdentityEvidenceTests {
    @Test("DEPLOYMENT= as machine-info(5) writes it", arguments: [
        ("DEPLOYMENT=production\n", "production"),
        ("PRETTY_HOSTNAME=\"DB 1\"\nDEPLOYMENT=\"staging\"\n", "staging"),
        ("DEPLOYMENT='development'\n", "development"),
        ("  DEPLOYMENT = prod-eu  \n", "prod-eu"),
        ("# DEPLOYMENT=production\nCHASSIS=vm\n", nil),
        ("DEPLOYMENT=\n", nil),
        ("DEPLOYMENT=a\nDEPLOYMENT=b\n", "b"),
        ("DEPLOYMENT=\"say \\\"hi\\\"\"\n", "say \"hi\""),
        ("", nil),
    ] as [(String, String?)])
    func machineInfo(text: String, expected: String?) {
        #expect(MachineInfo.deployment(in: text[...]) == expected)
    }

    static let host = HostName(nodeName: "db1", fqdn: "db1.example.com")
    static func config(_ entries: [(key: String, value: ConfigValue)]) -> HostGuardConfig {
        ConfigDecoder.decode([ConfigDocument(path: "/etc/hostguard/hostguard.toml", authority: .system, root: .table(entries))])
    }

    @Test("machine-info is below config and inventory, and shows in the evidence either way")
    func machineInfoPrecedence() {
        let deployment = MachineInfoReading.deployment(path: "/etc/machine-info", value: "production")
        let alone = IdentityResolver.resolve(host: Self.host, config: Self.config([]), machineInfo: deployment)
        #expect(alone.environment == "production")
        #expect(alone.evidence.contains { $0.source == "machine-info" && $0.outcome == .decided && $0.detail.contains("DEPLOYMENT=production") })

        let inventory = Self.config([("inventory", .array([.table([("hosts", .string("db*")), ("environment", .string("staging"))])]))])
        let below = IdentityResolver.resolve(host: Self.host, config: inventory, machineInfo: deployment)
        #expect(below.environment == "staging")
        #expect(below.evidence.contains { $0.source == "machine-info" && $0.outcome == .overridden })
        #expect(!IdentityResolver.needsMachineInfo(host: Self.host, config: inventory))
        #expect(IdentityResolver.needsMachineInfo(host: Self.host, config: Self.config([])))

        let absent = IdentityResolver.resolve(host: Self.host, config: Self.config([]), machineInfo: .absent(path: "/etc/machine-info", why: "absent"))
        #expect(absent.environment == nil)
        #expect(absent.evidence.contains { $0.source == "machine-info" && $0.outcome == .tried })
        let text = IdentityReport.text(alone, explain: true)
        #expect(text.contains("machine-info"))
    }

    static func identity(environment: EnvironmentName? = "production", role: RoleReading = .notApplicable, cluster: String? = nil) -> HostIdentity {
        HostIdentity(hostName: host, environment: environment, role: role, cluster: cluster, evidence: [])
    }
    static let quiet = MaintenanceState.decide(record: nil, ignored: nil, switches: [], now: 0)

    @Test("--field: one bare line, known or not", arguments: [
        // (field, identity, config broken, expected line, known)
        (StatusField.environment, identity(), false, "production", true),
        (.environment, identity(environment: " Prod-EU "), false, "Prod-EU", true),
        (.environment, identity(environment: nil), false, "unknown", false),
        (.environment, identity(), true, "unknown", false),
        (.role, identity(role: .known(Role(.primary, service: "postgresql", running: true))), false, "primary", true),
        (.role, identity(role: .known(Role(.standby))), false, "standby", true),
        (.role, identity(role: .known(Role(.other("witness")))), false, "witness", true),
        (.role, identity(role: .notApplicable), false, "none", true),
        (.role, identity(role: .unknown(reason: "x")), false, "unknown", false),
        (.role, identity(role: .known(Role(.standby))), true, "unknown", false),
        (.cluster, identity(cluster: "db"), false, "db", true),
        (.cluster, identity(cluster: "a\nb"), false, "a\\x0ab", true),
        (.cluster, identity(cluster: nil), false, "none", true),
        (.cluster, identity(cluster: "db"), true, "unknown", false),
        (.maint, identity(), false, "off", true),
    ] as [(StatusField, HostIdentity, Bool, String, Bool)])
    func field(field: StatusField, identity: HostIdentity, broken: Bool, text: String, known: Bool) {
        let line = StatusField.line(field, identity: identity, configBroken: broken, maintenance: Self.quiet)
        #expect(line.text == text)
        #expect(line.known == known)
    }

    @Test("timings report: milliseconds to the microsecond, nested steps indented, names escaped")
    func timings() {
        let timings = StepTimings(steps: [
            .init(name: "prompt: load identity", nanoseconds: 1_234_567, depth: 0),
            .init(name: "probe 1 (command: /bin/x\u{1b}[31m)", nanoseconds: 40_000, depth: 1),
        ])
        #expect(timings.report(title: "prompt:") == """
            prompt:
                 1.235 ms  prompt: load identity
                 0.040 ms    probe 1 (command: /bin/x\\x1b[31m)

            """)
    }
}
