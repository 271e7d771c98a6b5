/// One path a database server depends on: its data directory, a symlinked WAL directory, a
/// tablespace. Matched against targets by device and inode (and the directories above it), so
/// every spelling of it counts.
public struct LiveSetMember: Sendable, Equatable {
    public var path: RawPath
    /// "data directory", "WAL directory (pg_wal → /srv/wal)", "tablespace 16384".
    public var role: String
    public var identity: FileIdentity?
    /// The directories above it, nearest first, by identity.
    public var ancestors: [FileIdentity]

    public init(path: RawPath, role: String, identity: FileIdentity?, ancestors: [FileIdentity] = []) {
        self.path = path
        self.role = role
        self.identity = identity
        self.ancestors = ancestors
    }
}

/// A database server's data directory and everything it owns: the paths it links to, the storage
/// beneath them, the processes that hold them, and what was read from its control files.
public struct LiveServer: Sendable, Equatable {
    public var kind: DataDirectoryKind
    public var directory: RawPath
    /// The data directory first, then the paths it links to.
    public var members: [LiveSetMember]
    /// The block devices beneath: each member's file system device, its partitions' disks,
    /// the devices it is built from (slaves) and on (holders). Empty when not read.
    public var devices: [DeviceNumber] = []
    /// Mount points of the file systems holding the live set (`umount` of one unmounts live data).
    public var mountPoints: [String] = []
    /// Processes whose cwd or open files are in it, from the process scan.
    public var holders: [ProcessFact] = []
    /// For PostgreSQL: pg_control, signal files, postmaster.pid as read. nil: not read (see
    /// `readProblem`) or not PostgreSQL.
    public var reading: PostgresDataDirectoryReading?
    /// Why the state files were not read ("global/pg_control is not a regular file").
    public var readProblem: String?

    public init(kind: DataDirectoryKind, directory: RawPath, members: [LiveSetMember]) {
        self.kind = kind
        self.directory = directory
        self.members = members
    }

    /// Running is decided by processes that really hold its files (cwd, open files), never by
    /// the pid a file names: nil when the scan did not run or could not see everything.
    public func running(scan: ProcessScanState) -> Bool? {
        if !holders.isEmpty { return true }
        if case .unreadable(_, _, let names) = scan, !names.contains(where: kind.serverNames.contains) {
            // The processes that could not be read are not this kind of server by name.
            return false
        }
        return scan.isComplete ? false : nil
    }

    /// The fact the banner and the policy use, with the role decided from what was read and
    /// the running state from the holders.
    public func fact(scan: ProcessScanState, relation: String?) -> LiveDataFact {
        let running = running(scan: scan)
        var role: Role.Kind?
        var evidence: [String] = []
        if let holder = holders.first {
            evidence.append("\(TerminalText.visible(holder.command))[\(holder.pid)] has it as its \(holder.how)")
        } else if running == nil, let sentence = scan.sentence {
            evidence.append("could not tell whether it is running: \(sentence)")
        } else if running == nil {
            evidence.append("not yet known whether it is running")
        }
        if kind == .postgresql {
            if var reading {
                switch running {
                case true?:
                    let holder = holders[0]
                    reading.postmaster = .running(PostmasterPidFile(pid: Int32(clamping: holder.pid)), how: "holds the directory")
                case false?:
                    reading.postmaster = .noPidFile
                case nil:
                    reading.postmaster = .unreadablePidFile("not known whether a server holds it")
                }
                let state = PostgresClusterState.decide(reading)
                role = state.role?.kind
                if let why = state.reading.unknownReason { evidence.append(why) }
                evidence += state.facts.filter { !$0.hasPrefix("postmaster") && !$0.hasPrefix("no postmaster") }.prefix(2)
            } else if let readProblem {
                evidence.append(readProblem)
            }
        }
        var fact = LiveDataFact(kind: kind.rawValue, directory: directory.description, running: running, role: role,
                                evidence: evidence.joined(separator: "; "))
        fact.relation = relation
        return fact
    }
}

/// How a target meets a live set, found by identity first and path second.
public enum LiveSetRelation: Sendable, Equatable {
    /// The target is the member (any spelling, a bind mount, a /proc/PID/root view).
    case same(LiveSetMember)
    /// The target is above the member: a recursive act reaches it.
    case contains(LiveSetMember)
    /// The target is inside the member.
    case inside(LiveSetMember)
    /// The target is a hard link to a file inside the member.
    case hardLink(LiveSetMember)
    /// The target may be a hard link to one of its files: a search for it was cut short.
    case possibleHardLink(LiveSetMember)
    /// The target is a block device beneath it.
    case storage(DeviceNumber)

    /// How the target meets the server, read before "the postgresql data directory …".
    public var words: String {
        switch self {
        case .same(let member): return member.role == "data directory" ? "is" : "is the \(member.role) of"
        case .contains(let member): return member.role == "data directory" ? "contains" : "contains the \(member.role) of"
        case .inside(let member): return member.role == "data directory" ? "is inside" : "is inside the \(member.role) of"
        case .hardLink(let member): return "is another name (hard link) for a file in the \(member.role) of"
        case .possibleHardLink(let member):
            return "may be another name (hard link) for a file in the \(member.role) of (the search was cut short)"
        case .storage(let device): return "is the block device \(device) beneath"
        }
    }

    /// Every way `target` meets `server`'s live set.
    public static func relations(_ target: TargetFacts, _ server: LiveServer) -> [LiveSetRelation] {
        var found: [LiveSetRelation] = []
        let spellings = [target.resolved.real] + target.aliases
        for member in server.members {
            if let identity = target.identity, let memberIdentity = member.identity {
                if identity == memberIdentity { found.append(.same(member)); continue }
                if member.ancestors.contains(identity) { found.append(.contains(member)); continue }
                if target.ancestors.contains(memberIdentity) { found.append(.inside(member)); continue }
            } else {
                if spellings.contains(member.path) { found.append(.same(member)); continue }
                if spellings.contains(where: { member.path.starts(with: $0) }) { found.append(.contains(member)); continue }
                if spellings.contains(where: { $0.starts(with: member.path) }) { found.append(.inside(member)); continue }
            }
            if target.hardLinkedInto.contains(member.path) { found.append(.hardLink(member)) }
            if target.hardLinkSearchIncomplete.contains(member.path) { found.append(.possibleHardLink(member)) }
        }
        if let device = target.blockDevice, server.devices.contains(device) { found.append(.storage(device)) }
        return found
    }
}
