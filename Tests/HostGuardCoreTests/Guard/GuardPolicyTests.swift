import Testing
@testable import HostGuardCore

@Suite struct GuardPolicyTests {
    static func identity(_ environment: String?, _ role: RoleReading = .notApplicable) -> HostIdentity {
        HostIdentity(hostName: HostName(nodeName: "db1"), environment: environment.map { EnvironmentName($0) }, role: role, cluster: nil, evidence: [])
    }

    static let dev = identity("development")
    static let prod = identity("production")
    static let unknownEnv = identity(nil)
    static let primary = identity("development", .known(Role(.primary)))

    static func target(_ path: String, recursive: Bool = true, directory: Bool = true, exists: Bool = true,
                       harm: Harm = .delete, link: Bool = false, onlyIfExists: Bool = false,
                       edit: (inout TargetFacts) -> Void = { _ in }) -> TargetFacts {
        let operand = PathOperand(path, at: nil, harm: harm, recursive: recursive, onlyIfExists: onlyIfExists)
        let resolved = ResolvedPath(spelled: RawPath(path), real: RawPath(path), exists: exists,
                                    isSymlinkItself: link, followed: [], problem: nil)
        var facts = TargetFacts(operand: operand, resolved: resolved)
        facts.isDirectory = directory
        edit(&facts)
        return facts
    }

    static let pgPrimaryRunning = LiveDataFact(kind: "postgresql", directory: "/var/lib/postgresql/15/main", running: true, role: .primary, evidence: "test")
    static let pgStandbyRunning = LiveDataFact(kind: "postgresql", directory: "/var/lib/postgresql/15/main", running: true, role: .standby, evidence: "test")
    static let pgPrimaryStopped = LiveDataFact(kind: "postgresql", directory: "/var/lib/postgresql/15/main", running: false, role: .primary, evidence: "test")
    static let pgStandbyStopped = LiveDataFact(kind: "postgresql", directory: "/var/lib/postgresql/15/main", running: false, role: .standby, evidence: "test")
    static let nfs = MountFact(mountPoint: "/srv/pages", filesystemType: "nfs4", source: "nfs1:/pages", isNetwork: true)
    static let protectRule = ProtectRule(path: "/srv/git-data", level: .typeHostname, note: "Runbook: git-data.md", file: "/etc/hostguard/hostguard.toml", key: "protect[1]")
    static let denyRule = ProtectRule(path: "/srv/keep", level: .deny, note: nil, file: "f", key: "protect[2]")
    static let confirmRule = ProtectRule(path: "/srv/soft", level: .confirm, note: nil, file: "f", key: "protect[3]")
    static let nestedRule = ProtectRule(path: "/data/repos/main", level: .typeHostname, note: nil, file: "f", key: "protect[4]")

    struct Row: Sendable, CustomStringConvertible {
        var name: String
        var argv: [String]
        var identity: HostIdentity
        var targets: [TargetFacts] = []
        var forceLive = false
        var level: GuardLevel
        var quarantine = false
        var description: String { name }
    }

    static let rows: [Row] = [
        Row(name: "rm of a plain file on a dev box runs", argv: ["rm", "f"], identity: dev,
            targets: [target("/home/me/f", recursive: false, directory: false)], level: .run),
        Row(name: "rm -rf of a plain dir on a dev box runs", argv: ["rm", "-rf", "d"], identity: dev,
            targets: [target("/home/me/d")], level: .run),
        Row(name: "rm of a file in a home directory on production runs (friction budget)", argv: ["rm", "f"], identity: prod,
            targets: [target("/home/me/f", recursive: false, directory: false)], level: .run),
        Row(name: "rm of a log file on production runs", argv: ["rm", "/var/log/app.log.1"], identity: prod,
            targets: [target("/var/log/app.log.1", recursive: false, directory: false)], level: .run),
        Row(name: "rm of a file in /etc on production asks y/N", argv: ["rm", "/etc/app.conf"], identity: prod,
            targets: [target("/etc/app.conf", recursive: false, directory: false)], level: .confirm, quarantine: true),
        Row(name: "cp over an existing file in /tmp on production runs", argv: ["cp", "a", "/tmp/b"], identity: prod,
            targets: [target("/tmp/b", recursive: false, directory: false, harm: .overwrite, onlyIfExists: true)], level: .run),
        Row(name: "rmdir of a directory on production asks y/N", argv: ["rmdir", "/home/me/d"], identity: prod,
            targets: [target("/home/me/d", recursive: false)], level: .confirm, quarantine: true),
        Row(name: "systemctl restart of a non-database unit on production runs", argv: ["systemctl", "restart", "nginx"], identity: prod, level: .run),
        Row(name: "systemctl restart of postgresql on production asks y/N", argv: ["systemctl", "restart", "postgresql@15-main"], identity: prod, level: .confirm),
        Row(name: "recursive delete on production asks the host name", argv: ["rm", "-r", "d"], identity: prod,
            targets: [target("/home/me/d")], level: .typeHostname, quarantine: true),
        Row(name: "unknown environment counts as production", argv: ["rm", "-r", "d"], identity: unknownEnv,
            targets: [target("/home/me/d")], level: .typeHostname, quarantine: true),
        Row(name: "running primary data directory is refused, even on dev", argv: ["rm", "-rf", "main"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main") { $0.liveData = [pgPrimaryRunning] }], level: .refuse),
        Row(name: "a file inside the running primary's data directory is refused", argv: ["rm", "x"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main/base/1", recursive: false, directory: false) { $0.liveData = [pgPrimaryRunning] }], level: .refuse),
        Row(name: "--force-live turns the refusal into the host-name question", argv: ["rm", "-rf", "main"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main") { $0.liveData = [pgPrimaryRunning] }], forceLive: true, level: .typeHostname, quarantine: true),
        Row(name: "running standby's data directory asks the host name", argv: ["rm", "-rf", "main"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main") { $0.liveData = [pgStandbyRunning] }], level: .typeHostname, quarantine: true),
        Row(name: "a stopped primary's data directory asks the host name", argv: ["rm", "-rf", "main"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main") { $0.liveData = [pgPrimaryStopped] }], level: .typeHostname, quarantine: true),
        Row(name: "a stopped standby's data directory asks y/N", argv: ["rm", "-rf", "main"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main") { $0.liveData = [pgStandbyStopped] }], level: .confirm, quarantine: true),
        Row(name: "rm of a symlink to the data directory removes only the link", argv: ["rm", "pg"], identity: dev,
            targets: [target("/home/me/pg", recursive: false, directory: false, link: true) { $0.liveData = [] }], level: .run),
        Row(name: "rm -rf / is refused", argv: ["rm", "-rf", "/"], identity: dev, targets: [target("/")], level: .refuse),
        Row(name: "rm -rf /usr is refused", argv: ["rm", "-rf", "/usr"], identity: dev, targets: [target("/usr")], level: .refuse),
        Row(name: "a file in /etc is not critical in itself", argv: ["rm", "/etc/motd"], identity: dev,
            targets: [target("/etc/motd", recursive: false, directory: false)], level: .run),
        Row(name: "protected path at type-hostname", argv: ["rm", "-rf", "/srv/git-data/x"], identity: dev,
            targets: [target("/srv/git-data/x")], level: .typeHostname, quarantine: true),
        Row(name: "deleting above a protected path counts", argv: ["rm", "-rf", "/data/repos"], identity: dev,
            targets: [target("/data/repos")], level: .typeHostname, quarantine: true),
        Row(name: "a sibling of a protected path is not protected", argv: ["rm", "-rf", "/data/repos/other"], identity: dev,
            targets: [target("/data/repos/other")], level: .run),
        Row(name: "protect at deny refuses", argv: ["rm", "-rf", "/srv/keep"], identity: dev,
            targets: [target("/srv/keep")], level: .refuse),
        Row(name: "protect at confirm asks y/N", argv: ["rm", "/srv/soft/x"], identity: dev,
            targets: [target("/srv/soft/x", recursive: false, directory: false)], level: .confirm, quarantine: true),
        Row(name: "a mount point below a recursive delete asks the host name", argv: ["rm", "-rf", "/srv"], identity: dev,
            targets: [target("/srv/x") { $0.mountsBelow = [nfs] }], level: .typeHostname, quarantine: true),
        Row(name: "a file on NFS asks y/N", argv: ["rm", "/srv/pages/f"], identity: dev,
            targets: [target("/srv/pages/f", recursive: false, directory: false) { $0.mount = nfs }], level: .confirm, quarantine: true),
        Row(name: "a private mount namespace view asks the host name", argv: ["rm", "f"], identity: dev,
            targets: [target("/srv/data/f", recursive: false, directory: false) {
                $0.namespace = NamespaceFact(mountPoint: "/srv/data", here: nil, onHost: nfs, shadowedOnHost: false)
            }], level: .typeHostname, quarantine: true),
        Row(name: "processes using the target ask y/N", argv: ["rm", "-r", "d"], identity: dev,
            targets: [target("/home/me/d") { $0.processes = [ProcessFact(pid: 42, command: "bash", how: "cwd")] }], level: .confirm, quarantine: true),
        Row(name: "an error while checking raises, never allows", argv: ["rm", "f"], identity: dev,
            targets: [target("/home/me/f", recursive: false, directory: false) { $0.errors = ["permission denied"] }], level: .typeHostname, quarantine: true),
        Row(name: "an option the guard cannot read raises", argv: ["rm", "--bogus", "f"], identity: dev,
            targets: [target("/home/me/f", recursive: false, directory: false)], level: .confirm, quarantine: true),
        Row(name: "cp onto a new name is harmless even on production", argv: ["cp", "a", "b"], identity: prod,
            targets: [target("/home/me/b", recursive: false, directory: false, exists: false, harm: .overwrite, onlyIfExists: true)], level: .run),
        Row(name: "reboot on a dev box runs", argv: ["reboot"], identity: dev, level: .run),
        Row(name: "reboot on production asks the host name", argv: ["reboot"], identity: prod, level: .typeHostname),
        Row(name: "reboot of a primary asks the host name", argv: ["reboot"], identity: primary, level: .typeHostname),
        Row(name: "systemctl stop on production asks y/N", argv: ["systemctl", "stop", "nginx"], identity: prod, level: .confirm),
        Row(name: "stopping postgresql on a primary asks the host name", argv: ["systemctl", "stop", "postgresql"], identity: primary, level: .typeHostname),
        Row(name: "dropdb on production asks the host name", argv: ["dropdb", "app"], identity: prod, level: .typeHostname),
        Row(name: "kubectl delete on dev runs", argv: ["kubectl", "delete", "pod", "x"], identity: dev, level: .run),
        Row(name: "pg_ctl stop of a standby asks y/N", argv: ["pg_ctl", "-D", "/var/lib/postgresql/15/main", "stop"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main", recursive: false, harm: .service) { $0.liveData = [pgStandbyRunning] }], level: .confirm),
        Row(name: "pg_ctl promote of a standby asks the host name", argv: ["pg_ctl", "-D", "/var/lib/postgresql/15/main", "promote"], identity: dev,
            targets: [target("/var/lib/postgresql/15/main", recursive: false, harm: .service) { $0.liveData = [pgStandbyRunning] }], level: .typeHostname),
        Row(name: "rm -rf of an empty name is not the cwd", argv: ["rm", "-rf", ""], identity: prod,
            targets: [target("", exists: false)], level: .run),
        Row(name: "a missing path under a critical directory harms nothing", argv: ["rm", "-rf", "/usr/nonexistent"], identity: dev,
            targets: [target("/usr/nonexistent", exists: false)], level: .run),
        Row(name: "ls is never stopped", argv: ["ls", "/"], identity: prod, level: .run),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) {
        let command = CommandRules.assess(row.argv)
        let rules = [Self.protectRule, Self.denyRule, Self.confirmRule, Self.nestedRule]
        let decision = GuardPolicy.decide(command, targets: row.targets, identity: row.identity, forceLive: row.forceLive, protect: rules)
        #expect(decision.level == row.level, "\(decision.reasons)")
        #expect(decision.quarantineOffered == row.quarantine)
    }

    @Test func protectNoteIsShownInert() {
        let command = CommandRules.assess(["rm", "-rf", "/srv/git-data"])
        let rule = ProtectRule(path: "/srv/git-data", level: .confirm, note: "see \u{1b}[2Jrunbook", file: "f", key: "k")
        let decision = GuardPolicy.decide(command, targets: [Self.target("/srv/git-data")], identity: Self.dev, protect: [rule])
        #expect(decision.notes == ["see [2Jrunbook"])
    }
}
