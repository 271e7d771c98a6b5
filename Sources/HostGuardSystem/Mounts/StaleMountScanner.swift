import HostGuardCore

/// What to scan and compare.
public struct MountScanOptions: Sendable {
    /// The procfs tree to read ("/proc"; tests may pass another).
    public var procRoot = "/proc"
    /// Paths whose view is compared across namespaces; empty means every network file system
    /// and every shadowed mount point (`NamespaceViewCheck.defaultWatchedPaths`).
    public var watchedPaths: [String] = []
    /// Report namespace differences of containers and systemd-sandboxed units too.
    public var includePrivateNamespaces = false
    /// Whose view is "the host's": nil for our own (what /proc/mounts shows us); a pid (1) when
    /// hostguard itself runs in a sandbox with a namespace of its own.
    public var referencePID: Int32?
    /// Threads for reading processes; nil: one per core, at most 4.
    public var threads: Int?
    /// Use statx(2) with cached attributes to place objects (default). False reads /proc files
    /// only; a descriptor on a mount no table lists is then reported as detached even when it
    /// came from a namespace no readable process is in.
    public var useStatx = true
    /// Read every process's memory mappings: `auto` only when a table shows a mount a mapping
    /// could be stale on (see `StaleMountFinder.MappingScan`).
    public var mappings: StaleMountFinder.MappingScan = .auto

    public init() {}
}

/// The scan could not run at all (exit 2): our own /proc entry or the process list is unreadable.
public struct MountScanFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Reads what the stale-mount decision needs and hands it to Core's `StaleMountFinder`:
/// every mount namespace's table, then per process a `LiveProcessView` (mount id of cwd, root
/// and every descriptor; target, device, maps and command line only when the finder asks).
///
/// Only /proc is read, and the kernel's cached answers: cwd, root and every descriptor are
/// placed by mount id from one statx(2) with STATX_MNT_ID and AT_STATX_DONT_SYNC on the
/// /proc magic link (never a round trip to an NFS server, see `system_statxCached`), falling
/// back to fdinfo `mnt_id` on kernels before 5.8; mappings by device from /proc/<pid>/maps.
public struct StaleMountScanner {
    let options: MountScanOptions
    let proc: ProcFS

    public init(options: MountScanOptions = MountScanOptions()) {
        self.options = options
        self.proc = ProcFS(root: options.procRoot)
    }

    /// Every namespace's table, and each process's namespace: the first pass.
    public struct Gathered {
        public var views: MountViews
        public var namespaceOf: [Int32: UInt64]
        public var pids: [Int32]
        public var walk: ProcessWalk
    }

    /// Pass 1: our (or the reference pid's) table, each process's namespace (one readlink),
    /// and one table per namespace, read from its first readable process.
    public func gather() throws(MountScanFailure) -> Gathered {
        let referenceNamespace: UInt64
        let referenceTable: MountTable
        let pids: [Int32]
        let me: Int32
        do {
            let selfDirectory = try proc.selfProcess()
            me = selfDirectory.pid
            let reference = try options.referencePID.map { pid throws(SystemError) in try proc.process(pid) } ?? selfDirectory
            referenceNamespace = try reference.mountNamespace()
            referenceTable = MountTable(try reference.mountInfo())
            pids = try proc.processIDs().filter { $0 != me }
        } catch {
            throw MountScanFailure(description: "\(error)")
        }
        guard !referenceTable.entries.isEmpty else {
            throw MountScanFailure(description: "\(options.procRoot)/self/mountinfo: no mounts in the table")
        }
        var views = MountViews(referenceNamespace: referenceNamespace, reference: referenceTable)
        let threadCount = max(1, min(options.threads ?? min(system_processorCount(), 4), pids.count / 256 + 1))
        final class Share: @unchecked Sendable {
            var namespaces: [(Int32, UInt64)] = []
            var walk = ProcessWalk()
        }
        let shares = (0..<threadCount).map { _ in Share() }
        let root = proc.root
        system_parallel(threadCount) { thread in
            let share = shares[thread]
            var index = thread
            while index < pids.count {
                let pid = pids[index]
                system_Deadline.reading(pid)
                do throws(SystemError) {
                    let link = try system_readlink(root + "/\(pid)/ns/mnt")
                    if let inode = NamespaceLink.inode(link[...]) { share.namespaces.append((pid, inode)) }
                } catch {
                    share.walk.note(error)
                }
                index += threadCount
            }
        }
        var namespaceOf: [Int32: UInt64] = [:]
        var walk = ProcessWalk()
        for share in shares {
            for (pid, namespace) in share.namespaces { namespaceOf[pid] = namespace }
            walk.add(share.walk)
        }
        for pid in pids {
            guard let namespace = namespaceOf[pid], views.tables[namespace] == nil else { continue }
            // A process that exits before its table is read: the next one of that namespace.
            system_Deadline.reading(pid)
            if let table = try? proc.process(pid).mountInfo() {
                views.add(namespace: namespace, table: MountTable(table))
            }
        }
        return Gathered(views: views, namespaceOf: namespaceOf, pids: pids.filter { namespaceOf[$0] != nil }, walk: walk)
    }

    public func scan() throws(MountScanFailure) -> MountScanResult {
        let started = system_monotonicNanoseconds()
        let gathered = try gather()
        var result = scan(gathered)
        result.runningAsRoot = system_effectiveUserID() == 0
        result.finishedAt = system_wallClockSeconds()
        result.durationSeconds = Double(system_monotonicNanoseconds() - started) / 1e9
        return result
    }

    /// Pass 2: the finder over every process, on a few threads (nearly all of the time is the
    /// kernel answering statx on /proc links, which spreads over cores).
    func scan(_ gathered: Gathered) -> MountScanResult {
        var result = MountScanResult()
        let pids = gathered.pids
        let threadCount = max(1, min(options.threads ?? min(system_processorCount(), 4), pids.count / 64 + 1))
        let finder = StaleMountFinder(views: gathered.views, mappings: options.mappings)
        final class Worker: @unchecked Sendable {
            var finder: StaleMountFinder
            var findings: [StaleFinding] = []
            var walk = ProcessWalk()
            init(_ finder: StaleMountFinder) { self.finder = finder }
        }
        let workers = (0..<threadCount).map { _ in Worker(finder) }
        let proc = self.proc, useStatx = options.useStatx, namespaceOf = gathered.namespaceOf
        system_parallel(threadCount) { thread in
            let worker = workers[thread]
            let share = stride(from: thread, to: pids.count, by: threadCount).map { pids[$0] }
            let scratch = ProcScratch()
            worker.walk = (try? proc.walk(pids: share, scratch: scratch) { process throws(SystemError) in
                system_Deadline.reading(process.pid)
                process.useStatx = useStatx
                let view = LiveProcessView(process, namespace: namespaceOf[process.pid] ?? 0)
                worker.findings += worker.finder.findings(for: view)
            }) ?? ProcessWalk()
        }
        var walk = gathered.walk
        var findings: [StaleFinding] = []
        for worker in workers {
            walk.add(worker.walk)
            findings += worker.findings
            result.descriptorsViaOtherNamespaces += worker.finder.viaOtherNamespaces
        }
        result.namespacesRead = gathered.views.tables.count
        result.processesScanned = walk.visited
        result.processesVanished = walk.vanished
        result.processesUnreadable = walk.unreadable
        result.firstUnreadable = walk.firstUnreadable

        let processes = pids.compactMap { pid in gathered.namespaceOf[pid].map { namespace in
            (pid: pid, namespace: namespace, command: { (try? proc.process(pid).commandLine()) ?? "?" })
        } }
        let namespaces = StaleMountFinder.namespaceFindings(
            views: gathered.views, processes: processes, watchedPaths: options.watchedPaths,
            includePrivate: options.includePrivateNamespaces)
        findings += namespaces.findings
        result.watchedPaths = namespaces.watched
        result.privateNamespacesSkipped = namespaces.privateSkipped

        // Units only for the processes named in a finding: one cgroup read each.
        var units: [Int32: ProcessUnit?] = [:]
        for index in findings.indices {
            let pid = findings[index].pid
            if units[pid] == nil { units[pid] = .some((try? proc.process(pid).unit()) ?? nil) }
            findings[index].unit = units[pid]!
        }
        result.findings = MountScanResult.ordered(findings)
        return result
    }
}

/// A process as `StaleMountFinder` sees it, over /proc: the mount id of cwd, root and every
/// descriptor read up front (one statx each); everything else on demand.
final class LiveProcessView: ProcessView {
    let process: ProcessDirectory
    let namespace: UInt64
    let held: [HeldObject]
    var pid: Int32 { process.pid }

    init(_ process: ProcessDirectory, namespace: UInt64) {
        self.process = process
        self.namespace = namespace
        var held: [HeldObject] = []
        if let id = (try? process.cwd(withPath: false))?.mountID { held.append(HeldObject(kind: .cwd, mountID: id)) }
        if let id = (try? process.root(withPath: false))?.mountID { held.append(HeldObject(kind: .root, mountID: id)) }
        if let id = (try? process.link("exe", withPath: false))?.mountID {
            held.append(HeldObject(kind: .mmap, descriptor: HeldObject.executable, mountID: id))
        }
        // (An unreadable fd directory: the mappings may still say something.)
        for (descriptor, id) in (try? process.descriptorMountIDs()) ?? [] {
            held.append(HeldObject(kind: .fd, descriptor: descriptor, mountID: id))
        }
        self.held = held
    }

    func target(of object: HeldObject) -> String? {
        switch object.kind {
        case .cwd: return try? process.cwdPath()
        case .root: return try? process.rootPath()
        default:
            if object.descriptor == HeldObject.executable { return try? process.executablePath() }
            return try? process.target(ofDescriptor: object.descriptor)
        }
    }

    func device(of object: HeldObject) -> DeviceNumber? {
        if object.descriptor == HeldObject.executable {
            return (try? process.cachedIdentity(of: "exe")).map { DeviceNumber(major: $0.deviceMajor, minor: $0.deviceMinor) }
        }
        guard object.kind == .fd, let identity = try? process.cachedIdentity(ofDescriptor: object.descriptor) else { return nil }
        return DeviceNumber(major: identity.deviceMajor, minor: identity.deviceMinor)
    }

    func mappings(include: (DeviceNumber) -> Bool) -> [ProcessMapping] {
        (try? process.mappings(include: include)) ?? []
    }

    func commandLine() -> String { (try? process.commandLine()) ?? "?" }
}
