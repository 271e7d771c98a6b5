/// Where a held mount id lands among the tables read in a scan.
public enum MountPlacement: Sendable, Equatable {
    /// Listed and reachable by path in its namespace.
    case visible(MountEntry)
    /// Listed, but covered in its namespace's table.
    case overMounted(MountEntry, by: Int, namespace: UInt64)
    /// In no table read: lazily unmounted, a kernel-internal mount (pipes, sockets, memfd), or a
    /// mount of a namespace no readable process is in. The finder tells these apart.
    case unlisted
}

/// The tables of every mount namespace read during a scan, and which one is the reference
/// ("the host": the namespace hostguard runs in, i.e. what /proc/mounts shows).
///
/// Mount ids are kernel-wide and a mount lives in exactly one namespace, so the first table that
/// lists an id says where it is.
public struct MountViews: Sendable {
    public let referenceNamespace: UInt64
    public private(set) var tables: [UInt64: MountTable]
    /// Mount id → namespace whose table lists it.
    private var namespaceOfID: [Int: UInt64] = [:]

    public init(referenceNamespace: UInt64, reference: MountTable) {
        self.referenceNamespace = referenceNamespace
        self.tables = [:]
        add(namespace: referenceNamespace, table: reference)
    }

    public var reference: MountTable { tables[referenceNamespace]! }

    public mutating func add(namespace: UInt64, table: MountTable) {
        tables[namespace] = table
        for entry in table.entries where namespaceOfID[entry.mountID] == nil {
            namespaceOfID[entry.mountID] = namespace
        }
    }

    public func isListed(mountID: Int) -> Bool { namespaceOfID[mountID] != nil }

    public func placement(mountID: Int) -> MountPlacement {
        guard let namespace = namespaceOfID[mountID], let table = tables[namespace],
              let entry = table.entry(id: mountID), let visibility = table.visibility(ofID: mountID) else { return .unlisted }
        switch visibility {
        case .visible: return .visible(entry)
        case .overMounted(let by): return .overMounted(entry, by: by, namespace: namespace)
        }
    }

    /// Every over-mounted mount id of every table: decided once per scan, before any process
    /// is read, so the per-descriptor work is a set lookup.
    public var overMountedIDs: Set<Int> {
        var ids = Set<Int>()
        for table in tables.values { ids.formUnion(table.overMountedIDs) }
        return ids
    }

    /// For a file mapping (maps gives device and inode, not a mount): the mount it is on when
    /// the process's table has mounts of that device and every one of them is over-mounted.
    /// Nil when fine or unknown (a device in no table: overlayfs shows the underlying device).
    public func overMountedMount(forDevice device: DeviceNumber, namespace: UInt64) -> (entry: MountEntry, by: Int)? {
        guard let table = tables[namespace] else { return nil }
        let candidates = table.mounts(onDevice: device)
        guard let held = candidates.last, !candidates.contains(where: { table.isVisible(id: $0.mountID) }),
              case .overMounted(let by)? = table.visibility(ofID: held.mountID) else { return nil }
        return (held, by)
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

    /// Every (namespace, mount) whose source is `source`, in any table.
    public func mounts(withSource source: String) -> [(namespace: UInt64, entry: MountEntry)] {
        tables.sorted { $0.key < $1.key }.flatMap { namespace, table in
            table.entries.filter { $0.source == source }.map { (namespace, $0) }
        }
    }
}
