import HostGuardCore

/// Finds out what each target of a command is: real path, mounts, namespace view, live data,
/// processes, size. Every look-up that fails is recorded as an error on the target (the policy
/// raises the level for it); none is ever taken as "nothing there".
public struct TargetInspector {
    let cwd: RawPath
    let procfs: ProcFS
    let budgetNanoseconds: UInt64
    let view = LiveFileSystem()
    var here: MountTable?
    var host: MountTable?
    var hostError: String?
    var ownNamespace = true
    var hereError: String?
    private var scan: ProcessScan?

    public init(cwd: [UInt8], procRoot: String = "/proc", budgetMilliseconds: Int = 200) {
        self.cwd = RawPath(cwd)
        self.procfs = ProcFS(root: procRoot)
        self.budgetNanoseconds = UInt64(max(10, budgetMilliseconds)) * 1_000_000
    }

    /// Mount tables are read only when a target needs them (a command with no path targets
    /// pays nothing).
    mutating func loadMounts() {
        guard here == nil && hereError == nil else { return }
        do {
            here = try procfs.ownMountTable()
        } catch {
            hereError = "reading \(procfs.root)/self/mountinfo: \(error)"
        }
        // Pid 1's view is the host's. Only compared when we are in another mount namespace.
        if let mine = try? procfs.selfProcess().mountNamespace(), let init1 = try? procfs.mountNamespace(pid: 1) {
            ownNamespace = mine == init1
        } else {
            // Cannot tell (not root, or no pid 1 visible): compare the tables themselves.
            ownNamespace = false
        }
        if !ownNamespace {
            do {
                host = try procfs.mountTable(pid: 1)
            } catch {
                if !error.isPermissionDenied { hostError = "reading \(procfs.root)/1/mountinfo: \(error)" }
            }
        }
    }

    public mutating func inspect(_ operands: [PathOperand], argv: [[UInt8]]) -> [TargetFacts] {
        var results: [TargetFacts] = []
        for operand in operands {
            results.append(inspect(operand, argv: argv))
        }
        return results
    }

    /// The operand's exact bytes: from argv when the rule knows where they are.
    static func bytes(of operand: PathOperand, argv: [[UInt8]]) -> [UInt8] {
        if let at = operand.at, at.word < argv.count {
            return Array(argv[at.word].dropFirst(at.offset))
        }
        return Array(operand.text.utf8)
    }

    mutating func inspect(_ operand: PathOperand, argv: [[UInt8]]) -> TargetFacts {
        let spelled = RawPath(Self.bytes(of: operand, argv: argv))
        let resolved = PathResolver.resolve(spelled, cwd: cwd, followFinalSymlink: operand.followsFinalSymlink, in: view)
        var facts = TargetFacts(operand: operand, resolved: resolved)
        let real = resolved.real
        loadMounts()
        if let hereError { facts.errors.append(hereError) }
        if let hostError { facts.errors.append(hostError) }

        var isDirectory = false
        if resolved.exists && resolved.problem == nil {
            do {
                isDirectory = try system_stat(bytes: real.bytes, followSymlinks: false).isDirectory
            } catch {
                if !error.isNotFound { facts.errors.append(error.description) }
            }
        }
        facts.isDirectory = isDirectory
        if resolved.isSymlinkItself {
            // Only the link goes; what it points to stays. Its mount still matters.
            facts.mount = here.flatMap { $0.mountContaining(real.string) }.map(Self.fact)
            return facts
        }
        if facts.isMootNewName { return facts }

        let sweeping = (operand.recursive && isDirectory) || operand.harm == .wipe
        if let here {
            let containing = here.mountContaining(real.string)
            facts.mount = containing.map(Self.fact)
            let below = sweeping ? here.mounts(atOrBelow: real.string) : here.mounts(at: real.string)
            var seen: Set<String> = []
            facts.mountsBelow = below.filter { ($0.mountPoint != "/" || real == .root) && seen.insert($0.mountPoint).inserted }.map(Self.fact)
            facts.aliases = Self.aliases(of: real, on: containing, in: here)
            if let host, let containing {
                facts.namespace = Self.compare(containing, here: here, host: host, path: real.string)
            }
        }

        let spellings = [real] + facts.aliases
        // Live data: the target or a directory above it being a data directory.
        var dataDirectories: [(String, [UInt8])] = []
        for spelling in spellings {
            var ancestor = spelling
            while true {
                if let kind = DataDirectoryMarkers.kind(ofDirectory: ancestor.bytes) {
                    dataDirectories.append((kind, ancestor.bytes))
                    break
                }
                guard ancestor != .root else { break }
                ancestor = RawPath.absolute(Array(ancestor.components.dropLast()))
            }
        }
        // Below it: a bounded walk, and the running servers' directories from the process scan.
        let deadline = system_monotonicNanoseconds() + budgetNanoseconds
        if isDirectory && (operand.recursive || operand.harm == .wipe || operand.harm == .overwrite) {
            let estimate = SizeEstimate.run(real.bytes, deadline: deadline)
            facts.size = SizeFact(bytes: estimate.bytes, files: estimate.entries, complete: estimate.complete)
            dataDirectories += estimate.dataDirectories.map { ($0.kind, $0.path) }
        } else if resolved.exists, let status = try? system_stat(bytes: real.bytes, followSymlinks: false) {
            facts.size = SizeFact(bytes: status.size, files: 1, complete: true)
        }
        let needsScan = resolved.exists && (isDirectory || !dataDirectories.isEmpty || operand.harm == .wipe)
        if needsScan {
            let scan = processScan()
            facts.processes = scan.users(of: spellings)
            facts.processesComplete = scan.complete
            if scan.cutShort {
                facts.processScanNote = "scan cut short after \(budgetNanoseconds / 1_000_000) ms"
            } else if !scan.unreadable.isEmpty {
                let count = scan.unreadable.count
                facts.processScanNote = "\(count) process\(count == 1 ? "" : "es") could not be read" + (count <= 3 ? ": pid " + scan.unreadable.map(String.init).joined(separator: ", ") : "")
            }
            // Servers below the target the walk did not reach (cut short, or another mount).
            for directory in scan.workingDirectories(below: spellings) {
                if let kind = DataDirectoryMarkers.kind(ofDirectory: Array(directory.utf8)) {
                    dataDirectories.append((kind, Array(directory.utf8)))
                }
            }
        }
        facts.liveData = inspectData(dataDirectories)
        return facts
    }

    /// Reads each data directory found; the same directory reached twice (a bind mount and its
    /// source) keeps its strongest reading.
    mutating func inspectData(_ found: [(String, [UInt8])]) -> [LiveDataFact] {
        var seen: [String: LiveDataFact] = [:]
        var order: [String] = []
        for (kind, bytes) in found {
            let path = String(decoding: bytes, as: UTF8.self)
            let identity = (try? system_stat(bytes: bytes, followSymlinks: true)).map { "\($0.device):\($0.inode)" } ?? path
            let fact: LiveDataFact
            if kind == "postgresql" {
                let state = PostgresCluster.inspect(dataDirectory: path, procRoot: procfs.root)
                var evidence = state.facts.prefix(3).joined(separator: "; ")
                if let why = state.reading.unknownReason { evidence = why + (evidence.isEmpty ? "" : "; " + evidence) }
                fact = LiveDataFact(kind: kind, directory: path, running: state.running, role: state.role?.kind, evidence: evidence)
            } else {
                let scan = processScan()
                let running = scan.mysqlServes(path)
                let evidence: String
                switch running {
                case true?: evidence = "mysqld has it as its cwd"
                case false?: evidence = "no mysqld/mariadbd process serves it"
                case nil: evidence = "could not see every server process: treated as running"
                }
                fact = LiveDataFact(kind: kind, directory: path, running: running ?? true, role: nil, evidence: evidence)
            }
            if let existing = seen[identity] {
                if existing.running != true && fact.running == true { seen[identity] = fact }
            } else {
                seen[identity] = fact
                order.append(identity)
            }
        }
        return order.compactMap { seen[$0] }
    }

    mutating func processScan() -> ProcessScan {
        if let scan { return scan }
        let fresh = ProcessScan.run(procRoot: procfs.root, deadline: system_monotonicNanoseconds() + budgetNanoseconds)
        scan = fresh
        return fresh
    }

    static func fact(_ entry: MountEntry) -> MountFact {
        MountFact(mountPoint: entry.mountPoint, filesystemType: entry.filesystemType,
                  source: entry.source + (entry.root == "/" ? "" : "[\(entry.root)]"), isNetwork: entry.isNetworkFilesystem)
    }

    /// The same files under other names: every other mount of the same device whose root is
    /// above the target's place in that filesystem (bind mounts, see mountinfo's field 4).
    static func aliases(of real: RawPath, on mount: MountEntry?, in table: MountTable) -> [RawPath] {
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

    /// Here vs the host for the mount a target is on: differs when the host has something else
    /// (or nothing) at that mount point, or has the same thing but over-mounted.
    static func compare(_ mine: MountEntry, here: MountTable, host: MountTable, path: String) -> NamespaceFact? {
        let onHost = host.mountContaining(path)
        let same = onHost.map { $0.mountPoint == mine.mountPoint && $0.showsSameContent(as: mine) } ?? false
        if same { return nil }
        let stacked = host.mounts(at: mine.mountPoint)
        let shadowed = stacked.contains { $0.showsSameContent(as: mine) && host.isShadowed(id: $0.mountID) }
        let hostAtPoint = onHost.flatMap { $0.mountPoint == mine.mountPoint ? $0 : nil } ?? stacked.last
        return NamespaceFact(mountPoint: mine.mountPoint, here: fact(mine), onHost: hostAtPoint.map(fact), shadowedOnHost: shadowed)
    }
}
