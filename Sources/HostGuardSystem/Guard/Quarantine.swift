import HostGuardCore

/// Quarantine: instead of deleting, rename each target into `.hostguard-trash/<ID>/items/<n>`
/// at the root of the filesystem it is on. rename(2) within one filesystem is O(1) whatever the
/// size, keeps the inode, so owners, modes, timestamps, xattrs and hard links are kept, and
/// restoring is the same rename back.
///
/// The trash is found, not searched for: every folder used is recorded in the registry
/// (`HostLocations.trashRegistry`, see `TrashRegistry`) before anything is moved into it, and
/// list/restore/purge open only the registered folders, each on a helper thread with a
/// deadline, so a folder on a mount that does not answer is reported, not waited on.
public enum Quarantine {
    /// The folder name for this user (`.hostguard-trash` for root).
    public static var directoryName: String { TrashFolder.name(forUser: system_effectiveUserID()) }
    /// How long list/restore/purge wait for all folders together.
    public static let lookMilliseconds = 1_500

    public struct Entry: Sendable {
        public var trashRoot: [UInt8]
        public var manifest: TrashManifest
    }

    /// A registered folder that was not looked into, and why.
    public struct UncheckedFolder: Sendable {
        public var folder: [UInt8]
        public var reason: String
    }

    /// What the registered folders hold, and the folders that could not be checked.
    public struct Listing: Sendable {
        public var entries: [Entry] = []
        public var unchecked: [UncheckedFolder] = []
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
        guard let registry = HostLocations.trashRegistry() else {
            throw SystemError("quarantine", errno: .noSuchFileOrDirectory, hint: "no place for the trash registry: set HOME or HOSTGUARD_TRASH_REGISTRY")
        }
        var moved: [(from: [UInt8], to: [UInt8])] = []
        do {
            for group in groups {
                let trash = group.root + Array("/\(directoryName)".utf8)
                try ensureTrustedFolder(trash)
                try register(trash, in: registry)
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

    /// The folder exists (made here: 0700, this user's) and may be used (`TrashFolder.distrust`).
    static func ensureTrustedFolder(_ path: [UInt8]) throws(SystemError) {
        var created = true
        do {
            try system_makeDirectory(bytes: path, mode: 0o700, existingIsFine: false)
        } catch {
            if error.errno != .fileExists { throw error }
            created = false
        }
        let (fd, status): (Int32, FileStatus)
        do {
            (fd, status) = try system_openDirectoryNoFollow(bytes: path)
        } catch {
            if error.errno == .notDirectory || error.errno == .tooManySymbolicLinkLevels {
                throw SystemError("quarantine into", path: describePath(path), errno: .notDirectory,
                                  hint: "it is not a directory (a symlink or file put there by someone): refusing to quarantine; move it away")
            }
            throw error
        }
        defer { system_close(fd) }
        // mkdir's mode passes through the umask: set it exactly on what was just made.
        if created { try system_changeMode(descriptor: fd, path: path, mode: 0o700) }
        let now = created ? try system_fstat(fd, path: describePath(path)) : status
        if let reason = TrashFolder.distrust(isDirectory: now.isDirectory, owner: now.owner, permissions: now.permissions, user: system_effectiveUserID()) {
            throw SystemError("quarantine into", path: describePath(path), errno: .notPermitted, hint: "\(reason); refusing to quarantine")
        }
    }

    /// Appends `folder` to the registry unless it is there already, creating the registry (and
    /// its directory, 0755) if needed. The registry must be this user's and writable by no one
    /// else: whoever can write it decides which folders root opens.
    static func register(_ folder: [UInt8], in registry: String) throws(SystemError) {
        let known = try readRegistry(registry)
        if known.contains(folder) { return }
        var prefix = ""
        for component in registry.split(separator: "/").dropLast() {
            prefix += "/" + component
            try system_makeDirectory(prefix, mode: 0o755, existingIsFine: true)
        }
        let (fd, status) = try system_openForAppend(bytes: Array(registry.utf8), mode: 0o644)
        defer { system_close(fd) }
        if let reason = registryDistrust(status) {
            throw SystemError("trash registry", path: registry, errno: .notPermitted, hint: reason)
        }
        try system_writeAll(fd, Array(TrashRegistry.addition(folder, toEmptyFile: status.size == 0).utf8))
    }

    /// The registered folders; none when the registry does not exist yet.
    static func readRegistry(_ registry: String) throws(SystemError) -> [[UInt8]] {
        let status: FileStatus, bytes: [UInt8]
        do {
            (bytes, status) = try system_readFileAndStatus(bytes: Array(registry.utf8), limit: 4 << 20, followSymlinks: false)
        } catch {
            if error.errno == .noSuchFileOrDirectory { return [] }
            throw error
        }
        if let reason = registryDistrust(status) {
            throw SystemError("trash registry", path: registry, errno: .notPermitted, hint: reason)
        }
        guard let folders = TrashRegistry.parse(String(decoding: bytes, as: UTF8.self)[...]) else {
            throw SystemError("trash registry", path: registry, errno: .invalidArgument, hint: "not a hostguard trash registry (first line is not \"\(TrashRegistry.header)\")")
        }
        return folders
    }

    static func registryDistrust(_ status: FileStatus) -> String? {
        guard status.isRegularFile else { return "not a regular file" }
        let uid = system_effectiveUserID()
        guard status.owner == uid else { return "owned by uid \(status.owner), not \(uid == 0 ? "root" : "uid \(uid)"): not used" }
        guard status.permissions & 0o022 == 0 else { return "writable by others: not used" }
        return nil
    }

    /// One registered folder as read on its helper thread: what it is, and its entries.
    struct FolderLook: Sendable {
        var status: FileStatus?
        var error: SystemError?
        var entries: [(id: String, status: FileStatus, text: String)] = []
    }

    static func look(_ folder: [UInt8]) -> FolderLook {
        var look = FolderLook()
        do {
            let (fd, status) = try system_openDirectoryNoFollow(bytes: folder)
            system_close(fd)
            look.status = status
            for name in try system_listDirectory(bytes: folder) {
                let manifestPath = folder + [0x2F] + name.name + Array("/manifest".utf8)
                guard let (bytes, status) = try? system_readFileAndStatus(bytes: manifestPath, limit: 1 << 20, followSymlinks: false) else { continue }
                look.entries.append((String(decoding: name.name, as: UTF8.self), status, String(decoding: bytes, as: UTF8.self)))
            }
        } catch {
            look.error = error
        }
        return look
    }

    /// Every entry in every registered folder, oldest first, and the folders not checked: on a
    /// mount that did not answer within `lookMilliseconds`, or not trusted.
    public static func list(milliseconds: Int = lookMilliseconds) throws(SystemError) -> Listing {
        guard let registry = HostLocations.trashRegistry() else { return Listing() }
        let folders = try readRegistry(registry)
        let looks = system_runWithDeadline(folders.map { folder in { @Sendable in look(folder) } }, milliseconds: milliseconds)
        let uid = system_effectiveUserID()
        var listing = Listing()
        for (folder, look) in zip(folders, looks) {
            guard let look else {
                listing.unchecked.append(UncheckedFolder(folder: folder, reason: "not checked (mount not answering)"))
                continue
            }
            if let error = look.error {
                // A folder that is gone (purged by hand, its disk not mounted) has nothing to list.
                if !error.isNotFound {
                    listing.unchecked.append(UncheckedFolder(folder: folder, reason: "not checked (\(error))"))
                }
                continue
            }
            guard let status = look.status else { continue }
            if let reason = TrashFolder.distrust(isDirectory: status.isDirectory, owner: status.owner, permissions: status.permissions, user: uid) {
                listing.unchecked.append(UncheckedFolder(folder: folder, reason: "not used (\(reason))"))
                continue
            }
            for entry in look.entries where entry.status.owner == uid {
                guard let manifest = TrashManifest.parse(entry.text, id: entry.id) else { continue }
                listing.entries.append(Entry(trashRoot: folder, manifest: manifest))
            }
        }
        listing.entries.sort { ($0.manifest.time, $0.manifest.id) < ($1.manifest.time, $1.manifest.id) }
        return listing
    }

    /// Moves an entry's items back where they were. Refuses to overwrite anything that has
    /// appeared at an original path since.
    public static func restore(_ id: String) throws(SystemError) -> [RawPath] {
        let listing = try list()
        let entries = listing.entries.filter { $0.manifest.id == id }
        guard !entries.isEmpty else {
            let unchecked = listing.unchecked.map { describePath($0.folder) + ": " + $0.reason }
            throw SystemError("restore", path: id, errno: .noSuchFileOrDirectory,
                              hint: "no such quarantine entry; see `hostguard trash list`" + (unchecked.isEmpty ? "" : "; " + unchecked.joined(separator: "; ")))
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

    /// Deletes entries older than `age` seconds, in the folders that answered. Returns the IDs
    /// purged and the folders not checked.
    public static func purge(olderThan age: Int64) throws(SystemError) -> (purged: [String], unchecked: [UncheckedFolder]) {
        let cutoff = Int64(system_wallClockSeconds()) - age
        let listing = try list()
        var purged: [String] = []
        for entry in listing.entries where entry.manifest.time <= cutoff {
            try system_removeTree(entry.trashRoot + Array("/\(entry.manifest.id)".utf8))
            if !purged.contains(entry.manifest.id) { purged.append(entry.manifest.id) }
        }
        return (purged, listing.unchecked)
    }
}
