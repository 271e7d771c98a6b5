import Testing
@testable import HostGuardCore

/// The probe merge as a table: what was read live, what the state file says, the mode → the
/// results and the notices.
@Suite("probe merge")
struct ProbeMergeTests {
    static let command = ProbeSpec(kind: "command", settings: [("command", .array([.string("/usr/bin/patronictl"), .string("list")]))],
                                   file: "/etc/hostguard/hostguard.toml", key: "probe[1]")
    static let postgres = ProbeSpec(kind: "postgresql", settings: [("data_dir", .string("/var/lib/postgresql/15/main"))],
                                    file: "/etc/hostguard/hostguard.toml", key: "probe[2]")
    static let broken = ProbeSpec(kind: "command", settings: [("command", .string("rm -rf /"))],
                                  file: "/etc/hostguard/hostguard.toml", key: "probe[3]")

    static let standby = ProbeResult(kind: "command", subject: "/usr/bin/patronictl list", role: Role(.standby))
    static let primary = ProbeResult(kind: "postgresql", subject: "/var/lib/postgresql/15/main", role: Role(.primary, service: "postgresql", running: true))
    static let denied = LiveProbeAnswer(results: [ProbeResult(kind: "postgresql", subject: "/var/lib/postgresql/15/main", role: nil,
                                                              reason: "cannot read pg_control: permission denied")], needsPrivilege: true)
    static func state(written: Int64 = 1000, _ entries: [(ProbeSpec, [ProbeResult])]) -> RoleStateFile {
        RoleStateFile(written: written, probes: entries.map { (fingerprint: $0.0.fingerprint, results: $0.1) })
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var comment: String
        var probes: [ProbeMerge.Gathered]
        var mode: ProbeMode
        var state: RoleStateFile?
        var now: Int64 = 1030
        /// Expected role kinds in order (nil: unknown).
        var roles: [Role.Kind?]
        var notices: [String]
        /// A phrase the first result's facts or reason must hold.
        var says: String? = nil
        var testDescription: String { comment }
    }

    static let rows: [Row] = [
        Row(comment: "a live answer counts as it is", probes: [.init(spec: postgres, answer: LiveProbeAnswer(results: [primary]))],
            mode: .fresh, state: nil, roles: [.primary], notices: []),
        Row(comment: "a command on the prompt takes the saved answer with its age",
            probes: [.init(spec: command, answer: nil)], mode: .prompt, state: state([(command, [standby])]),
            roles: [.standby], notices: [], says: "written 30s ago"),
        Row(comment: "an old saved answer shows its age once", probes: [.init(spec: command, answer: nil)], mode: .prompt,
            state: state([(command, [standby])]), now: 1600, roles: [.standby], notices: ["role state 10m old"]),
        Row(comment: "no live answer and no state: unknown, and the timer notice once",
            probes: [.init(spec: command, answer: nil), .init(spec: command, answer: nil)], mode: .prompt, state: nil,
            roles: [nil, nil], notices: ["no role state: enable hostguard-refresh.timer"], says: "no state file at /run/hostguard/role.state"),
        Row(comment: "not allowed to read, root's refresh knows: the saved answer",
            probes: [.init(spec: postgres, answer: denied)], mode: .fresh, state: state([(postgres, [primary])]),
            roles: [.primary], notices: [], says: "written 30s ago"),
        Row(comment: "not allowed to read and no state: the live unknown, with how to fix it",
            probes: [.init(spec: postgres, answer: denied)], mode: .prompt, state: nil,
            roles: [nil], notices: ["no role state: enable hostguard-refresh.timer"], says: "run hostguard status --refresh as root"),
        Row(comment: "the refresh never reads the state it writes", probes: [.init(spec: postgres, answer: denied)],
            mode: .refresh, state: state([(postgres, [primary])]), roles: [nil], notices: []),
        Row(comment: "an edited probe (new fingerprint) does not take the old answer",
            probes: [.init(spec: command, answer: nil)], mode: .prompt, state: state([(postgres, [standby])]),
            roles: [nil], notices: ["no role state: enable hostguard-refresh.timer"]),
        Row(comment: "invalid settings say so, naming file and key", probes: [.init(spec: broken, answer: nil)], mode: .fresh,
            state: nil, roles: [nil], notices: [], says: "invalid settings: /etc/hostguard/hostguard.toml: probe[3].command"),
        Row(comment: "several clusters, some unknown: a notice",
            probes: [.init(spec: postgres, answer: LiveProbeAnswer(results: [primary, denied.results[0]]))], mode: .fresh, state: nil,
            roles: [.primary, nil], notices: ["1 of 2 postgresql unknown"]),
    ]

    @Test("merge", arguments: rows)
    func merge(row: Row) {
        let run = ProbeMerge.merge(row.probes, mode: row.mode, state: row.state, statePath: "/run/hostguard/role.state",
                                   now: row.now, staleAfter: 120)
        #expect(run.results.map { $0.role?.kind } == row.roles)
        #expect(run.notices.map(\.text) == row.notices)
        if let says = row.says, let first = run.results.first {
            #expect((first.facts + [first.reason ?? ""]).contains { $0.contains(says) }, "\(first)")
        }
    }

    @Test("what runs live, and when the state file is needed")
    func plan() throws {
        let commandConfig = try Self.command.configuration.get()
        let postgresConfig = try Self.postgres.configuration.get()
        #expect(!ProbeMerge.runsLive(commandConfig, mode: .prompt))
        #expect(ProbeMerge.runsLive(commandConfig, mode: .fresh))
        #expect(ProbeMerge.runsLive(postgresConfig, mode: .prompt))
        #expect(!ProbeMerge.discoversByProcessScan(mode: .prompt))
        #expect(ProbeMerge.needsSavedState(nil, mode: .prompt))
        #expect(!ProbeMerge.needsSavedState(LiveProbeAnswer(results: [Self.primary]), mode: .prompt))
        #expect(ProbeMerge.needsSavedState(Self.denied, mode: .fresh))
        #expect(!ProbeMerge.needsSavedState(Self.denied, mode: .refresh))
    }

    @Test("a probe's settings are decoded once, with the config")
    func decodedOnce() {
        let config = ConfigDecoder.decode([ConfigDocument(path: "/etc/hostguard/hostguard.toml", authority: .system, root: .table([
            ("probe", .array([.table([("kind", .string("postgresql")), ("data_dir", .string("relative"))])])),
        ]))])
        guard case .failure(let error) = config.probes.first?.configuration else {
            Issue.record("\(String(describing: config.probes.first?.configuration))")
            return
        }
        #expect(error.key == "probe[1].data_dir")
        #expect(config.diagnostics.filter { $0.severity == .error }.count == 1)
    }
}

@Suite("probe readings: each kind's answer from what was read")
struct ProbeReadingTests {
    static func address(held: String = "primary", absent: String? = "standby", interface: String? = nil) -> ProbeConfiguration.AddressSettings {
        guard case .address(var settings)? = try? ProbeSpec(kind: "address", settings: [("address", .string("10.0.0.50"))],
                                                          file: "f", key: "probe[1]").configuration.get() else { fatalError() }
        settings.heldRole = held
        settings.absentRole = absent
        settings.interface = interface
        return settings
    }

    @Test("address: held → held_role, not held → absent_role or no answer", arguments: [
        ([ProbeReading.AddressHolders(address: "10.0.0.50", interfaces: ["eth0"])], "standby" as String?, Role.Kind?.some(.primary), "held on eth0"),
        ([.init(address: "10.0.0.50", interfaces: [])], "standby", .standby, "not on any interface"),
        ([.init(address: "10.0.0.50", interfaces: [])], nil, nil, "address not held by this host"),
        ([.init(address: "10.0.0.50", interfaces: [])] + [.init(address: "bogus", interfaces: nil)], "standby", nil, "is not an IP address"),
    ] as [([ProbeReading.AddressHolders], String?, Role.Kind?, String)])
    func address(holders: [ProbeReading.AddressHolders], absent: String?, expected: Role.Kind?, says: String) {
        let result = ProbeReading.address(Self.address(absent: absent), holders: holders, listError: nil).results[0]
        #expect(result.role?.kind == expected)
        #expect((result.facts + [result.reason ?? ""]).contains { $0.contains(says) }, "\(result)")
    }

    static let commandSettings: ProbeConfiguration.CommandSettings = {
        guard case .command(let settings)? = try? ProbeSpec(kind: "command", settings: [("command", .array([.string("/bin/x")]))],
                                                          file: "f", key: "probe[1]").configuration.get() else { fatalError() }
        return settings
    }()

    @Test("command: only exit 0 with a role word answers", arguments: [
        (ProbeReading.CommandEnding.exited(0), "Leader since 10:00\n", "", Role.Kind?.some(.primary), "exit 0, output \"Leader since 10:00\""),
        (.exited(0), "error\n", "", nil, "does not start with a role word"),
        (.exited(2), "primary\n", "boom\nmore", nil, "exited with status 2: boom"),
        (.signaled(9), "", "", nil, "killed by signal 9"),
        (.timedOut, "", "", nil, "timed out after 2000 ms"),
        (.couldNotStart("No such file"), "", "", nil, "cannot run: No such file"),
    ] as [(ProbeReading.CommandEnding, String, String, Role.Kind?, String)])
    func command(ending: ProbeReading.CommandEnding, output: String, errors: String, expected: Role.Kind?, says: String) {
        let result = ProbeReading.command(Self.commandSettings, ending: ending, output: Array(output.utf8), errors: Array(errors.utf8)).results[0]
        #expect(result.role?.kind == expected)
        #expect((result.facts + [result.reason ?? ""]).contains { $0.contains(says) }, "\(result)")
    }

    @Test("file: its role while fresh; permission denied asks for the state file")
    func file() {
        let settings = ProbeConfiguration.FileSettings(path: "/etc/role", maxAgeSeconds: 60, mapping: RoleWordMapping())
        #expect(ProbeReading.file(settings, text: "standby\n", readError: nil, privilegeDenied: false, ageSeconds: 5).results[0].role?.kind == .standby)
        let stale = ProbeReading.file(settings, text: "standby\n", readError: nil, privilegeDenied: false, ageSeconds: 3600)
        #expect(stale.results[0].reason?.contains("older than max_age_seconds = 60") == true)
        let denied = ProbeReading.file(settings, text: nil, readError: "Permission denied", privilegeDenied: true, ageSeconds: 0)
        #expect(denied.needsPrivilege)
        #expect(denied.results[0].role == nil)
    }

    @Test("postgresql: most important first; privilege needed only when nothing answered")
    func postgres() {
        let primary = PostgresClusterState(dataDirectory: "/a", kind: .primary, running: true)
        let standby = PostgresClusterState(dataDirectory: "/b", kind: .standby, running: true)
        var denied = PostgresClusterState(dataDirectory: "/c", kind: nil, unknownReason: "permission denied", running: nil)
        denied.needsPrivilege = true
        let answer = ProbeReading.postgres([denied, standby, primary])
        #expect(answer.results.map(\.subject) == ["/a", "/b", "/c"])
        #expect(!answer.needsPrivilege)
        #expect(ProbeReading.postgres([denied]).needsPrivilege)
        #expect(ProbeReading.postgres([]).results[0].reason?.contains("no PostgreSQL data directory found") == true)
    }

    @Test("the state file is believed from root or the reader, never when others may write it", arguments: [
        (UInt32(0), UInt32(0o644), UInt32(1000), true),
        (1000, 0o600, 1000, true),
        (1001, 0o644, 1000, false),
        (0, 0o666, 1000, false),
        (0, 0o664, 0, false),
    ] as [(UInt32, UInt32, UInt32, Bool)])
    func believed(owner: UInt32, permissions: UInt32, reader: UInt32, expected: Bool) {
        #expect(RoleStateFile.believed(owner: owner, permissions: permissions, reader: reader) == expected)
    }
}
