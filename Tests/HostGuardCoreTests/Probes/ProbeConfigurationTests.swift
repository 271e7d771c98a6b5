import Testing
@testable import HostGuardCore

private func decodeProbe(_ entries: [(key: String, value: ConfigValue)]) -> HostGuardConfig {
    ConfigDecoder.decode([systemDocument([("probe", .array([.table(entries)]))])])
}

@Suite("probe settings")
struct ProbeConfigurationTests {
    @Test("valid probes of every kind decode with no diagnostics", arguments: [
        [("kind", ConfigValue.string("postgresql"))],
        [("kind", .string("postgresql")), ("data_dir", .string("/var/lib/postgresql/15/main"))],
        [("kind", .string("address")), ("address", .string("10.0.0.50")), ("interface", .string("eth0"))],
        [("kind", .string("address")), ("address", .array([.string("10.0.0.50"), .string("fd00::50")])), ("absent_role", .string("none"))],
        [("kind", .string("command")), ("command", .array([.string("/usr/bin/patronictl"), .string("list")])),
         ("timeout_ms", .integer(500)), ("primary_output", .string("leader")), ("standby_output", .array([.string("replica")]))],
        [("kind", .string("file")), ("path", .string("/etc/role")), ("max_age_seconds", .integer(300))],
    ] as [[(key: String, value: ConfigValue)]])
    func valid(entries: [(key: String, value: ConfigValue)]) throws {
        let config = decodeProbe(entries)
        #expect(config.diagnostics.isEmpty, "\(config.diagnostics)")
        let spec = try #require(config.probes.first)
        #expect(throws: Never.self) { try spec.configuration.get() }
    }

    @Test("bad settings are errors naming the file and key", arguments: [
        // (settings, key in the message, words in the message)
        ([("kind", ConfigValue.string("postgres"))], "probe[1].kind", "unknown probe kind"),
        ([("kind", .string("postgresql")), ("data_dir", .string("pgdata"))], "probe[1].data_dir", "absolute path"),
        ([("kind", .string("postgresql")), ("data_dir", .integer(5))], "probe[1].data_dir", "expected a string"),
        ([("kind", .string("address"))], "probe[1].address", "missing"),
        ([("kind", .string("address")), ("address", .string("db-vip.example.com"))], "probe[1].address", "not an IPv4 or IPv6"),
        ([("kind", .string("address")), ("address", .string("10.0.0.5/24"))], "probe[1].address", "not an IPv4 or IPv6"),
        ([("kind", .string("command")), ("command", .string("patronictl list"))], "probe[1].command", "list of strings"),
        ([("kind", .string("command")), ("command", .array([]))], "probe[1].command", "list of strings"),
        ([("kind", .string("command")), ("command", .array([.string("/bin/true")])), ("timeout_ms", .integer(0))], "probe[1].timeout_ms", "1 to 60000"),
        ([("kind", .string("file")), ("path", .string("role.txt"))], "probe[1].path", "absolute path"),
        ([("kind", .string("file")), ("path", .string("/etc/role")), ("max_age_seconds", .integer(-1))], "probe[1].max_age_seconds", "positive"),
    ] as [([(key: String, value: ConfigValue)], String, String)])
    func invalid(entries: [(key: String, value: ConfigValue)], key: String, words: String) {
        let config = decodeProbe(entries)
        let error = config.diagnostics.first { $0.severity == .error }
        #expect(error?.file == "/etc/hostguard/hostguard.toml")
        #expect(error?.key == key, "\(config.diagnostics)")
        #expect(error?.message.contains(words) == true, "\(config.diagnostics)")
        #expect(config.systemConfigIsBroken)
    }

    @Test("an unknown key in a probe is a warning, not silence")
    func unknownKey() {
        let config = decodeProbe([("kind", .string("postgresql")), ("datadir", .string("/x"))])
        #expect(config.diagnostics.map(\.key) == ["probe[1].datadir"])
        #expect(config.diagnostics.first?.severity == .warning)
    }

    @Test("output to role: first word of the first non-empty line", arguments: [
        // (primary words, standby words, output, expected role or nil)
        ([String](), [String](), "primary\n", Role.Kind?.some(.primary)),
        ([], [], "\n  Leader  (since 10:00)\n", .primary),
        ([], [], "replica\n", .standby),
        ([], [], "error: connection refused\n", nil),
        ([], [], "", nil),
        (["running"], ["streaming"], "streaming from db1\n", .standby),
        (["running"], ["streaming"], "RUNNING\n", .primary),
        (["running"], ["streaming"], "primary\n", nil),
    ] as [([String], [String], String, Role.Kind?)])
    func mapping(primary: [String], standby: [String], output: String, expected: Role.Kind?) {
        let answer = RoleWordMapping(primaryWords: primary, standbyWords: standby).role(from: output)
        switch (answer, expected) {
        case (.known(let role), let expected?): #expect(role.kind == expected)
        case (.unknown(let why), nil): #expect(!why.isEmpty)
        default: Issue.record("\(answer) for \(output.debugDescription)")
        }
    }

    @Test("fingerprint changes with any setting")
    func fingerprint() {
        let a = ProbeSpec(kind: "postgresql", settings: [("data_dir", .string("/a"))], file: "f", key: "probe[1]")
        let b = ProbeSpec(kind: "postgresql", settings: [("data_dir", .string("/b"))], file: "f", key: "probe[1]")
        let c = ProbeSpec(kind: "postgresql", settings: [("data_dir", .string("/a"))], file: "g", key: "probe[3]")
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.fingerprint == c.fingerprint)
    }
}

@Suite("role state file")
struct RoleStateFileTests {
    @Test("round-trips results with tabs, newlines and backslashes in them")
    func roundTrip() {
        let file = RoleStateFile(written: 1_763_750_000, probes: [
            (fingerprint: "postgresql|data_dir=\"/a\tb\"", results: [
                ProbeResult(kind: "postgresql", subject: "/a\tb", role: Role(.primary, service: "postgresql", running: true),
                            facts: ["pg_control: in production", "line\nbreak \\ slash"]),
                ProbeResult(kind: "postgresql", subject: "/c", role: nil, reason: "cannot read pg_control: permission denied"),
            ]),
            (fingerprint: "command|command=[\"x\"]", results: [
                ProbeResult(kind: "command", subject: "x", role: Role(.standby), facts: []),
            ]),
        ])
        #expect(RoleStateFile.decode(file.encoded()[...]) == file)
    }

    @Test("anything incomplete or of another version is ignored, never half-trusted", arguments: [
        "", "hostguard-role-state\t2\nwritten\t1\n", "hostguard-role-state\t1\n", "hostguard-role-state\t1\nwritten\tsoon\n",
        "hostguard-role-state\t1\nwritten\t1\nresult\tpostgresql\t/a\tprimary\t\t\t\n",
        "hostguard-role-state\t1\nwritten\t1\nprobe\tx\nresult\tshort\n",
        "hostguard-role-state\t1\nwritten\t1\nprobe\tx\nbogus\n",
    ])
    func rejects(text: String) {
        #expect(RoleStateFile.decode(text[...]) == nil)
    }

    @Test("ages read like a person would say them")
    func ages() {
        #expect(RoleStateFile.describeAge(seconds: 5) == "5s")
        #expect(RoleStateFile.describeAge(seconds: 600) == "10m")
        #expect(RoleStateFile.describeAge(seconds: 3 * 3600) == "3h")
        #expect(RoleStateFile.describeAge(seconds: 3 * 86400) == "3d")
    }
}
