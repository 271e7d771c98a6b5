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

    public init() {}
}

/// The scan could not run at all (exit 2): our own /proc entry or the process list is unreadable.
public struct MountScanFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Reads every process's mount namespace, cwd, root, descriptors and mappings from /proc and
/// finds the ones holding a stale view (see `StaleReason`).
///
/// Only /proc is read, and the kernel's cached answers: cwd, root and every descriptor are
/// placed by mount id from one statx(2) with STATX_MNT_ID and AT_STATX_DONT_SYNC on the
/// /proc magic link (never a round trip to an NFS server, see `system_statxCached`), falling
/// back to fdinfo `mnt_id` on kernels before 5.8; mappings by device from /proc/<pid>/maps.
/// Link targets and command lines are read only for what turns out stale, so a clean host costs
/// one statx per descriptor and one maps read per process.
public struct StaleMountScanner {
    let options: MountScanOptions
    let proc: ProcFS

    public init(options: MountScanOptions = MountScanOptions()) {
        self.options = options
        self.proc = ProcFS(root: options.procRoot)
    }

    /// Per-process facts gathered in the first pass, kept for namespace findings.
    struct ProcessFacts {
        var pid: Int32
        var namespace: UInt64
    }

    struct FindingKey: Hashable {
        var pid: Int32
        var kind: StaleKind
        var mount: String
    }

    public func scan() throws(MountScanFailure) -> MountScanResult {
        let started = system_monotonicNanoseconds()
        var result = MountScanResult()
        result.runningAsRoot = system_effectiveUserID() == 0

        let me: ProcessDirectory
        let referenceNamespace: UInt64
        let referenceTable: MountTable
        let pids: [Int32]
        do {
            me = try proc.selfProcess()
            let reference = try options.referencePID.map { pid throws(SystemError) in try proc.process(pid) } ?? me
            referenceNamespace = try reference.mountNamespace()
            referenceTable = MountTable(try reference.mountInfo())
            pids = try proc.processIDs()
        } catch {
            throw MountScanFailure(description: "\(error)")
        }
        guard referenceTable.rootMount != nil else {
            throw MountScanFailure(description: "\(options.procRoot)/self/mountinfo: no root mount in the table")
        }
        var views = MountViews(referenceNamespace: referenceNamespace, reference: referenceTable)
        let selfPID = me.pid

        // One pass over all processes on a few threads: nearly all of the time is the kernel
        // answering /proc reads, which spreads over cores. A process in a namespace no table
        // has been read for is set aside and done afterwards, once that table is read.
        var tally = ScanTally()
        let work = pids.filter { $0 != selfPID }
        let threadCount = max(1, min(options.threads ?? min(system_processorCount(), 4), work.count / 64 + 1))
        let workers = (0..<threadCount).map { _ in HoldingsWorker(proc: proc, views: views, useStatx: options.useStatx) }
        system_parallel(threadCount) { thread in
            let worker = workers[thread]
            var index = thread
            while index < work.count {
                worker.scan(work[index])
                index += threadCount
            }
        }
        let deferred = workers.flatMap(\.deferred).sorted()
        if !deferred.isEmpty {
            // Each new namespace's table is read once, from the first of its processes.
            for pid in deferred {
                do {
                    let process = try proc.process(pid)
                    let namespace = try process.mountNamespace()
                    if views.tables[namespace] == nil {
                        views.add(namespace: namespace, table: MountTable(try process.mountInfo()))
                    }
                } catch {
                    tally.note(error)
                }
            }
            let worker = workers[0]
            worker.views = views
            worker.deviceInterest = [:]
            for pid in deferred { worker.scan(pid, deferIfUnknown: false) }
        }
        result.namespacesRead = views.tables.count
        let processes = workers.flatMap(\.scanned).sorted { $0.pid < $1.pid }

        var findings: [FindingKey: StaleFinding] = [:]
        var order: [FindingKey] = []
        func record(_ finding: StaleFinding, mountKey: String) {
            let key = FindingKey(pid: finding.pid, kind: finding.kind, mount: mountKey)
            if findings[key] != nil {
                findings[key]!.count += finding.count
            } else {
                findings[key] = finding
                order.append(key)
            }
        }
        for worker in workers {
            for (finding, key) in worker.findings { record(finding, mountKey: key) }
            tally.add(worker.tally)
        }
        result.processesScanned = processes.count
        result.processesVanished = tally.vanished
        result.processesUnreadable = tally.unreadable
        result.firstUnreadable = tally.firstUnreadable
        result.descriptorsViaOtherNamespaces = tally.viaOtherNamespaces

        // Namespace views: each namespace compared once, its processes named.
        let explicitPaths = options.watchedPaths.map(MountPath.normalized)
        var watchedAll = explicitPaths.isEmpty ? NamespaceViewCheck.defaultWatchedPaths(reference: referenceTable) : explicitPaths
        var differencesByNamespace: [UInt64: [NamespaceViewCheck.Difference]] = [:]
        for (namespace, table) in views.tables.sorted(by: { $0.key < $1.key }) where namespace != referenceNamespace {
            if !options.includePrivateNamespaces && NamespaceViewCheck.hasOwnRoot(table, comparedTo: referenceTable) {
                result.privateNamespacesSkipped += 1
                continue
            }
            let watched = explicitPaths.isEmpty
                ? NamespaceViewCheck.defaultWatchedPaths(reference: referenceTable, other: table) : explicitPaths
            for path in watched where !watchedAll.contains(path) { watchedAll.append(path) }
            let differences = options.includePrivateNamespaces
                ? NamespaceViewCheck.allDifferences(table, reference: referenceTable, watched: watched)
                : NamespaceViewCheck.differences(table, reference: referenceTable, watched: watched)
            if !differences.isEmpty { differencesByNamespace[namespace] = differences }
        }
        for process in processes {
            guard let differences = differencesByNamespace[process.namespace] else { continue }
            let command = (try? proc.process(process.pid).commandLine()) ?? "?"
            for difference in differences {
                record(StaleFinding(
                    pid: process.pid, command: command, unit: nil, kind: .namespace,
                    reason: .namespaceDiffers, path: difference.path,
                    mountPoint: difference.held?.mountPoint ?? difference.current?.mountPoint,
                    mountID: difference.held?.mountID,
                    heldSource: difference.held?.sourceDescription,
                    currentSource: difference.current?.sourceDescription),
                    mountKey: "path:\(difference.path)")
            }
        }
        result.watchedPaths = watchedAll

        // Units only for the processes named in a finding: one cgroup read each.
        var units: [Int32: ProcessUnit?] = [:]
        for key in order {
            var finding = findings[key]!
            if units[finding.pid] == nil {
                units[finding.pid] = (try? proc.process(finding.pid).unit()) ?? nil
            }
            finding.unit = units[finding.pid]!
            result.findings.append(finding)
        }
        result.findings.sort { ($0.unit?.name ?? "~", $0.pid, $0.kind) < ($1.unit?.name ?? "~", $1.pid, $1.kind) }
        result.finishedAt = system_wallClockSeconds()
        result.durationSeconds = Double(system_monotonicNanoseconds() - started) / 1e9
        return result
    }
}

/// Counts of processes that could not be read, kept per thread and added up.
struct ScanTally {
    var vanished = 0
    var unreadable = 0
    var firstUnreadable: String?
    var viaOtherNamespaces = 0

    mutating func note(_ error: SystemError) {
        if error.isProcessGone {
            vanished += 1
        } else {
            unreadable += 1
            if firstUnreadable == nil { firstUnreadable = error.description }
        }
    }

    mutating func add(_ other: ScanTally) {
        vanished += other.vanished
        unreadable += other.unreadable
        firstUnreadable = firstUnreadable ?? other.firstUnreadable
        viaOtherNamespaces += other.viaOtherNamespaces
    }
}

/// One thread's share of pass 2. Each worker is used by exactly one thread, and read by the
/// caller only after `system_parallel` has joined them all.
final class HoldingsWorker: @unchecked Sendable {
    let proc: ProcFS
    var views: MountViews
    /// Processes read, with their namespace (for the namespace-view findings).
    var scanned: [StaleMountScanner.ProcessFacts] = []
    /// Processes in a namespace whose table has not been read yet.
    var deferred: [Int32] = []
    let scratch = ProcScratch()
    var findings: [(StaleFinding, String)] = []
    var tally = ScanTally()
    /// Mount ids seen to belong to kernel-internal file systems (pipefs, sockfs, anon inodes,
    /// shmem): no table lists them, and they are not stale.
    var internalMounts = Set<Int>()
    /// Per namespace: whether a device needs a closer look in maps (all its mounts there are
    /// shadowed, or no table has it). Most processes map files from two or three devices.
    var deviceInterest: [UInt64: [DeviceNumber: Bool]] = [:]

    let useStatx: Bool

    init(proc: ProcFS, views: MountViews, useStatx: Bool) {
        self.proc = proc
        self.views = views
        self.useStatx = useStatx
    }

    func scan(_ pid: Int32, deferIfUnknown: Bool = true) {
        system_Deadline.reading(pid)
        let process: ProcessDirectory
        let namespace: UInt64
        do {
            process = try proc.process(pid, scratch: scratch)
            process.useStatx = useStatx
            namespace = try process.mountNamespace()
        } catch {
            tally.note(error)
            return
        }
        if views.tables[namespace] == nil {
            if deferIfUnknown { deferred.append(pid) }
            return
        }
        let firstFinding = findings.count
        defer {
            // The command line is read only for processes named in a finding.
            if findings.count > firstFinding {
                let command = (try? process.commandLine()) ?? "?"
                for index in firstFinding..<findings.count { findings[index].0.command = command }
            }
        }
        scanned.append(StaleMountScanner.ProcessFacts(pid: pid, namespace: namespace))
        let command = ""

        func stale(_ kind: StaleKind, _ path: String, _ placement: MountPlacement, mountID: Int, device: DeviceNumber? = nil) {
            switch placement {
            case .visible: return
            case .shadowed(let entry, let visibility, let table):
                findings.append((StaleFinding(
                    pid: pid, command: command, unit: nil, kind: kind, reason: .shadowed(visibility),
                    path: path, mountPoint: entry.mountPoint, mountID: entry.mountID,
                    heldSource: entry.sourceDescription,
                    currentSource: views.currentSource(at: entry.mountPoint, namespace: table)),
                    "id:\(entry.mountID)"))
            case .unlisted:
                findings.append((StaleFinding(
                    pid: pid, command: command, unit: nil, kind: kind, reason: .detached,
                    path: path, mountPoint: nil, mountID: mountID,
                    heldSource: "detached mount \(mountID)" + (device.map { " (device \($0))" } ?? ""),
                    currentSource: nil),
                    "id:\(mountID)"))
            }
        }

        // cwd and root.
        for (kind, name) in [(StaleKind.cwd, "cwd"), (.root, "root")] {
            guard let link = try? (kind == .cwd ? process.cwd(withPath: false) : process.root(withPath: false)),
                  let id = link.mountID else { continue }
            let placement = views.placement(mountID: id, namespace: namespace)
            if case .visible = placement { continue }
            let path = (try? system_readlinkAt(process.directoryFD, name)) ?? "?"
            stale(kind, path, placement, mountID: id)
        }

        // Open descriptors: one statx each; the target is read only for what is not visible.
        // (An unreadable fd directory: the mappings may still say something.)
        for descriptor in (try? process.fileDescriptors()) ?? [] {
            guard let id = (try? process.mountID(ofDescriptor: descriptor)) ?? nil,
                  !internalMounts.contains(id) else { continue }
            let placement = views.placement(mountID: id, namespace: namespace)
            if case .visible = placement { continue }
            guard let target = try? process.target(ofDescriptor: descriptor) else { continue }
            if case .unlisted = placement {
                if KernelInternalObjects.isInternal(target) {
                    internalMounts.insert(id)
                    continue
                }
                // An id no table lists is either a lazily unmounted mount or a mount of a
                // namespace no process we can read lives in (a descriptor inherited across
                // unshare(2)). Tell them apart by the file system: if its device is still
                // mounted where we can see it, the data is not stale.
                if useStatx, let identity = try? process.cachedIdentity(ofDescriptor: descriptor) {
                    let device = DeviceNumber(major: identity.deviceMajor, minor: identity.deviceMinor)
                    if views.deviceIsMountedVisibly(device) {
                        tally.viaOtherNamespaces += 1
                        continue
                    }
                    stale(.fd, target, placement, mountID: id, device: device)
                    continue
                }
            }
            stale(.fd, target, placement, mountID: id)
        }

        // Memory mappings, by device (maps gives no mount id).
        let interesting = { (device: DeviceNumber) -> Bool in
            if let known = self.deviceInterest[namespace]?[device] { return known }
            let answer = self.views.shadowedMount(forDevice: device, namespace: namespace) != nil
                || self.views.deviceIsUnlisted(device)
            self.deviceInterest[namespace, default: [:]][device] = answer
            return answer
        }
        guard let mappings = try? process.mappings(include: interesting) else { return }
        for mapping in mappings where !KernelInternalObjects.isInternal(mapping.path) {
            if let (entry, visibility) = views.shadowedMount(forDevice: mapping.device, namespace: namespace) {
                findings.append((StaleFinding(
                    pid: pid, command: command, unit: nil, kind: .mmap, reason: .shadowed(visibility),
                    path: mapping.path, mountPoint: entry.mountPoint, mountID: entry.mountID,
                    heldSource: entry.sourceDescription,
                    currentSource: views.currentSource(at: entry.mountPoint, namespace: namespace)),
                    "dev:\(mapping.device)"))
            } else if views.deviceIsUnlisted(mapping.device) {
                findings.append((StaleFinding(
                    pid: pid, command: command, unit: nil, kind: .mmap, reason: .detached,
                    path: mapping.path, mountPoint: nil, mountID: nil,
                    heldSource: "detached mount (device \(mapping.device))", currentSource: nil),
                    "dev:\(mapping.device)"))
            }
        }
    }
}

/// Objects on kernel-internal mounts that no namespace lists: not files anyone mounted.
enum KernelInternalObjects {
    static let prefixes = ["/memfd:", "/SYSV", "/dev/zero (deleted)", "/[aio]", "/anon_hugepage", "/dmabuf:", "/i915", "/drm mm object"]

    static func isInternal(_ target: String) -> Bool {
        guard target.hasPrefix("/") else { return true }   // pipe:[…], socket:[…], anon_inode:…
        return prefixes.contains { target.hasPrefix($0) }
    }
}
