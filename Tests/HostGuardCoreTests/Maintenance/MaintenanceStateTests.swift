import Testing
@testable import HostGuardCore

@Suite("maintenance flag and host switches")
struct MaintenanceStateTests {
    static let since: Int64 = 1_764_860_000
    static let record = MaintenanceRecord(reason: "kernel upgrade", by: "alice", since: since, until: since + 3600)

    struct ExpiryCase: Sendable, CustomTestStringConvertible {
        var name: String
        var until: Int64?
        var now: Int64
        var active: Bool
        var testDescription: String { name }
    }

    @Test("in force until `until` (exclusive); open-ended until maint off", arguments: [
        ExpiryCase(name: "just switched on", until: since + 3600, now: since, active: true),
        ExpiryCase(name: "one second before the end", until: since + 3600, now: since + 3599, active: true),
        ExpiryCase(name: "at the end: expired", until: since + 3600, now: since + 3600, active: false),
        ExpiryCase(name: "long after", until: since + 3600, now: since + 86_400, active: false),
        ExpiryCase(name: "no --for: never expires", until: nil, now: since + 86_400 * 365, active: true),
    ])
    func expiry(_ row: ExpiryCase) {
        let record = MaintenanceRecord(reason: "r", by: "b", since: Self.since, until: row.until)
        let state = MaintenanceState.decide(record: record, switches: [], now: row.now)
        #expect((state.active != nil) == row.active)
        #expect((state.expired != nil) == !row.active)
        #expect(state.isQuiet == !row.active)
    }

    struct TextCase: Sendable, CustomTestStringConvertible {
        var name: String
        var record: MaintenanceRecord?
        var switches: [HostSwitch]
        var now: Int64
        var prompt: [String]
        var banner: String?
        var testDescription: String { name }
    }

    @Test("what the prompt and the banner say", arguments: [
        TextCase(name: "nothing", record: nil, switches: [], now: since, prompt: [], banner: nil),
        TextCase(name: "40 minutes left", record: record, switches: [], now: since + 1200,
                 prompt: ["MAINT: kernel upgrade (40m left, by alice)"],
                 banner: "MAINTENANCE: kernel upgrade (by alice, 40m left)"),
        TextCase(name: "open-ended", record: MaintenanceRecord(reason: "re-seed db2", by: "bob", since: since, until: nil), switches: [], now: since,
                 prompt: ["MAINT: re-seed db2 (by bob)"], banner: "MAINTENANCE: re-seed db2 (by bob)"),
        TextCase(name: "expired: shown nowhere", record: record, switches: [], now: since + 7200, prompt: [], banner: nil),
        TextCase(name: "both nologin files: one word", record: nil,
                 switches: [HostSwitch(kind: .nologin, path: "/run/nologin"), HostSwitch(kind: .nologin, path: "/etc/nologin")], now: since,
                 prompt: ["nologin"], banner: "logins disabled (/run/nologin); logins disabled (/etc/nologin)"),
        TextCase(name: "reboot required with packages", record: record,
                 switches: [HostSwitch(kind: .rebootRequired, path: "/run/reboot-required", detail: "linux-image-6.1")], now: since,
                 prompt: ["MAINT: kernel upgrade (1h left, by alice)", "reboot required"],
                 banner: "MAINTENANCE: kernel upgrade (by alice, 1h left); reboot required by linux-image-6.1"),
        TextCase(name: "hostile reason and name are inert (escape, bell, newline)",
                 record: MaintenanceRecord(reason: "x\u{1B}]0;pwned\u{07}\ny", by: "e\u{1B}[31mve", since: since, until: nil), switches: [], now: since,
                 prompt: ["MAINT: x]0;pwnedy (by e[31mve)"], banner: "MAINTENANCE: x]0;pwnedy (by e[31mve)"),
    ])
    func texts(_ row: TextCase) {
        let state = MaintenanceState.decide(record: row.record, switches: row.switches, now: row.now)
        #expect(state.promptTexts == row.prompt)
        #expect(state.bannerLine == row.banner)
    }

    @Test("a long reason is cut in the prompt, whole in maint status")
    func longReason() {
        let reason = String(repeating: "a", count: 100)
        let state = MaintenanceState.decide(record: MaintenanceRecord(reason: reason, by: "b", since: 0, until: nil), switches: [], now: 0)
        #expect(state.promptTexts == ["MAINT: " + String(repeating: "a", count: 47) + "… (by b)"])
        #expect(MaintenanceReport.text(state, path: "/p").contains(reason))
    }

    @Test("time left", arguments: [
        (Int64(-5), "0s"), (0, "0s"), (45, "45s"), (119, "119s"), (120, "2m"), (121, "3m"), (2400, "40m"),
        (3599, "1h"), (3600, "1h"), (3900, "1h05m"), (5400, "1h30m"), (86_400 * 3, "3d"),
    ] as [(Int64, String)])
    func remaining(_ seconds: Int64, _ expected: String) {
        #expect(MaintenanceState.remaining(seconds) == expected)
    }

    @Test("--for durations", arguments: [
        ("40m", Int64?(2400)), ("90s", 90), ("2h", 7200), ("1h30m", 5400), ("1d", 86_400), ("1w", 604_800),
        ("30", nil), ("", nil), ("0m", nil), ("m", nil), ("5x", nil), ("-5m", nil), ("1.5h", nil), ("99999999999h", nil),
    ] as [(String, Int64?)])
    func durations(_ text: String, _ expected: Int64?) {
        #expect(MaintenanceState.parseDuration(text) == expected)
    }

    @Test("state file round trip; anything incomplete or foreign is not believed")
    func recordFile() {
        let record = MaintenanceRecord(reason: "tabs\tand\nnewlines \\ too", by: "alice", since: 10, until: 20)
        #expect(MaintenanceRecord.decode(record.encoded()[...]) == record)
        let open = MaintenanceRecord(reason: "r", by: "b", since: 10, until: nil)
        #expect(MaintenanceRecord.decode(open.encoded()[...]) == open)
        for text in [
            "", "hostguard-maintenance\t2\nreason\tr\nby\tb\nsince\t1\n",
            "hostguard-maintenance\t1\nreason\tr\nby\tb\n",
            "hostguard-maintenance\t1\nreason\tr\nby\tb\nsince\tx\n",
            "hostguard-maintenance\t1\nreason\tr\nby\tb\nsince\t10\nuntil\t5\n",
            "hostguard-maintenance\t1\nreason\tr\nby\tb\nsince\t1\nextra\tx\n",
            "hostguard-role-state\t1\nwritten\t1\n",
        ] {
            #expect(MaintenanceRecord.decode(text[...]) == nil, "\(text)")
        }
    }

    @Test("status --json: maintenance object and host switches")
    func json() {
        let state = MaintenanceState.decide(record: Self.record, switches: [HostSwitch(kind: .nologin, path: "/run/nologin", detail: "bye")], now: Self.since)
        #expect(MaintenanceReport.json(state).serialized() ==
            #"{"reason":"kernel upgrade","by":"alice","since":"2025-12-04T14:53:20Z","until":"2025-12-04T15:53:20Z"}"#)
        #expect(MaintenanceReport.switchesJSON(state).serialized() == #"[{"kind":"nologin","path":"\/run\/nologin","detail":"bye"}]"#
            || MaintenanceReport.switchesJSON(state).serialized() == #"[{"kind":"nologin","path":"/run/nologin","detail":"bye"}]"#)
        #expect(MaintenanceReport.json(MaintenanceState.decide(record: nil, switches: [], now: 0)) == .null)
        #expect(MaintenanceReport.field(MaintenanceState.decide(record: nil, switches: [], now: 0)) == nil)
    }

    @Test("prompt segment: amber, after the host, escaped for the shell")
    func segment() {
        let identity = HostIdentity(hostName: HostName(nodeName: "db1"), environment: "production", role: .notApplicable, cluster: nil, evidence: [])
        let state = MaintenanceState.decide(record: MaintenanceRecord(reason: "$(touch x) `y`", by: "alice", since: 0, until: nil), switches: [], now: 0)
        let plain = PromptRenderer.render(PromptContext(identity: identity, settings: PromptSettings(), depth: .none, maintenance: state), dialect: .plain)
        #expect(plain == "[PRODUCTION] db1 [MAINT: $(touch x) `y` (by alice)] ")
        let bash = PromptRenderer.render(PromptContext(identity: identity, settings: PromptSettings(), depth: .basic, maintenance: state), dialect: .bash)
        // The reason goes through the dialect's own escaper (tested row by row in PromptEscaperTests).
        let escaped = ShellDialect.bash.escaper.text(" MAINT: $(touch x) `y` (by alice) ")
        #expect(!escaped.contains(" $(touch"))
        #expect(bash.contains("\u{01}\u{1B}[1;30;43m\u{02}" + escaped + "\u{01}\u{1B}[0m\u{02} "), "\(bash)")
    }
}
