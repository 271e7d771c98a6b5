import HostGuardCore

/// Reads the database servers the guard knows of into `LiveServer` values: each data directory's
/// live set (the directory, a symlinked pg_wal, every tablespace under pg_tblspc/), its state
/// files (each checked to be a regular file before it is opened: a FIFO planted as
/// global/pg_control must not block), the storage beneath, and the processes holding it.
struct LiveServerReader {
    let procRoot: String
    var servers: [LiveServer] = []
    private var seen: Set<FileIdentity> = []

    init(procRoot: String) {
        self.procRoot = procRoot
    }

    /// Adds the server whose data directory is `path`, once per directory (by identity).
    mutating func add(_ kind: DataDirectoryKind, _ path: RawPath) {
        guard let status = try? system_stat(bytes: path.bytes, followSymlinks: true), status.isDirectory else { return }
        let identity = FileIdentity(device: status.device, inode: status.inode)
        guard seen.insert(identity).inserted else { return }
        var members = [LiveSetMember(path: path, role: "data directory", identity: identity,
                                     ancestors: TargetInspector.ancestors(of: path))]
        if kind == .postgresql {
            if let wal = Self.linked(path, "pg_wal") {
                members.append(LiveSetMember(path: wal.path, role: "WAL directory (pg_wal → \(wal.path))", identity: wal.identity,
                                             ancestors: TargetInspector.ancestors(of: wal.path)))
            }
            let spaces = path.bytes + Array("/pg_tblspc".utf8)
            for entry in ((try? system_listDirectory(bytes: spaces)) ?? []).sorted(by: { $0.name.lexicographicallyPrecedes($1.name) }) {
                let name = RawPath(entry.name)
                if let space = Self.linked(RawPath(spaces), name.string) {
                    members.append(LiveSetMember(path: space.path, role: "tablespace \(name) (→ \(space.path))", identity: space.identity,
                                                 ancestors: TargetInspector.ancestors(of: space.path)))
                }
            }
        }
        var server = LiveServer(kind: kind, directory: path, members: members)
        if kind == .postgresql {
            var planted: String?
            for name in kind.stateFiles {
                let file = path.bytes + [0x2F] + Array(name.utf8)
                if let status = try? system_stat(bytes: file, followSymlinks: false), !status.isRegularFile {
                    planted = "\(name) is not a regular file (a FIFO or device planted there?): not read"
                    break
                }
            }
            if let planted {
                server.readProblem = planted
            } else {
                server.reading = PostgresCluster.read(dataDirectory: path.string, procRoot: procRoot)
            }
        }
        servers.append(server)
    }

    /// `directory/name` when it is a symlink: where it leads, resolved, and what that is.
    static func linked(_ directory: RawPath, _ name: String) -> (path: RawPath, identity: FileIdentity?)? {
        let link = RawPath(directory.bytes + [0x2F] + Array(name.utf8))
        guard let status = try? system_stat(bytes: link.bytes, followSymlinks: false), status.isSymlink else { return nil }
        let resolved = PathResolver.resolve(link, cwd: directory, followFinalSymlink: true, in: LiveFileSystem())
        let target = try? system_stat(bytes: resolved.real.bytes, followSymlinks: true)
        return (resolved.real, target.map { FileIdentity(device: $0.device, inode: $0.inode) })
    }

    /// Configured data directories (`[[probe]] data_dir`) and the packaged places.
    mutating func addKnown(_ probes: [ProbeSpec]) {
        for probe in probes where probe.kind == "postgresql" {
            for setting in probe.settings where setting.key == "data_dir" {
                if case .string(let path) = setting.value, path.hasPrefix("/") { add(.postgresql, RawPath(path)) }
            }
        }
        for path in PostgresCluster.packagedDataDirectories() { add(.postgresql, RawPath(path)) }
    }

    /// The block devices and mount points beneath each live set.
    mutating func readStorage(mounts: MountTable?) {
        for index in servers.indices {
            var devices: [DeviceNumber] = []
            var points: [String] = []
            for member in servers[index].members {
                guard let identity = member.identity else { continue }
                let mount = mounts?.mountContaining(member.path.string)
                if let mount, !points.contains(mount.mountPoint) { points.append(mount.mountPoint) }
                for device in BlockDevices.beneath(status: identity.device, mountSource: mount?.source) where !devices.contains(device) {
                    devices.append(device)
                }
            }
            servers[index].devices = devices
            servers[index].mountPoints = points
        }
    }

    /// Servers the scan shows running that were not known yet: a process whose cwd is a data
    /// directory (a postmaster and its children chdir into it; so does mysqld). Only cwds in
    /// this mount namespace, on mounts that answer.
    mutating func addRunning(_ scan: ProcessScan, liveness: MountLiveness) {
        var looked: Set<String> = []
        for entry in scan.entries where entry.root == "/" {
            guard let cwd = entry.cwd, cwd != "/", cwd.hasPrefix("/"), looked.insert(cwd).inserted else { continue }
            let path = RawPath(cwd)
            if liveness.notAnswering(path) != nil { continue }
            let kind = DataDirectoryKind.recognise { name in
                (try? system_stat(bytes: path.bytes + [0x2F] + Array(name.utf8), followSymlinks: false)) != nil
            }
            if let kind { add(kind, path) }
        }
    }

    /// The processes holding each server's live set: cwd or open files under a member (by path),
    /// or, for a process in its own root (a container), a cwd that is the data directory itself
    /// by device and inode (read from the kernel's cache: no round trip to any server).
    mutating func attachHolders(_ scan: ProcessScan) {
        // Each distinct cwd once, by identity from the kernel's cache (no round trip to a
        // network server): a bind mount or another spelling of a data directory matches.
        var cwdIdentity: [String: FileIdentity] = [:]
        for entry in scan.entries where entry.root == "/" {
            guard let cwd = entry.cwd, cwd != "/", cwdIdentity[cwd] == nil,
                  let cached = try? system_statxCached(-100, "\(procRoot)/\(entry.pid)/cwd") else { continue }
            cwdIdentity[cwd] = FileIdentity(device: DeviceNumber(major: cached.deviceMajor, minor: cached.deviceMinor).encoded, inode: cached.inode)
        }
        for index in servers.indices {
            let paths = servers[index].members.map(\.path)
            let dataIdentity = servers[index].members.first?.identity
            var holders: [ProcessFact] = []
            for entry in scan.entries {
                var how: String?
                if ProcessScan.inside(entry.cwd, paths) || (entry.cwd.flatMap { cwdIdentity[$0] } == dataIdentity && dataIdentity != nil) {
                    how = "cwd"
                } else if entry.files.contains(where: { ProcessScan.inside($0, paths) }) {
                    how = "open file"
                } else if entry.root != "/", let dataIdentity,
                          let cached = try? system_statxCached(-100, "\(procRoot)/\(entry.pid)/cwd"),  // -100: AT_FDCWD
                          DeviceNumber(major: cached.deviceMajor, minor: cached.deviceMinor).encoded == dataIdentity.device,
                          cached.inode == dataIdentity.inode {
                    how = "cwd (in its own root)"
                }
                if let how { holders.append(ProcessFact(pid: Int(entry.pid), command: scan.name(of: entry.pid), how: how)) }
            }
            servers[index].holders = holders
        }
    }
}
