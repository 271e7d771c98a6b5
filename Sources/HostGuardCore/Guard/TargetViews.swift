/// The other names and views a target's files have through the mount table: bind mounts of the
/// same file system, and the host's view when the guard runs in another mount namespace.
public enum TargetViews {
    /// The same files under other names: every other visible mount of the same device whose root
    /// is above the target's place in that file system (bind mounts, mountinfo field 4: see
    /// proc_pid_mountinfo(5)).
    public static func aliases(of real: RawPath, on mount: MountEntry?, in table: MountTable) -> [RawPath] {
        guard let mount else { return [] }
        let relative = Array(real.components.dropFirst(RawPath(mount.mountPoint).components.count))
        let inFilesystem = RawPath(mount.root).components + relative
        var result: [RawPath] = []
        for other in table.mounts(onDevice: mount.device) where other.mountID != mount.mountID && table.isVisible(id: other.mountID) {
            let otherRoot = RawPath(other.root).components
            guard inFilesystem.count >= otherRoot.count, Array(inFilesystem.prefix(otherRoot.count)) == otherRoot else { continue }
            let alias = RawPath.absolute(RawPath(other.mountPoint).components + inFilesystem.dropFirst(otherRoot.count))
            if alias != real && !result.contains(alias) { result.append(alias) }
        }
        return result
    }

    /// Here vs the host for the mount a target is on, through `NamespaceViewCheck` (the one view
    /// comparison): nil when the host shows the same thing at that mount point.
    public static func namespace(of mine: MountEntry, here: MountTable, host: MountTable) -> NamespaceFact? {
        guard let difference = NamespaceViewCheck.allDifferences(here, reference: host, watched: [mine.mountPoint]).first else {
            // Same content at the mount point; it may still be over-mounted on the host.
            return nil
        }
        let stacked = host.mounts(at: mine.mountPoint)
        let shadowed = stacked.contains { $0.showsSameContent(as: mine) && host.isShadowed(id: $0.mountID) }
        let current = difference.current.flatMap { $0.mountPoint == mine.mountPoint ? $0 : nil } ?? stacked.last
        return NamespaceFact(mountPoint: mine.mountPoint, here: fact(mine), onHost: current.map(fact), shadowedOnHost: shadowed)
    }

    public static func fact(_ entry: MountEntry) -> MountFact {
        MountFact(mountPoint: entry.mountPoint, filesystemType: entry.filesystemType,
                  source: entry.source + (entry.root == "/" ? "" : "[\(entry.root)]"), isNetwork: entry.isNetworkFilesystem)
    }

    /// File systems whose look-ups can wait forever: network ones and every FUSE file system (its
    /// daemon may have stopped reading requests).
    public static func mayNotAnswer(_ entry: MountEntry) -> Bool {
        entry.isNetworkFilesystem || entry.filesystemType == "fuse" || entry.filesystemType == "fuseblk"
            || entry.filesystemType.hasPrefix("fuse.")
    }
}

extension DeviceNumber {
    /// From a kernel dev_t as glibc encodes it (sys/sysmacros.h `gnu_dev_major`/`gnu_dev_minor`).
    public init(encoded dev: UInt64) {
        self.init(major: UInt32(truncatingIfNeeded: ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))),
                  minor: UInt32(truncatingIfNeeded: (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))))
    }
}

extension DeviceNumber {
    /// The dev_t glibc would encode (sys/sysmacros.h `gnu_dev_makedev`), to compare with st_dev.
    public var encoded: UInt64 {
        let major = UInt64(self.major), minor = UInt64(self.minor)
        return ((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff)
    }
}
