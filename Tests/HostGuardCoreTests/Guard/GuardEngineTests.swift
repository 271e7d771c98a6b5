import Testing
@testable import HostGuardCore

/// The engine from one `GuardFacts` value: live sets matched by identity (every spelling), the
/// storage beneath, the host's own disks, mounts that do not answer, a process scan cut short,
/// config health and settings. Each row is the facts the System layer would gather.
@Suite struct GuardEngineTests {
    typealias T = GuardPolicyTests

    static let data = FileIdentity(device: 0x700, inode: 2)
    static let wal = FileIdentity(device: 0x801, inode: 40)
    static let space = FileIdentity(device: 0x801, inode: 50)
    static let root = FileIdentity(device: 0x801, inode: 2)
    static let srv = FileIdentity(device: 0x801, inode: 30)

    /// A running primary at /srv/pg/main on a loop device (7:0), with pg_wal → /srv/wal and a
    /// tablespace at /srv/ts, both on the root file system (8:1).
    static func server(running: Bool = true) -> LiveServer {
        var server = LiveServer(kind: .postgresql, directory: "/srv/pg/main", members: [
            LiveSetMember(path: "/srv/pg/main", role: "data directory", identity: data, ancestors: [FileIdentity(device: 0x801, inode: 31), srv, root]),
            LiveSetMember(path: "/srv/wal", role: "WAL directory (pg_wal → /srv/wal)", identity: wal, ancestors: [srv, root]),
            LiveSetMember(path: "/srv/ts", role: "tablespace 16384 (→ /srv/ts)", identity: space, ancestors: [srv, root]),
        ])
        server.devices = [DeviceNumber(major: 7, minor: 0)]
        if running { server.holders = [ProcessFact(pid: 4242, command: "postgres", how: "cwd")] }
        return server
    }

    static func target(_ path: String, identity: FileIdentity?, ancestors: [FileIdentity] = [], recursive: Bool = true,
                       directory: Bool = true, harm: Harm = .delete, edit: (inout TargetFacts) -> Void = { _ in }) -> TargetFacts {
        T.target(path, recursive: recursive, directory: directory, harm: harm) {
            $0.identity = identity
            $0.ancestors = ancestors
            edit(&$0)
        }
    }

    struct Row: Sendable, CustomStringConvertible {
        var name: String
        var argv: [String]
        var identity: HostIdentity = T.dev
        var targets: [TargetFacts] = []
        var servers: [LiveServer] = [GuardEngineTests.server()]
        var scan: ProcessScanState = .complete
        var settings = GuardRunSettings()
        var disks: [SystemDiskFact] = []
        var level: GuardLevel
        /// Words the first reason must contain.
        var says: String = ""
        /// Words no reason may contain.
        var neverSays: String? = nil
        var description: String { name }
    }

    static let rows: [Row] = [
        Row(name: "the data directory through a bind mount or /proc/PID/root view: same inode, refused",
            argv: ["rm", "-rf", "/proc/77/root/var/lib/postgresql/data"],
            targets: [target("/proc/77/root/var/lib/postgresql/data", identity: data)], level: .refuse, says: "is the postgresql data directory"),
        Row(name: "a directory inside the data directory, by its ancestors", argv: ["rm", "-rf", "/mnt/view/base"],
            targets: [target("/mnt/view/base", identity: FileIdentity(device: 0x700, inode: 9), ancestors: [data, root])], level: .refuse, says: "is inside"),
        Row(name: "a directory above the data directory", argv: ["rm", "-rf", "/srv"],
            targets: [target("/srv", identity: srv, ancestors: [root])], level: .refuse, says: "contains"),
        Row(name: "the pg_wal target by its own name", argv: ["rm", "-rf", "/srv/wal"],
            targets: [target("/srv/wal", identity: wal, ancestors: [srv, root])], level: .refuse, says: "WAL directory"),
        Row(name: "a WAL segment inside the pg_wal target", argv: ["rm", "/srv/wal/000000010000000000000001"],
            targets: [target("/srv/wal/000000010000000000000001", identity: FileIdentity(device: 0x801, inode: 41), ancestors: [wal, srv, root],
                             recursive: false, directory: false)], level: .refuse),
        Row(name: "the tablespace by its own name", argv: ["rm", "-rf", "/srv/ts"],
            targets: [target("/srv/ts", identity: space, ancestors: [srv, root])], level: .refuse, says: "tablespace 16384"),
        Row(name: "a hard link to a file in the data directory", argv: ["rm", "/tmp/pg_class"],
            targets: [target("/tmp/pg_class", identity: FileIdentity(device: 0x700, inode: 1259), ancestors: [root], recursive: false, directory: false) {
                $0.linkCount = 2
                $0.hardLinkedInto = ["/srv/pg/main"]
            }], level: .refuse, says: "hard link"),
        Row(name: "a hard link whose search was cut short: worst case", argv: ["rm", "/tmp/x"],
            targets: [target("/tmp/x", identity: FileIdentity(device: 0x700, inode: 77), ancestors: [root], recursive: false, directory: false) {
                $0.linkCount = 2
                $0.hardLinkSearchIncomplete = ["/srv/pg/main"]
            }], level: .refuse, says: "may be another name (hard link)"),
        Row(name: "mkfs of the loop device beneath the data directory", argv: ["mkfs.ext4", "/dev/loop0"],
            targets: [target("/dev/loop0", identity: FileIdentity(device: 5, inode: 300), harm: .wipe) { $0.blockDevice = DeviceNumber(major: 7, minor: 0) }],
            level: .refuse, says: "block device 7:0"),
        Row(name: "dd onto another loop device: not live storage, development", argv: ["dd", "of=/dev/loop1"],
            targets: [target("/dev/loop1", identity: FileIdentity(device: 5, inode: 301), recursive: false, directory: false, harm: .overwrite) {
                $0.blockDevice = DeviceNumber(major: 7, minor: 1)
            }], level: .run),
        Row(name: "wipefs of the disk / is on is refused like live data, even on development", argv: ["wipefs", "-a", "/dev/vda"],
            targets: [target("/dev/vda", identity: FileIdentity(device: 5, inode: 302), harm: .wipe) { $0.blockDevice = DeviceNumber(major: 254, minor: 0) }],
            servers: [], disks: [SystemDiskFact(device: DeviceNumber(major: 254, minor: 0), why: "vda (beneath /)")], level: .refuse, says: "vda (beneath /)"),
        Row(name: "--force-live: the live set asks the host name instead", argv: ["rm", "-rf", "/srv/wal"],
            targets: [target("/srv/wal", identity: wal, ancestors: [srv, root])], settings: GuardRunSettings(forceLive: true), level: .typeHostname),
        Row(name: "a stopped standby's WAL directory asks y/N", argv: ["rm", "-rf", "/srv/wal"],
            targets: [target("/srv/wal", identity: wal, ancestors: [srv, root])], servers: [{
                var server = GuardEngineTests.server(running: false)
                server.reading = PostgresDataDirectoryReading(dataDirectory: "/srv/pg/main", control: .failure(.unreadable("x")), standbySignal: true)
                return server
            }()], level: .typeHostname),
        Row(name: "an unrelated directory beside the live set runs", argv: ["rm", "-rf", "/srv/old"],
            targets: [target("/srv/old", identity: FileIdentity(device: 0x801, inode: 99), ancestors: [srv, root])], level: .run),
        Row(name: "scan cut short: the live data is treated as running, and said so, never 'stop the server first'",
            argv: ["rm", "-rf", "/srv/pg/main"], targets: [target("/srv/pg/main", identity: data, ancestors: [srv, root])],
            servers: [GuardEngineTests.server(running: false)], scan: .cutShort(milliseconds: 200, read: 1480, listed: 2100),
            level: .refuse, says: "process scan stopped after 200 ms (1,480 of 2,100 processes read)", neverSays: "stop the server first"),
        Row(name: "scan cut short, nothing live: no server invented", argv: ["rm", "-rf", "/home/me/d"], identity: T.prod,
            targets: [target("/home/me/d", identity: FileIdentity(device: 0x801, inode: 500), ancestors: [root])],
            scan: .cutShort(milliseconds: 200, read: 1480, listed: 2100), level: .typeHostname, neverSays: "server"),
        Row(name: "a mount below the target that does not answer: refused, cannot inspect", argv: ["rm", "-rf", "/mnt"],
            targets: [target("/mnt", identity: nil) { $0.unansweredMounts = ["/mnt/nfs"] }], servers: [], level: .refuse,
            says: "cannot inspect /mnt (mount /mnt/nfs not answering)"),
        Row(name: "a broken system config raises to the host name", argv: ["rm", "-rf", "/home/me/d"],
            targets: [target("/home/me/d", identity: nil)], servers: [], settings: GuardRunSettings(systemConfigIsBroken: true),
            level: .typeHostname, says: "system config has errors"),
        Row(name: "a WAL directory whose server is not known asks the host name", argv: ["rm", "-rf", "/old/wal"],
            targets: [target("/old/wal", identity: nil) { $0.dataParts = ["PostgreSQL WAL directory /old/wal"] }], servers: [],
            level: .typeHostname, says: "whose server is not known"),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) {
        var facts = GuardFacts(command: CommandRules.assess(row.argv), targets: row.targets, identity: row.identity, settings: row.settings)
        facts.servers = row.servers
        facts.processScan = row.scan
        facts.systemDisks = row.disks
        let decision = GuardPolicy.decide(facts)
        #expect(decision.level == row.level, "\(decision.reasons)")
        if !row.says.isEmpty { #expect(decision.reasons.first?.contains(row.says) == true, "\(decision.reasons)") }
        if let never = row.neverSays { #expect(!decision.reasons.contains { $0.contains(never) }, "\(decision.reasons)") }
    }

    @Test func quarantineSettingIsThePolicys() {
        var facts = GuardFacts(command: CommandRules.assess(["rm", "-r", "/home/me/d"]), targets: [T.target("/home/me/d")], identity: T.prod)
        #expect(GuardPolicy.decide(facts).quarantineOffered)
        facts.settings.quarantineEnabled = false
        #expect(!GuardPolicy.decide(facts).quarantineOffered)
    }

    @Test func attachingTwiceAttachesOnce() {
        var facts = GuardFacts(command: CommandRules.assess(["rm", "-rf", "/srv/wal"]),
                               targets: [Self.target("/srv/wal", identity: Self.wal, ancestors: [Self.srv, Self.root])], identity: T.dev)
        facts.servers = [Self.server()]
        let once = facts.attachingLiveData()
        #expect(once.attachingLiveData().targets[0].liveData.count == 1)
        #expect(once.targets[0].liveData[0].running == true)
    }
}

@Suite struct GuardBannerConfirmTests {
    @Test func confirmOnTheCommandLineDoesNotSayAnswerY() {
        var decision = GuardDecision()
        decision.raise(to: .confirm, "x")
        #expect(GuardBanner.headline(decision).contains("answer y"))
        #expect(!GuardBanner.headline(decision, answered: true).contains("answer y"))
    }
}
