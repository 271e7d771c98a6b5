/// Whether a mount in a table can be reached by path, and if not, why.
public enum MountVisibility: Hashable, Sendable {
    /// Walking its mount point from the root lands on it.
    case visible
    /// Something mounted later covers it: at the same point (a stack) or on a directory above
    /// its mount point. `by` is the mount a path walk reaches instead.
    case overMounted(by: Int)
    /// Its parent (or an ancestor) is itself shadowed, so nothing below it can be reached.
    case belowShadowed(ancestor: Int)

    public var isVisible: Bool { self == .visible }
}

/// One mount namespace's table as a tree, answering the questions the mount scan and the guard
/// ask: which mount a path is on, what lies at or below a path, and which mounts are shadowed.
///
/// Paths are those of the table (relative to the root of the process whose mountinfo was read).
public struct MountTable: Sendable {
    /// Mounts in file order.
    public let entries: [MountEntry]
    private let indexByID: [Int: Int]
    private let childrenByParent: [Int: [Int]]
    private let rootIndex: Int?
    private let visibilities: [MountVisibility]
    private let indicesByDevice: [DeviceNumber: [Int]]

    public init(_ entries: [MountEntry]) {
        self.entries = entries
        var indexByID: [Int: Int] = [:]
        for (index, entry) in entries.enumerated() { indexByID[entry.mountID] = index }
        var children: [Int: [Int]] = [:]
        for (index, entry) in entries.enumerated() where entry.parentID != entry.mountID {
            children[entry.parentID, default: []].append(index)
        }
        // The namespace root: mounted at "/" with a parent outside the table (the kernel shows
        // the parent id of the namespace's root mount, which is not itself listed).
        let root = entries.indices.first {
            entries[$0].mountPoint == "/"
                && (indexByID[entries[$0].parentID] == nil || entries[$0].parentID == entries[$0].mountID)
        } ?? entries.indices.first { entries[$0].mountPoint == "/" }
        self.indexByID = indexByID
        var byDevice: [DeviceNumber: [Int]] = [:]
        for (index, entry) in entries.enumerated() { byDevice[entry.device, default: []].append(index) }
        self.indicesByDevice = byDevice
        self.childrenByParent = children
        self.rootIndex = root

        var visibilities = [MountVisibility](repeating: .visible, count: entries.count)
        var done = [Bool](repeating: false, count: entries.count)
        func visibility(of index: Int, depth: Int) -> MountVisibility {
            if done[index] { return visibilities[index] }
            let entry = entries[index]
            // Visible exactly when the walk to its mount point lands on it. A stacked mount is
            // the child of the one it covers, so this is asked before looking at the parent.
            var result: MountVisibility = .visible
            let reached = Self.walk(entry.mountPoint, entries, children, root)
            if let reached, reached != index {
                result = .overMounted(by: entries[reached].mountID)
                if let parent = indexByID[entry.parentID], parent != index, depth < 4096 {
                    switch visibility(of: parent, depth: depth + 1) {
                    case .visible: break
                    case .overMounted: result = .belowShadowed(ancestor: entries[parent].mountID)
                    case .belowShadowed(let ancestor): result = .belowShadowed(ancestor: ancestor)
                    }
                }
            }
            visibilities[index] = result
            done[index] = true
            return result
        }
        for index in entries.indices { _ = visibility(of: index, depth: 0) }
        self.visibilities = visibilities
    }

    public init(parsing mountinfo: Substring) {
        self.init(MountInfoParser.parse(mountinfo))
    }

    /// The kernel's path walk over the table: start at the root, and at each step cross into the
    /// child mounted on the *nearest* directory along the path (a mount on "/srv" hides one on
    /// "/srv/pages" attached to the same parent, because the walk enters "/srv" first). Among
    /// mounts on the same spot the later one is on top.
    private static func walk(_ path: String, _ entries: [MountEntry], _ children: [Int: [Int]], _ root: Int?) -> Int? {
        guard var current = root else { return nil }
        var steps = 0
        while steps < 4096 {
            steps += 1
            var best: Int?
            for child in children[entries[current].mountID] ?? [] where child != current {
                let point = entries[child].mountPoint
                guard MountPath.isPrefix(point, of: path) else { continue }
                if let chosen = best, entries[chosen].mountPoint.utf8.count < point.utf8.count { continue }
                best = child
            }
            guard let next = best else { break }
            current = next
        }
        return current
    }

    // MARK: - Lookups

    public func entry(id: Int) -> MountEntry? { indexByID[id].map { entries[$0] } }

    public func contains(id: Int) -> Bool { indexByID[id] != nil }

    public var rootMount: MountEntry? { rootIndex.map { entries[$0] } }

    /// The mount a path walk reaches for `path` (absolute): the mount that contains it as seen now.
    public func mountContaining(_ path: String) -> MountEntry? {
        Self.walk(MountPath.normalized(path), entries, childrenByParent, rootIndex).map { entries[$0] }
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
    public func isShadowed(id: Int) -> Bool {
        guard let visibility = visibility(ofID: id) else { return false }
        return !visibility.isVisible
    }

    public var shadowedMounts: [MountEntry] {
        entries.indices.filter { !visibilities[$0].isVisible }.map { entries[$0] }
    }

    /// Mounts carrying files of device `device` (several for bind mounts).
    public func mounts(onDevice device: DeviceNumber) -> [MountEntry] {
        (indicesByDevice[device] ?? []).map { entries[$0] }
    }
}
