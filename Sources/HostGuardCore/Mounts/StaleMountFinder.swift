/// Something a process holds open through a mount: its cwd, its root, or a descriptor.
public struct HeldObject: Hashable, Sendable {
    public var kind: StaleKind
    /// The descriptor number for `.fd`; -1 for cwd and root; `HeldObject.executable` for the
    /// program file (kind `.mmap`: its text is mapped).
    public var descriptor: Int32
    /// The mount it was reached through (statx STATX_MNT_ID, or fdinfo `mnt_id`).
    public var mountID: Int

    public static let executable: Int32 = -2

    public init(kind: StaleKind, descriptor: Int32 = -1, mountID: Int) {
        self.kind = kind
        self.descriptor = descriptor
        self.mountID = mountID
    }
}

/// One process as the finder sees it: what was gathered cheaply for every process (its
/// namespace and the mount id of each held object), and look-ups the finder calls only for the
/// few objects that need a closer look. The system layer implements it over /proc; tests over
/// plain values.
public protocol ProcessView {
    var pid: Int32 { get }
    var namespace: UInt64 { get }
    /// cwd, root, the executable and every open descriptor with its mount id (objects whose id
    /// could not be read are left out).
    var held: [HeldObject] { get }
    /// The link's target as the kernel prints it ("/srv/x", "pipe:[5]"); nil if gone.
    func target(of object: HeldObject) -> String?
    /// Device of what the object is, from cached attributes; nil if unknown.
    func device(of object: HeldObject) -> DeviceNumber?
    /// File-backed mappings on the devices `include` accepts, one per file.
    func mappings(include: (DeviceNumber) -> Bool) -> [ProcessMapping]
    /// The command line for display (read only for processes named in a finding).
    func commandLine() -> String
}

/// The stale-mount decision, pure: given every namespace's table, which processes hold an
/// over-mounted or detached mount, and which namespaces see something else than the host.
///
/// The tables are judged first (`MountViews.overMountedIDs`, once per scan); per process the
/// work is then a set lookup per held object. Only an id no table lists costs more: its target
/// (a pipe or socket is kernel-internal, not stale) and, for a file, its device (still mounted
/// visibly somewhere: it came through a namespace no readable process is in, not stale).
///
/// A value type with caches: give each thread its own copy.
public struct StaleMountFinder: Sendable {
    /// Whether to read every process's memory mappings (one PROCMAP_QUERY per file-backed
    /// mapping: about as many calls as the whole statx floor). `auto` reads them only when a
    /// table shows an over-mounted mount whose device is nowhere visible, i.e. when a mapping
    /// can be stale by device; the program file of every process is checked anyway (one statx).
    public enum MappingScan: String, Sendable, CaseIterable {
        case auto, all, off
    }

    public let views: MountViews
    /// Decided once per scan from the tables (see `MappingScan`).
    public let readsMappings: Bool
    private let overMounted: Set<Int>
    /// Unlisted mount ids seen to carry kernel-internal objects (pipefs, sockfs, anon inodes).
    private var internalMounts = Set<Int>()
    /// Per namespace: whether a device needs a look in the maps.
    private var deviceInterest: [UInt64: [DeviceNumber: Bool]] = [:]
    /// Descriptors on a mount no table lists whose file system is visibly mounted elsewhere.
    public private(set) var viaOtherNamespaces = 0

    public init(views: MountViews, mappings: MappingScan = .auto) {
        self.views = views
        self.overMounted = views.overMountedIDs
        switch mappings {
        case .all: readsMappings = true
        case .off: readsMappings = false
        case .auto:
            readsMappings = views.tables.contains { namespace, table in
                table.overMountedMounts.contains { views.overMountedMount(forDevice: $0.device, namespace: namespace) != nil }
            }
        }
    }

    /// The findings for one process, merged (one per process, kind and mount).
    public mutating func findings(for process: some ProcessView) -> [StaleFinding] {
        var found: [StaleFinding] = []
        for object in process.held {
            let id = object.mountID
            if overMounted.contains(id) {
                guard case .overMounted(let entry, let by, let namespace) = views.placement(mountID: id) else { continue }
                found.append(StaleFinding(
                    pid: process.pid, command: "", unit: nil, kind: object.kind, reason: .overMounted(by: by),
                    path: process.target(of: object) ?? "?", mountPoint: entry.mountPoint, mountID: id,
                    heldSource: entry.sourceDescription,
                    currentSource: views.currentSource(at: entry.mountPoint, namespace: namespace)))
                continue
            }
            if internalMounts.contains(id) || views.isListed(mountID: id) { continue }
            guard let target = process.target(of: object) else { continue }
            if KernelInternalObjects.isInternal(target) {
                internalMounts.insert(id)
                continue
            }
            // An id no table lists: lazily unmounted, or a mount of a namespace no process we
            // can read lives in (a descriptor inherited across unshare(2)). Tell them apart by
            // the file system: if its device is still mounted where we can see it, the data is
            // not stale.
            let device = process.device(of: object)
            if let device, views.deviceIsMountedVisibly(device) {
                viaOtherNamespaces += 1
                continue
            }
            found.append(StaleFinding(
                pid: process.pid, command: "", unit: nil, kind: object.kind, reason: .detached,
                path: target, mountPoint: nil, mountID: id,
                heldSource: "detached mount \(id)" + (device.map { " (device \($0))" } ?? ""),
                currentSource: nil))
        }

        // Memory mappings, by device (maps gives no mount id).
        guard readsMappings else { return finish(found, process) }
        let namespace = process.namespace
        var interest = deviceInterest[namespace] ?? [:]
        let views = self.views
        let mappings = process.mappings { device in
            if let known = interest[device] { return known }
            let answer = views.overMountedMount(forDevice: device, namespace: namespace) != nil || views.deviceIsUnlisted(device)
            interest[device] = answer
            return answer
        }
        deviceInterest[namespace] = interest
        for mapping in mappings where !KernelInternalObjects.isInternal(mapping.path) {
            if let (entry, by) = views.overMountedMount(forDevice: mapping.device, namespace: namespace) {
                found.append(StaleFinding(
                    pid: process.pid, command: "", unit: nil, kind: .mmap, reason: .overMounted(by: by),
                    path: mapping.path, mountPoint: entry.mountPoint, mountID: entry.mountID,
                    heldSource: entry.sourceDescription,
                    currentSource: views.currentSource(at: entry.mountPoint, namespace: namespace)))
            } else if views.deviceIsUnlisted(mapping.device) {
                found.append(StaleFinding(
                    pid: process.pid, command: "", unit: nil, kind: .mmap, reason: .detached,
                    path: mapping.path, mountPoint: nil, mountID: nil,
                    heldSource: "detached mount (device \(mapping.device))", currentSource: nil))
            }
        }
        return finish(found, process)
    }

    private func finish(_ found: [StaleFinding], _ process: some ProcessView) -> [StaleFinding] {
        guard !found.isEmpty else { return [] }
        let command = process.commandLine()
        return StaleFinding.merged(found).map { finding in
            var finding = finding
            finding.command = command
            return finding
        }
    }

    /// Namespace findings: each namespace other than the reference compared once at the
    /// watched paths (default: every network file system and over-mounted mount point), and
    /// every process in a differing namespace named. Namespaces with their own root
    /// (containers) are skipped unless `includePrivate`; their count is returned.
    public static func namespaceFindings(
        views: MountViews, processes: [(pid: Int32, namespace: UInt64, command: () -> String)],
        watchedPaths explicit: [String], includePrivate: Bool
    ) -> (findings: [StaleFinding], watched: [String], privateSkipped: Int) {
        let reference = views.reference
        let explicitPaths = explicit.map(MountPath.normalized)
        var watchedAll = explicitPaths.isEmpty ? NamespaceViewCheck.defaultWatchedPaths(reference: reference) : explicitPaths
        var differencesByNamespace: [UInt64: [NamespaceViewCheck.Difference]] = [:]
        var skipped = 0
        for (namespace, table) in views.tables.sorted(by: { $0.key < $1.key }) where namespace != views.referenceNamespace {
            if !includePrivate && NamespaceViewCheck.hasOwnRoot(table, comparedTo: reference) {
                skipped += 1
                continue
            }
            let watched = explicitPaths.isEmpty
                ? NamespaceViewCheck.defaultWatchedPaths(reference: reference, other: table) : explicitPaths
            for path in watched where !watchedAll.contains(path) { watchedAll.append(path) }
            let differences = includePrivate
                ? NamespaceViewCheck.allDifferences(table, reference: reference, watched: watched)
                : NamespaceViewCheck.differences(table, reference: reference, watched: watched)
            if !differences.isEmpty { differencesByNamespace[namespace] = differences }
        }
        var findings: [StaleFinding] = []
        for process in processes {
            guard let differences = differencesByNamespace[process.namespace] else { continue }
            let command = process.command()
            for difference in differences {
                findings.append(StaleFinding(
                    pid: process.pid, command: command, unit: nil, kind: .namespace,
                    reason: .namespaceDiffers, path: difference.path,
                    mountPoint: difference.held?.mountPoint ?? difference.current?.mountPoint,
                    mountID: difference.held?.mountID,
                    heldSource: difference.held?.sourceDescription,
                    currentSource: difference.current?.sourceDescription))
            }
        }
        return (StaleFinding.merged(findings), watchedAll, skipped)
    }
}

/// Objects on kernel-internal mounts that no namespace lists: not files anyone mounted.
public enum KernelInternalObjects {
    static let prefixes = ["/memfd:", "/SYSV", "/dev/zero (deleted)", "/[aio]", "/anon_hugepage", "/dmabuf:", "/i915", "/drm mm object"]

    public static func isInternal(_ target: String) -> Bool {
        guard target.hasPrefix("/") else { return true }   // pipe:[…], socket:[…], anon_inode:…
        return prefixes.contains { target.hasPrefix($0) }
    }
}
