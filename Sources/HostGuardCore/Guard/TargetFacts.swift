/// A mounted filesystem as the banner talks about it.
public struct MountFact: Sendable, Equatable {
    public var mountPoint: String
    public var filesystemType: String
    public var source: String
    /// NFS, CIFS, Ceph … : shared with other hosts, not a local directory.
    public var isNetwork: Bool

    public init(mountPoint: String, filesystemType: String, source: String, isNetwork: Bool) {
        self.mountPoint = mountPoint
        self.filesystemType = filesystemType
        self.source = source
        self.isNetwork = isNetwork
    }

    public var described: String { "\(filesystemType) \(TerminalText.visible(source))" }
}

/// The mount a target is on, as seen here (the shell's mount namespace) and as seen by the host
/// (pid 1), when they differ: the GitLab Pages outage was a process serving from a view the host
/// no longer had.
public struct NamespaceFact: Sendable, Equatable {
    public var mountPoint: String
    public var here: MountFact?
    public var onHost: MountFact?
    /// The host has this mount but something else is mounted over it.
    public var shadowedOnHost: Bool

    public init(mountPoint: String, here: MountFact?, onHost: MountFact?, shadowedOnHost: Bool) {
        self.mountPoint = mountPoint
        self.here = here
        self.onHost = onHost
        self.shadowedOnHost = shadowedOnHost
    }

    public var sentence: String {
        let hereText = here.map { "\($0.described)" } ?? "nothing mounted"
        let hostText = onHost.map { "\($0.described)" } ?? "not mounted"
        var text = "you are in a private mount namespace: here \(TerminalText.visible(mountPoint)) is \(hereText), on the host it is \(hostText)"
        if shadowedOnHost { text += " (and over-mounted there)" }
        return text
    }
}

/// A database's data directory at, below or above a target.
public struct LiveDataFact: Sendable, Equatable {
    /// `postgresql`, `mysql`.
    public var kind: String
    public var directory: String
    /// nil when it could not be told.
    public var running: Bool?
    /// For PostgreSQL: from pg_control and standby.signal; nil when unknown (treated as primary).
    public var role: Role.Kind?
    /// What it was read from: "pg_control: in production; postmaster.pid pid 4242 alive".
    public var evidence: String
    /// How the target meets it ("is", "contains its WAL directory (pg_wal)"); nil: worked out
    /// from the paths (`is`, `contains`, `is inside`).
    public var relation: String?

    public init(kind: String, directory: String, running: Bool?, role: Role.Kind?, evidence: String) {
        self.kind = kind
        self.directory = directory
        self.running = running
        self.role = role
        self.evidence = evidence
    }

    public var isPrimaryOrUnknown: Bool {
        if case .standby? = role { return false }
        return true
    }

    public var summary: String {
        let state = running == true ? "running" : running == false ? "stopped" : "running state unknown"
        let roleText: String
        switch role {
        case let known?: roleText = Vocabulary.label(known)
        case nil: roleText = kind == "postgresql" ? "\(Vocabulary.unknownRole) (\(Vocabulary.unknownRoleMeaning))" : ""
        }
        return "\(kind) data directory \(TerminalText.visible(directory)): \(state)\(roleText.isEmpty ? "" : ", " + roleText) (\(evidence))"
    }
}

/// A process that has the target as its cwd or holds a file in it.
public struct ProcessFact: Sendable, Equatable {
    public var pid: Int
    public var command: String
    /// `cwd`, `root`, `open file`.
    public var how: String

    public init(pid: Int, command: String, how: String) {
        self.pid = pid
        self.command = command
        self.how = how
    }
}

/// How much is there, counted within a time budget.
public struct SizeFact: Sendable, Equatable {
    public var bytes: Int64
    public var files: Int
    /// False when the count was cut short: the numbers are then "at least".
    public var complete: Bool

    public init(bytes: Int64, files: Int, complete: Bool) {
        self.bytes = bytes
        self.files = files
        self.complete = complete
    }

    public var summary: String {
        (complete ? "" : "at least ") + SizeFact.human(bytes) + " in \(files) \(files == 1 ? "entry" : "entries")"
    }

    static func human(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}

/// Everything found out about one path target.
public struct TargetFacts: Sendable, Equatable {
    public var operand: PathOperand
    public var resolved: ResolvedPath
    public var isDirectory = false
    /// Other paths naming the same files through bind mounts (`/mnt/pg` bind-mounted from
    /// `/var/lib/postgresql/15/main`): rules about either apply.
    public var aliases: [RawPath] = []
    /// The mount the target itself is on.
    public var mount: MountFact?
    /// Mount points at or below the target (recursive acts reach into them).
    public var mountsBelow: [MountFact] = []
    public var namespace: NamespaceFact?
    public var liveData: [LiveDataFact] = []
    public var processes: [ProcessFact] = []
    /// False when the process scan was cut short or could not read every process.
    public var processesComplete = true
    /// Why the scan is incomplete, for the banner: "cut short after 200 ms", "2 processes could not be read".
    public var processScanNote: String?
    public var size: SizeFact?
    /// What could not be found out; each raises the level.
    public var errors: [String] = []
    /// The object acted on by device and inode, and the directories above it (nearest first):
    /// how a hard link, a bind mount or a /proc/PID/root view of live data is recognised.
    public var identity: FileIdentity?
    public var ancestors: [FileIdentity] = []
    /// st_nlink of a regular file: more than one name for the same data.
    public var linkCount = 1
    /// The device a block special file names (st_rdev): mkfs, dd, wipefs of a disk.
    public var blockDevice: DeviceNumber?
    /// Network or FUSE mounts at, above or below the target that did not answer in time:
    /// nothing under them could be inspected.
    public var unansweredMounts: [String] = []
    /// Live-set members (by path) where another name of this file was found, and where the
    /// search for one was cut short.
    public var hardLinkedInto: [RawPath] = []
    public var hardLinkSearchIncomplete: [RawPath] = []
    /// Parts of a database data directory recognised at, above or below the target whose
    /// server is not known ("PostgreSQL WAL directory /srv/wal").
    public var dataParts: [String] = []

    public init(operand: PathOperand, resolved: ResolvedPath) {
        self.operand = operand
        self.resolved = resolved
    }

    /// Harmless because there is nothing there to harm (cp/mv onto a new name).
    public var isMootNewName: Bool { operand.onlyIfExists && !resolved.exists }
}
