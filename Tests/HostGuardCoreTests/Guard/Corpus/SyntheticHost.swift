@testable import HostGuardCore

/// A made-up host for the corpus: a file system described by rules (below), mounts, disks and,
/// on the production primary, a running PostgreSQL with its WAL on another disk. Built from Core
/// types only; nothing here touches the machine the test runs on.
///
/// The file system: the operator's cwd is /home/deploy. A name exists unless it contains
/// "new" or "missing"; it is a directory unless its last component has a dot in it (a file:
/// `app.log`, `nginx.conf`) or it is listed in `files`; everything under /dev is a device.
/// /var/lib/postgresql/15/main/pg_wal is a symlink to /srv/pg_wal. The development host has the
/// same files but no database disks mounted and no server running.
struct SyntheticHost: FileSystemView {
    var identity: HostIdentity
    var servers: [LiveServer]
    var systemDisks: [SystemDiskFact]
    var mounts: [MountFact]
    var stdinIsTerminal = true

    static let cwd = RawPath("/home/deploy")
    static let files: Set<String> = ["/etc/shadow", "/etc/passwd", "/etc/hosts", "/etc/fstab", "/etc/sudoers", "/etc/crontab",
                                     "/etc/group", "/home/deploy/notes", "/usr/bin/python3", "/usr/local/bin/app", "/home/deploy/Makefile",
                                     "/home/deploy/LICENSE", "/home/deploy/secret", "/tmp/x", "/tmp/y"]
    static let allMounts: [MountFact] = [
        MountFact(mountPoint: "/", filesystemType: "ext4", source: "/dev/nvme0n1p2", isNetwork: false),
        MountFact(mountPoint: "/boot", filesystemType: "ext4", source: "/dev/nvme0n1p1", isNetwork: false),
        MountFact(mountPoint: "/var/lib/postgresql", filesystemType: "xfs", source: "/dev/nvme1n1p1", isNetwork: false),
        MountFact(mountPoint: "/srv/pg_wal", filesystemType: "xfs", source: "/dev/nvme2n1", isNetwork: false),
        MountFact(mountPoint: "/mnt/backup", filesystemType: "nfs4", source: "nas1:/backup", isNetwork: true),
    ]
    /// Block devices by name: root disk nvme0n1, database disk nvme1n1, WAL disk nvme2n1, and an
    /// empty spare sdb.
    static let devices: [String: DeviceNumber] = [
        "/dev/nvme0n1": DeviceNumber(major: 259, minor: 0), "/dev/nvme0n1p1": DeviceNumber(major: 259, minor: 1),
        "/dev/nvme0n1p2": DeviceNumber(major: 259, minor: 2), "/dev/nvme1n1": DeviceNumber(major: 259, minor: 3),
        "/dev/nvme1n1p1": DeviceNumber(major: 259, minor: 4), "/dev/nvme2n1": DeviceNumber(major: 259, minor: 5),
        "/dev/sdb": DeviceNumber(major: 8, minor: 16), "/dev/sdb1": DeviceNumber(major: 8, minor: 17),
        "/dev/md0": DeviceNumber(major: 9, minor: 0), "/dev/loop0": DeviceNumber(major: 7, minor: 0),
        "/dev/mapper/data": DeviceNumber(major: 253, minor: 0), "/dev/vg0/data": DeviceNumber(major: 253, minor: 1),
    ]
    static let rootDisks = [
        SystemDiskFact(device: devices["/dev/nvme0n1"]!, why: "nvme0n1 (the disk / is on)"),
        SystemDiskFact(device: devices["/dev/nvme0n1p1"]!, why: "nvme0n1p1 (/boot)"),
        SystemDiskFact(device: devices["/dev/nvme0n1p2"]!, why: "nvme0n1p2 (/)"),
    ]

    static let postgres: LiveServer = {
        var server = LiveServer(kind: .postgresql, directory: RawPath("/var/lib/postgresql/15/main"), members: [
            LiveSetMember(path: RawPath("/var/lib/postgresql/15/main"), role: "data directory", identity: nil),
            LiveSetMember(path: RawPath("/srv/pg_wal"), role: "WAL directory (pg_wal → /srv/pg_wal)", identity: nil),
        ])
        server.devices = ["/dev/nvme1n1p1", "/dev/nvme1n1", "/dev/nvme2n1"].map { devices[$0]! }
        server.mountPoints = ["/var/lib/postgresql", "/srv/pg_wal"]
        server.holders = [ProcessFact(pid: 4242, command: "postgres", how: "cwd")]
        return server
    }()

    static let production = SyntheticHost(
        identity: HostIdentity(hostName: HostName(nodeName: "db1"), environment: EnvironmentName("production"),
                               role: .known(Role(.primary)), cluster: "main", evidence: []),
        servers: [postgres], systemDisks: rootDisks, mounts: allMounts)
    static let development = SyntheticHost(
        identity: HostIdentity(hostName: HostName(nodeName: "dev3"), environment: EnvironmentName("development"),
                               role: .notApplicable, cluster: nil, evidence: []),
        servers: [], systemDisks: rootDisks, mounts: allMounts.filter { !$0.mountPoint.hasPrefix("/var/lib/postgresql") && !$0.mountPoint.hasPrefix("/srv/pg_wal") })

    func entry(at path: RawPath) -> PathEntry {
        let text = path.description
        if text == "/var/lib/postgresql/15/main/pg_wal" { return .symlink(target: Array("/srv/pg_wal".utf8)) }
        if text.contains("new") || text.contains("missing") { return .missing }
        if text.hasPrefix("/dev/") { return .other }
        if Self.files.contains(text) { return .other }
        let last = text.split(separator: "/").last ?? ""
        return last.dropFirst().contains(".") ? .other : .directory
    }

    func decide(_ argv: [String]) -> GuardDecision {
        let command = CommandRules.assess(argv, context: CommandContext(environment: ["HOME": "/home/deploy"], stdinIsTerminal: stdinIsTerminal))
        var targets: [TargetFacts] = []
        for operand in command.paths {
            let resolved = PathResolver.resolve(RawPath(operand.text), cwd: Self.cwd, followFinalSymlink: operand.followsFinalSymlink, in: self)
            var facts = TargetFacts(operand: operand, resolved: resolved)
            if case .directory = entry(at: resolved.real) { facts.isDirectory = true }
            let real = resolved.real
            facts.blockDevice = Self.devices[real.description]
            facts.mount = mounts.filter { real.starts(with: RawPath($0.mountPoint)) }.max { $0.mountPoint.count < $1.mountPoint.count }
            facts.mountsBelow = mounts.filter { RawPath($0.mountPoint).starts(with: real) && $0.mountPoint != "/" || $0.mountPoint == real.description }
            targets.append(facts)
        }
        var facts = GuardFacts(command: command, targets: targets, identity: identity)
        facts.servers = servers
        facts.systemDisks = systemDisks
        facts.processScan = .complete
        facts.stdinIsTerminal = stdinIsTerminal
        return GuardPolicy.decide(facts)
    }
}
