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
