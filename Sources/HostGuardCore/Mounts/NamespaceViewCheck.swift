/// The `/proc/<pid>/mounts` vs `/proc/mounts` check from the 2017 Pages post-mortem: does a
/// namespace see something else at a watched path than the host does?
public enum NamespaceViewCheck {
    /// A watched path where two views differ.
    public struct Difference: Sendable, Equatable {
        public var path: String
        /// What the process's namespace shows at the path (nil: nothing but its root).
        public var held: MountEntry?
        /// What the reference (host) namespace shows.
        public var current: MountEntry?
    }

    /// Paths to compare when none are configured: where every network file system is mounted
    /// (in the host view and in the namespace's own) and where the host has a shadowed mount.
    public static func defaultWatchedPaths(reference: MountTable, other: MountTable? = nil) -> [String] {
        var paths: [String] = []
        var seen = Set<String>()
        func add(_ path: String) { if seen.insert(path).inserted { paths.append(path) } }
        for entry in reference.entries where entry.isNetworkFilesystem && reference.isVisible(id: entry.mountID) {
            add(entry.mountPoint)
        }
        for entry in reference.overMountedMounts { add(entry.mountPoint) }
        if let other {
            for entry in other.entries where entry.isNetworkFilesystem && other.isVisible(id: entry.mountID) {
                add(entry.mountPoint)
            }
        }
        return paths
    }

    /// A namespace with its own root (a container, a chroot-like sandbox) sees a different tree
    /// on purpose; comparing it path by path with the host would flag everything.
    public static func hasOwnRoot(_ other: MountTable, comparedTo reference: MountTable) -> Bool {
        guard let mine = other.mountContaining("/"), let host = reference.mountContaining("/") else { return true }
        return !mine.showsSameContent(as: host)
    }

    /// Differences at the watched paths; benign systemd sandboxing (see `isBenign`) left out.
    public static func differences(_ other: MountTable, reference: MountTable, watched: [String]) -> [Difference] {
        var result: [Difference] = []
        for path in watched {
            let held = other.mountContaining(path)
            let current = reference.mountContaining(path)
            switch (held, current) {
            case let (held?, current?) where held.showsSameContent(as: current): continue
            case (nil, nil): continue
            default: break
            }
            let difference = Difference(path: path, held: held, current: current)
            if !isBenign(difference) { result.append(difference) }
        }
        return result
    }

    /// Every difference, benign ones included (`--include-private`).
    public static func allDifferences(_ other: MountTable, reference: MountTable, watched: [String]) -> [Difference] {
        watched.compactMap { path in
            let held = other.mountContaining(path), current = reference.mountContaining(path)
            if let held, let current, held.showsSameContent(as: current) { return nil }
            if held == nil && current == nil { return nil }
            return Difference(path: path, held: held, current: current)
        }
    }

    /// systemd's sandboxing gives a unit its own /tmp and /var/tmp (PrivateTmp=: a bind of
    /// /tmp/systemd-private-*-UNIT-*/tmp), hides paths behind /run/systemd/inaccessible/*
    /// (InaccessiblePaths=, ProtectHome=) or an empty tmpfs (ProtectHome=tmpfs, PrivateDevices=
    /// on /dev). These differ from the host on purpose.
    public static func isBenign(_ difference: Difference) -> Bool {
        guard let held = difference.held else { return false }
        if held.root.contains("/systemd-private-") || held.source.contains("/systemd-private-") { return true }
        if held.root.hasPrefix("/systemd/inaccessible") || held.root.contains("/run/systemd/inaccessible") { return true }
        let sandboxedPaths: Set<String> = ["/tmp", "/var/tmp", "/home", "/root", "/run/user", "/dev"]
        // A private tmpfs on one of these paths is systemd's doing (or a container runtime's);
        // a migrated share is not mounted as tmpfs.
        if held.filesystemType == "tmpfs", sandboxedPaths.contains(held.mountPoint),
           difference.current?.filesystemType != "tmpfs" || held.source == "tmpfs" {
            return true
        }
        return false
    }
}
