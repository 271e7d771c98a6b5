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

    public init() {}
}

/// The scan could not run at all (exit 2): our own /proc entry or the process list is unreadable.
public struct MountScanFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Reads every process's mount namespace, cwd, root, descriptors and mappings from /proc and
/// finds the ones holding a stale view (see `StaleReason`).
///
/// Only /proc is read. cwd and root are placed through an O_PATH handle (no file-system call,
/// see `system_openPathAt`); descriptors through fdinfo `mnt_id`; mappings by device. Link
/// targets are read only for what turns out stale, so a clean host costs one small read per
/// descriptor.
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
        var command: String
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

        var processes: [ProcessFacts] = []
        var findings: [FindingKey: StaleFinding] = [:]
        var order: [FindingKey] = []
        /// Mount ids seen to belong to kernel-internal file systems (pipefs, sockfs, anon inodes,
        /// shmem): no table lists them, and they are not stale.
        var internalMounts = Set<Int>()
        let scratch = ProcScratch()
        /// Per namespace: whether a device needs a closer look in maps (all its mounts there are
        /// shadowed, or no table has it). Most processes map files from two or three devices.
        var deviceInterest: [UInt64: [DeviceNumber: Bool]] = [:]

        func record(_ finding: StaleFinding, mountKey: String) {
            let key = FindingKey(pid: finding.pid, kind: finding.kind, mount: mountKey)
            if findings[key] != nil {
                findings[key]!.count += 1
            } else {
                findings[key] = finding
                order.append(key)
            }
        }

        func noteUnreadable(_ error: SystemError) {
            if error.isProcessGone {
                result.processesVanished += 1
            } else {
                result.processesUnreadable += 1
                if result.firstUnreadable == nil { result.firstUnreadable = error.description }
            }
        }

        for pid in pids where pid != selfPID {
            system_Deadline.reading(pid)
            let process: ProcessDirectory
            let namespace: UInt64
            let command: String
            do {
                process = try proc.process(pid, scratch: scratch)
                namespace = try process.mountNamespace()
                command = try process.commandLine()
            } catch {
                noteUnreadable(error)
                continue
            }
            if command.isEmpty {
                result.processesSkipped += 1
                continue
            }
            if views.tables[namespace] == nil {
                do {
                    views.add(namespace: namespace, table: MountTable(try process.mountInfo()))
                } catch {
                    noteUnreadable(error)
                    continue
                }
            }
            result.processesScanned += 1
            processes.append(ProcessFacts(pid: pid, command: command, namespace: namespace))

            func stale(_ kind: StaleKind, _ path: String, _ placement: MountPlacement, mountID: Int, device: DeviceNumber? = nil) {
                switch placement {
                case .visible: return
                case .shadowed(let entry, let visibility, let table):
                    record(StaleFinding(
                        pid: pid, command: command, unit: nil, kind: kind, reason: .shadowed(visibility),
                        path: path, mountPoint: entry.mountPoint, mountID: entry.mountID,
                        heldSource: entry.sourceDescription,
                        currentSource: views.currentSource(at: entry.mountPoint, namespace: table)),
                        mountKey: "id:\(entry.mountID)")
                case .unlisted:
                    record(StaleFinding(
                        pid: pid, command: command, unit: nil, kind: kind, reason: .detached,
                        path: path, mountPoint: nil, mountID: mountID,
                        heldSource: "detached mount \(mountID)" + (device.map { " (device \($0))" } ?? ""),
                        currentSource: nil),
                        mountKey: "id:\(mountID)")
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

            // Open descriptors.
            if let descriptors = try? process.fileDescriptors() {
                for descriptor in descriptors {
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
                        // namespace no process we can read lives in (a descriptor inherited
                        // across unshare(2)). Tell them apart by the file system: if its device
                        // is still mounted where we can see it, the data is not stale.
                        if let identity = try? process.cachedIdentity(ofDescriptor: descriptor) {
                            let device = DeviceNumber(major: identity.deviceMajor, minor: identity.deviceMinor)
                            if views.deviceIsMountedVisibly(device) {
                                result.descriptorsViaOtherNamespaces += 1
                                continue
                            }
                            stale(.fd, target, placement, mountID: id, device: device)
                            continue
                        }
                    }
                    stale(.fd, target, placement, mountID: id)
                }
            }

            // Memory mappings, by device (maps gives no mount id).
            let interesting = { (device: DeviceNumber) -> Bool in
                if let known = deviceInterest[namespace]?[device] { return known }
                let answer = views.shadowedMount(forDevice: device, namespace: namespace) != nil || views.deviceIsUnlisted(device)
                deviceInterest[namespace, default: [:]][device] = answer
                return answer
            }
            if let mappings = try? process.mappings(include: interesting) {
                for mapping in mappings where !KernelInternalObjects.isInternal(mapping.path) {
                    if let (entry, visibility) = views.shadowedMount(forDevice: mapping.device, namespace: namespace) {
                        record(StaleFinding(
                            pid: pid, command: command, unit: nil, kind: .mmap, reason: .shadowed(visibility),
                            path: mapping.path, mountPoint: entry.mountPoint, mountID: entry.mountID,
                            heldSource: entry.sourceDescription,
                            currentSource: views.currentSource(at: entry.mountPoint, namespace: namespace)),
                            mountKey: "dev:\(mapping.device)")
                    } else if views.deviceIsUnlisted(mapping.device) {
                        record(StaleFinding(
                            pid: pid, command: command, unit: nil, kind: .mmap, reason: .detached,
                            path: mapping.path, mountPoint: nil, mountID: nil,
                            heldSource: "detached mount (device \(mapping.device))", currentSource: nil),
                            mountKey: "dev:\(mapping.device)")
                    }
                }
            }
        }
        result.namespacesRead = views.tables.count

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
            for difference in differencesByNamespace[process.namespace] ?? [] {
                record(StaleFinding(
                    pid: process.pid, command: process.command, unit: nil, kind: .namespace,
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

/// Objects on kernel-internal mounts that no namespace lists: not files anyone mounted.
enum KernelInternalObjects {
    static let prefixes = ["/memfd:", "/SYSV", "/dev/zero (deleted)", "/[aio]", "/anon_hugepage", "/dmabuf:", "/i915", "/drm mm object"]

    static func isInternal(_ target: String) -> Bool {
        guard target.hasPrefix("/") else { return true }   // pipe:[…], socket:[…], anon_inode:…
        return prefixes.contains { target.hasPrefix($0) }
    }
}
