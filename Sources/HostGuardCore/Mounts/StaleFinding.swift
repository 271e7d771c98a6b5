/// What a process uses that ties it to a mount.
public enum StaleKind: String, Sendable, CaseIterable, Comparable {
    case cwd, root, fd, mmap, namespace

    public static func < (lhs: StaleKind, rhs: StaleKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Why what the process holds is stale.
public enum StaleReason: Hashable, Sendable {
    /// The mount it uses is still in the table but covered (see `MountVisibility`).
    case shadowed(MountVisibility)
    /// The mount is in no namespace's table any more: lazily unmounted (umount -l) yet held.
    case detached
    /// Its mount namespace shows something else at a watched path than the host's.
    case namespaceDiffers

    public var summary: String {
        switch self {
        case .shadowed(.belowShadowed): return "below a shadowed mount"
        case .shadowed: return "over-mounted"
        case .detached: return "lazily unmounted, still held"
        case .namespaceDiffers: return "namespace view differs"
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
}

/// Where a mount id lands, looked up in the process's own table first, then in every other
/// table read (mount ids are kernel-wide, so an id found in any table is that mount).
public enum MountPlacement: Sendable, Equatable {
    case visible(MountEntry)
    case shadowed(MountEntry, MountVisibility, table: UInt64)
    /// Kernel-internal (pipes, sockets, memfd) or lazily unmounted: no table lists it.
    case unlisted
}

/// The tables of every mount namespace read during a scan, and which one is the reference
/// ("the host": the namespace hostguard runs in, i.e. what /proc/mounts shows).
public struct MountViews: Sendable {
    public let referenceNamespace: UInt64
    public private(set) var tables: [UInt64: MountTable]

    public init(referenceNamespace: UInt64, reference: MountTable) {
        self.referenceNamespace = referenceNamespace
        self.tables = [referenceNamespace: reference]
    }

    public var reference: MountTable { tables[referenceNamespace]! }

    public mutating func add(namespace: UInt64, table: MountTable) {
        tables[namespace] = table
    }

    public func placement(mountID: Int, namespace: UInt64) -> MountPlacement {
        if let table = tables[namespace], let placed = Self.place(mountID, table, namespace) { return placed }
        for (other, table) in tables where other != namespace {
            if let placed = Self.place(mountID, table, other) { return placed }
        }
        return .unlisted
    }

    private static func place(_ id: Int, _ table: MountTable, _ namespace: UInt64) -> MountPlacement? {
        guard let entry = table.entry(id: id), let visibility = table.visibility(ofID: id) else { return nil }
        return visibility.isVisible ? .visible(entry) : .shadowed(entry, visibility, table: namespace)
    }

    /// For a file mapping (maps gives device and inode, not a mount): stale when the process's
    /// table has mounts of that device and every one of them is shadowed. Nil when fine or
    /// unknown (a device in no table: overlayfs shows the underlying device in maps).
    public func shadowedMount(forDevice device: DeviceNumber, namespace: UInt64) -> (MountEntry, MountVisibility)? {
        guard let table = tables[namespace] else { return nil }
        let candidates = table.mounts(onDevice: device)
        guard !candidates.isEmpty, !candidates.contains(where: { table.isVisible(id: $0.mountID) }) else { return nil }
        let held = candidates.last!
        return (held, table.visibility(ofID: held.mountID)!)
    }

    /// True when some table read during the scan has a visible mount of `device`.
    public func deviceIsMountedVisibly(_ device: DeviceNumber) -> Bool {
        tables.values.contains { table in table.mounts(onDevice: device).contains { table.isVisible(id: $0.mountID) } }
    }

    /// True when no table read during the scan has a mount of `device`.
    public func deviceIsUnlisted(_ device: DeviceNumber) -> Bool {
        !tables.values.contains { !$0.mounts(onDevice: device).isEmpty }
    }

    /// What a path walk reaches at `mountPoint` now in `namespace`'s view: "new (tmpfs)".
    public func currentSource(at mountPoint: String, namespace: UInt64) -> String? {
        (tables[namespace] ?? reference).mountContaining(mountPoint)?.sourceDescription
    }
}
