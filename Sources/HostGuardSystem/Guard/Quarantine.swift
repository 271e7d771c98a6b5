import HostGuardCore

/// Quarantine: instead of deleting, rename each target into `.hostguard-trash/<ID>/items/<n>`
/// at the root of the filesystem it is on. rename(2) within one filesystem is O(1) whatever the
/// size, keeps the inode, so owners, modes, timestamps, xattrs and hard links are kept, and
/// restoring is the same rename back.
public enum Quarantine {
    public static let directoryName = ".hostguard-trash"

    public struct Entry: Sendable {
        public var trashRoot: [UInt8]
        public var manifest: TrashManifest
    }

    /// Moves `targets` (real absolute paths) away. All or nothing: a failure moves back what
    /// was already moved. Returns the entry ID.
    public static func move(_ targets: [RawPath], argv: [[UInt8]], cwd: [UInt8], procfs: ProcFS = ProcFS()) throws(SystemError) -> String {
        let table = try procfs.ownMountTable()
        let now = Int64(system_wallClockSeconds())
        let id = UTCStamp.compact(now) + "-\(system_processID())"
        let user = system_userName(system_realUserID()) ?? "uid \(system_realUserID())"
        // Group targets by the filesystem (mount) they are on.
        var groups: [(root: [UInt8], items: [RawPath])] = []
        for target in targets {
            guard let mount = table.mountContaining(target.string) else {
                throw SystemError("quarantine", path: target.string, errno: .noSuchFileOrDirectory, hint: "no mount found for it")
            }
            if RawPath(mount.mountPoint) == target {
                throw SystemError("quarantine", path: target.string, errno: .resourceBusy, hint: "a mount point cannot be moved; unmount it first")
            }
            let root = Array(mount.mountPoint.utf8) == [0x2F] ? [] : Array(mount.mountPoint.utf8)
            if let index = groups.firstIndex(where: { $0.root == root }) {
                groups[index].items.append(target)
            } else {
                groups.append((root, [target]))
            }
        }
        var moved: [(from: [UInt8], to: [UInt8])] = []
        do {
            for group in groups {
                let trash = group.root + Array("/\(directoryName)".utf8)
                try ensureDirectory(trash)
                let entry = trash + Array("/\(id)".utf8)
                try system_makeDirectory(bytes: entry, mode: 0o700, existingIsFine: false)
                try system_makeDirectory(bytes: entry + Array("/items".utf8), mode: 0o700, existingIsFine: false)
                let manifest = TrashManifest(id: id, time: now, user: user, sudoUser: system_getenv("SUDO_USER"),
                                             cwd: cwd, argv: argv, items: group.items.map(\.bytes))
                try system_writeFileAtomically(String(decoding: entry, as: UTF8.self) + "/manifest", Array(manifest.serialized().utf8), mode: 0o600)
                for (index, item) in group.items.enumerated() {
                    let destination = entry + Array("/items/\(index)".utf8)
                    try system_renameNoReplace(item.bytes, destination)
                    moved.append((item.bytes, destination))
                }
            }
        } catch {
            for step in moved.reversed() { try? system_renameNoReplace(step.to, step.from) }
            throw error
        }
        return id
    }

    static func ensureDirectory(_ path: [UInt8]) throws(SystemError) {
        do {
            try system_makeDirectory(bytes: path, mode: 0o700, existingIsFine: false)
        } catch {
            if error.errno != .fileExists { throw error }
            let status = try system_stat(bytes: path, followSymlinks: false)
            guard status.isDirectory, !status.isSymlink else {
                throw SystemError("quarantine", path: String(decoding: path, as: UTF8.self), errno: .notDirectory, hint: "not a directory; move it away")
            }
        }
    }

    /// Every quarantine entry on every mounted filesystem, oldest first.
    public static func list(procfs: ProcFS = ProcFS()) throws(SystemError) -> [Entry] {
        let table = try procfs.ownMountTable()
        var entries: [Entry] = []
        var seenRoots: Set<[UInt8]> = []
        for mount in table.entries where table.isVisible(id: mount.mountID) {
            let root = mount.mountPoint == "/" ? [] : Array(mount.mountPoint.utf8)
            let trash = root + Array("/\(directoryName)".utf8)
            guard !seenRoots.contains(trash), let names = try? system_listDirectory(bytes: trash) else { continue }
            seenRoots.insert(trash)
            for name in names {
                let id = String(decoding: name.name, as: UTF8.self)
                guard let text = try? system_readText(String(decoding: trash, as: UTF8.self) + "/\(id)/manifest", limit: 1 << 20),
                      let manifest = TrashManifest.parse(text, id: id) else { continue }
                entries.append(Entry(trashRoot: trash, manifest: manifest))
            }
        }
        return entries.sorted { ($0.manifest.time, $0.manifest.id) < ($1.manifest.time, $1.manifest.id) }
    }

    /// Moves an entry's items back where they were. Refuses to overwrite anything that has
    /// appeared at an original path since.
    public static func restore(_ id: String, procfs: ProcFS = ProcFS()) throws(SystemError) -> [RawPath] {
        let entries = try list(procfs: procfs).filter { $0.manifest.id == id }
        guard !entries.isEmpty else {
            throw SystemError("restore", path: id, errno: .noSuchFileOrDirectory, hint: "no such quarantine entry; see `hostguard trash list`")
        }
        var restored: [RawPath] = []
        for entry in entries {
            let directory = entry.trashRoot + Array("/\(id)".utf8)
            for (index, original) in entry.manifest.items.enumerated() {
                let stored = directory + Array("/items/\(index)".utf8)
                if (try? system_stat(bytes: stored, followSymlinks: false)) == nil { continue }
                try system_renameNoReplace(stored, original)
                restored.append(RawPath(original))
            }
            try system_removeTree(directory)
        }
        return restored
    }

    /// Deletes entries older than `age` seconds. Returns the IDs purged.
    public static func purge(olderThan age: Int64, procfs: ProcFS = ProcFS()) throws(SystemError) -> [String] {
        let cutoff = Int64(system_wallClockSeconds()) - age
        var purged: [String] = []
        for entry in try list(procfs: procfs) where entry.manifest.time <= cutoff {
            try system_removeTree(entry.trashRoot + Array("/\(entry.manifest.id)".utf8))
            if !purged.contains(entry.manifest.id) { purged.append(entry.manifest.id) }
        }
        return purged
    }
}
