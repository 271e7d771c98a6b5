/// Whether a mount listed in a table can be reached by path. (A mount listed in *no* table is
/// the third state, detached: see `MountPlacement.detached`.)
public enum MountVisibility: Hashable, Sendable {
    /// Walking its mount point from the table's root lands on it.
    case visible
    /// Something covers it: a mount stacked on it at the same point, or a mount on a directory
    /// above its mount point (or above a mount it hangs from). `by` is the mount a path walk
    /// reaches instead.
    case overMounted(by: Int)

    public var isVisible: Bool { self == .visible }
}

/// One mount namespace's table as a tree, answering the questions the mount scan and the guard
/// ask: which mount a path is on, what lies at or below a path, and which mounts are covered.
///
/// Paths are those of the table: relative to the root of the process whose mountinfo was read
/// (the kernel lists only mounts reachable from that root: fs/proc_namespace.c `show_mountinfo`
/// skips the rest). So a table need not contain "/" (read inside a chroot) and a mount's parent
/// need not be listed (the namespace root's parent never is; in a chroot or a trimmed table,
/// several mounts hang from mounts outside it). Such a mount is the top of a subtree this table
/// can check: it is over-mounted only if something in the table covers it, never merely because
/// its parent is missing. Path walks start from an implicit root holding all of them, so a
/// chroot's table is checked relative to its own root.
///
/// For the guard (`TargetInspector`): `mountContaining(path)` is the mount a path is on now,
/// `mounts(at:)`/`mounts(atOrBelow:)` what a command under a path would cross, and
/// `isVisible(id:)` whether a mount can be reached by path.
public struct MountTable: Sendable {
    /// Mounts in file order.
    public let entries: [MountEntry]
    private let indexByID: [Int: Int]
    /// Child indices by (parent index or -1 for "outside the table", mount point): the topmost
    /// (last listed) one at each point is what a walk enters.
    private let childAt: [ChildKey: Int]
    private let visibilities: [MountVisibility]
    private let indicesByDevice: [DeviceNumber: [Int]]
    /// Entries whose parent is not in the table.
    private let topIndices: [Int]

    private struct ChildKey: Hashable {
        var parent: Int
        var point: String
    }

    public init(_ entries: [MountEntry]) {
        self.entries = entries
        var indexByID: [Int: Int] = [:]
        for (index, entry) in entries.enumerated() { indexByID[entry.mountID] = index }
        var childAt: [ChildKey: Int] = [:]
        var tops: [Int] = []
        for (index, entry) in entries.enumerated() {
            let parent = entry.parentID == entry.mountID ? nil : indexByID[entry.parentID]
            if parent == nil { tops.append(index) }
            // (A cycle of parents cannot come from a kernel; `top` below stops at one.)
            // Later in the file is later attached: on top of an earlier sibling at the same spot.
            childAt[ChildKey(parent: parent ?? -1, point: entry.mountPoint)] = index
        }
        var byDevice: [DeviceNumber: [Int]] = [:]
        for (index, entry) in entries.enumerated() { byDevice[entry.device, default: []].append(index) }
        self.indexByID = indexByID
        self.childAt = childAt
        self.indicesByDevice = byDevice
        self.topIndices = tops

        // Each mount is checked by walking to its mount point from the top of its own subtree
        // (the ancestor whose parent is outside the table): what lies outside cannot be judged.
        var topOf = [Int](repeating: -1, count: entries.count)
        func top(_ index: Int) -> Int {
            if topOf[index] >= 0 { return topOf[index] }
            var chain: [Int] = []
            var at = index
            while topOf[at] < 0, chain.count < 4096 {
                chain.append(at)
                let entry = entries[at]
                guard entry.parentID != entry.mountID, let parent = indexByID[entry.parentID], !chain.contains(parent) else { break }
                at = parent
            }
            let found = topOf[at] >= 0 ? topOf[at] : at
            for member in chain { topOf[member] = found }
            return found
        }
        var visibilities = [MountVisibility](repeating: .visible, count: entries.count)
        for index in entries.indices {
            let start = top(index)
            var reached = Self.walk(entries[index].mountPoint, from: start, entries, childAt) ?? index
            // Tops hanging from the same outside mount at the same point: the later is on top.
            if reached == index, start == index, let later = childAt[ChildKey(parent: -1, point: entries[index].mountPoint)],
               later != index, entries[later].parentID == entries[index].parentID {
                reached = Self.walk(entries[index].mountPoint, from: later, entries, childAt) ?? later
            }
            if reached != index { visibilities[index] = .overMounted(by: entries[reached].mountID) }
        }
        self.visibilities = visibilities
    }

    public init(parsing mountinfo: Substring) {
        self.init(MountInfoParser.parse(mountinfo))
    }

    /// The kernel's path walk over the table: at each mount, cross into the child mounted on the
    /// *nearest* directory along the path (a mount on "/srv" hides one on "/srv/pages" attached
    /// to the same parent, because the walk enters "/srv" first); a mount stacked on the same
    /// point is entered at once. `from` -1 is the implicit root above the top mounts. Returns
    /// the index reached (nil: no mount at all along the path).
    private static func walk(_ path: String, from start: Int, _ entries: [MountEntry], _ childAt: [ChildKey: Int]) -> Int? {
        // Component prefixes of the path: "/", "/srv", "/srv/pages".
        var prefixes = ["/"]
        var current = ""
        for component in path.utf8.split(separator: UInt8(ascii: "/")) {
            current += "/" + String(Substring(component))
            prefixes.append(current)
        }
        var at = start
        var position = 0
        if start >= 0 {
            // Start at the mount's own point: only what is attached at or below it matters.
            position = prefixes.firstIndex(of: entries[start].mountPoint) ?? prefixes.count
        }
        var steps = 0
        while position < prefixes.count, steps < 4096 {
            steps += 1
            if let child = childAt[ChildKey(parent: at, point: prefixes[position])], child != at {
                at = child
                continue   // the same point again: something may be stacked on this one
            }
            position += 1
        }
        return at >= 0 ? at : nil
    }

    // MARK: - Lookups

    public func entry(id: Int) -> MountEntry? { indexByID[id].map { entries[$0] } }

    public func contains(id: Int) -> Bool { indexByID[id] != nil }

    /// What a walk reaches at "/": the namespace's root as seen now (nil in a chroot's table,
    /// where nothing is mounted on the root itself).
    public var rootMount: MountEntry? {
        Self.walk("/", from: -1, entries, childAt).flatMap { entries[$0].mountPoint == "/" ? entries[$0] : nil }
    }

    /// Mounts whose parent is not in this table: the namespace root, or in a chroot's table each
    /// mount below the new root.
    public var topMounts: [MountEntry] { topIndices.map { entries[$0] } }

    /// True when `id` hangs from a mount outside this table (see `topMounts`).
    public func isAttachedOutside(id: Int) -> Bool {
        guard let index = indexByID[id] else { return false }
        return topIndices.contains(index)
    }

    /// The mount a path walk reaches for `path` (absolute): the mount that contains it as seen
    /// now. Nil when no listed mount lies along the path (a chroot's table, a path outside it).
    public func mountContaining(_ path: String) -> MountEntry? {
        Self.walk(MountPath.normalized(path), from: -1, entries, childAt).map { entries[$0] }
    }

    /// Every mount whose mount point is `path` or below it, visible or not, in file order.
    public func mounts(atOrBelow path: String) -> [MountEntry] {
        let path = MountPath.normalized(path)
        return entries.filter { MountPath.isPrefix(path, of: $0.mountPoint) }
    }

    /// The mounts stacked exactly at `mountPoint`, in file order (bottom first).
    public func mounts(at mountPoint: String) -> [MountEntry] {
        let path = MountPath.normalized(mountPoint)
        return entries.filter { $0.mountPoint == path }
    }

    /// Mounts whose mount point is a component prefix of `path`: every mount the path could
    /// have been opened through, now or before something covered it.
    public func mountsAlong(_ path: String) -> [MountEntry] {
        let path = MountPath.normalized(path)
        return entries.filter { MountPath.isPrefix($0.mountPoint, of: path) }
    }

    public func visibility(ofID id: Int) -> MountVisibility? { indexByID[id].map { visibilities[$0] } }

    public func isVisible(id: Int) -> Bool { visibility(ofID: id) == .visible }

    /// True for a mount in this table that a path walk can no longer reach.
    public func isOverMounted(id: Int) -> Bool {
        guard let visibility = visibility(ofID: id) else { return false }
        return !visibility.isVisible
    }

    /// The former name of `isOverMounted(id:)`, kept for the guard's code.
    public func isShadowed(id: Int) -> Bool { isOverMounted(id: id) }

    /// Every over-mounted mount, in file order.
    public var overMountedMounts: [MountEntry] {
        entries.indices.filter { !visibilities[$0].isVisible }.map { entries[$0] }
    }

    /// The former name of `overMountedMounts`.
    public var shadowedMounts: [MountEntry] { overMountedMounts }

    /// Mount ids of every over-mounted mount: the set the stale scan looks ids up in.
    public var overMountedIDs: Set<Int> {
        Set(entries.indices.filter { !visibilities[$0].isVisible }.map { entries[$0].mountID })
    }

    /// Mounts carrying files of device `device` (several for bind mounts).
    public func mounts(onDevice device: DeviceNumber) -> [MountEntry] {
        (indicesByDevice[device] ?? []).map { entries[$0] }
    }
}
