/// What a process uses that ties it to a mount.
public enum StaleKind: String, Sendable, CaseIterable, Comparable {
    case cwd, root, fd, mmap, namespace

    public static func < (lhs: StaleKind, rhs: StaleKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Why what the process holds is stale: the three honest states of a held mount, plus the
/// namespace comparison from the Pages post-mortem.
public enum StaleReason: Hashable, Sendable {
    /// The mount is still in a table but covered (see `MountVisibility.overMounted`).
    case overMounted(by: Int)
    /// The mount is in no namespace's table any more: lazily unmounted (umount -l) yet held.
    case detached
    /// Its mount namespace shows something else at a watched path than the host's.
    case namespaceDiffers

    public var summary: String {
        switch self {
        case .overMounted: return "over-mounted"
        case .detached: return "lazily unmounted, still held"
        case .namespaceDiffers: return "namespace view differs"
        }
    }

    /// The JSON `reason` value.
    public var key: String {
        switch self {
        case .overMounted: return "over_mounted"
        case .detached: return "detached"
        case .namespaceDiffers: return "namespace_differs"
        }
    }
}

/// One process holding a stale view of one mount in one way (its fds on the same mount are one
/// finding with a count, not fifty lines).
public struct StaleFinding: Sendable, Equatable {
    public var pid: Int32
    public var command: String
    public var unit: ProcessUnit?
    public var kind: StaleKind
    public var reason: StaleReason
    /// The first object seen (a file name, the cwd, the watched path for `namespace`).
    public var path: String
    /// How many objects of this kind the process holds on that mount.
    public var count: Int
    /// Where the held mount is (was) mounted; nil when detached (the table no longer says).
    public var mountPoint: String?
    public var mountID: Int?
    /// What the process holds: "old (tmpfs)", "nfs1:/pages (nfs4)".
    public var heldSource: String?
    /// What is mounted at that mount point now, in the reference (host) view.
    public var currentSource: String?
    /// Accepted by the operator (`--ack`, `[mounts] acknowledged`): listed, but kept out of the
    /// exit status and the prompt's notice.
    public var acknowledged = false

    public init(
        pid: Int32, command: String, unit: ProcessUnit?, kind: StaleKind, reason: StaleReason,
        path: String, count: Int = 1, mountPoint: String?, mountID: Int?, heldSource: String?,
        currentSource: String?
    ) {
        self.pid = pid
        self.command = command
        self.unit = unit
        self.kind = kind
        self.reason = reason
        self.path = path
        self.count = count
        self.mountPoint = mountPoint
        self.mountID = mountID
        self.heldSource = heldSource
        self.currentSource = currentSource
    }

    public var remedy: String {
        unit?.remedy ?? "restart process \(pid) (it belongs to no systemd unit)"
    }

    /// What makes two findings one (their counts add up): the process, the way it holds, and
    /// the mount (by id; by device for mappings, which carry no mount id; by path for namespace
    /// differences).
    public var key: Key {
        let mount: Key.Mount
        if kind == .namespace {
            mount = .path(path)
        } else if let mountID {
            mount = .id(mountID)
        } else {
            mount = .source(heldSource ?? path)
        }
        return Key(pid: pid, kind: kind, mount: mount)
    }

    public struct Key: Hashable, Sendable {
        public enum Mount: Hashable, Sendable {
            case id(Int)
            case source(String)
            case path(String)
        }
        public var pid: Int32
        public var kind: StaleKind
        public var mount: Mount
    }

    /// Findings merged by `key` (counts added, the first one's path kept), first-seen order.
    public static func merged(_ findings: [StaleFinding]) -> [StaleFinding] {
        var indexByKey: [Key: Int] = [:]
        var result: [StaleFinding] = []
        for finding in findings {
            if let index = indexByKey[finding.key] {
                result[index].count += finding.count
            } else {
                indexByKey[finding.key] = result.count
                result.append(finding)
            }
        }
        return result
    }
}
