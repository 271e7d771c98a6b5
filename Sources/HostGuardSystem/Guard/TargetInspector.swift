import HostGuardCore

/// Finds out what each target of a command is: real path, identity (device and inode, and the
/// directories above it), mounts, namespace view, data directories and their parts around it,
/// size. Reads only; what any of it means is `GuardPolicy`'s business. Every look-up that fails
/// is recorded as an error on the target; none is ever taken as "nothing there".
public struct TargetInspector {
    let cwd: RawPath
    let procfs: ProcFS
    let budgetNanoseconds: UInt64
    var here: MountTable?
    var host: MountTable?
    var hostError: String?
    var hereError: String?
    var liveness: MountLiveness?
    /// Data directories met at, above or below any target: candidates for `LiveServerReader`.
    public private(set) var dataDirectories: [(kind: DataDirectoryKind, path: RawPath)] = []

    public init(cwd: [UInt8], procRoot: String = "/proc", budgetMilliseconds: Int = 200) {
        self.cwd = RawPath(cwd)
        self.procfs = ProcFS(root: procRoot)
        self.budgetNanoseconds = UInt64(max(10, budgetMilliseconds)) * 1_000_000
    }

    /// Mount tables are read only when a target needs them (a command with no path targets
    /// pays nothing).
    mutating func loadMounts() {
        guard liveness == nil else { return }
        do {
            here = try procfs.ownMountTable()
        } catch {
            hereError = "reading \(procfs.root)/self/mountinfo: \(error)"
        }
        liveness = MountLiveness(table: here)
        // Pid 1's view is the host's. Only compared when we are in another mount namespace.
        let ownNamespace: Bool
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

    var mountTable: MountTable? { here }

    public mutating func inspect(_ operands: [PathOperand], argv: [[UInt8]]) -> [TargetFacts] {
        operands.map { inspect($0, argv: argv) }
    }

    /// The operand's exact bytes: from argv when the rule knows where they are.
    static func bytes(of operand: PathOperand, argv: [[UInt8]]) -> [UInt8] {
        if let at = operand.at, at.word < argv.count {
            return Array(argv[at.word].dropFirst(at.offset))
        }
        return Array(operand.text.utf8)
    }

    mutating func inspect(_ operand: PathOperand, argv: [[UInt8]]) -> TargetFacts {
        loadMounts()
        let liveness = self.liveness!
        let spelled = RawPath(Self.bytes(of: operand, argv: argv))
        let resolved = PathResolver.resolve(spelled, cwd: cwd, followFinalSymlink: operand.followsFinalSymlink,
                                            in: LiveFileSystem(mounts: liveness))
        var facts = TargetFacts(operand: operand, resolved: resolved)
        let real = resolved.real
        if let hereError { facts.errors.append(hereError) }
        if let hostError { facts.errors.append(hostError) }
        let silentBefore = liveness.silent
        if let silent = liveness.notAnswering(real) {
            facts.unansweredMounts = [silent]
            facts.resolved.problem = nil
            return facts
        }
        if !silentBefore.isEmpty, resolved.problem?.contains("not answering") == true {
            facts.unansweredMounts = silentBefore
            facts.resolved.problem = nil
            return facts
        }

        if resolved.exists && resolved.problem == nil {
            do {
                let status = try system_stat(bytes: real.bytes, followSymlinks: false)
                facts.isDirectory = status.isDirectory
                facts.identity = FileIdentity(device: status.device, inode: status.inode)
                if status.isRegularFile { facts.linkCount = Int(status.linkCount) }
                if status.isBlockDevice { facts.blockDevice = DeviceNumber(encoded: status.specialDevice) }
                facts.size = SizeFact(bytes: status.size, files: 1, complete: true)
            } catch {
                if !error.isNotFound { facts.errors.append(error.description) }
            }
            facts.ancestors = Self.ancestors(of: real)
        }
        if resolved.isSymlinkItself {
            // Only the link goes; what it points to stays. Its mount still matters.
            facts.mount = here.flatMap { $0.mountContaining(real.string) }.map(TargetViews.fact)
            return facts
        }
        if facts.isMootNewName { return facts }

        let sweeping = (operand.recursive && facts.isDirectory) || operand.harm == .wipe
        var below: [MountEntry] = []
        if let here {
            let containing = here.mountContaining(real.string)
            facts.mount = containing.map(TargetViews.fact)
            below = sweeping ? here.mounts(atOrBelow: real.string) : here.mounts(at: real.string)
            var seen: Set<String> = []
            below = below.filter { ($0.mountPoint != "/" || real == .root) && seen.insert($0.mountPoint).inserted }
            facts.mountsBelow = below.map(TargetViews.fact)
            facts.aliases = TargetViews.aliases(of: real, on: containing, in: here)
            if let host, let containing {
                facts.namespace = TargetViews.namespace(of: containing, here: here, host: host)
            }
        }
        // A recursive act reaches into every mount below: each must answer before anything
        // below the target is walked.
        for mount in below where TargetViews.mayNotAnswer(mount) {
            if !liveness.answers(mount, probing: Array(mount.mountPoint.utf8)) {
                facts.unansweredMounts.append(mount.mountPoint)
            }
        }
        if !facts.unansweredMounts.isEmpty { return facts }

        // Data directories (and parts of one) at the target or above it.
        for spelling in [real] + facts.aliases {
            var ancestor = spelling
            var parts: [String] = []
            defer { for text in parts where !facts.dataParts.contains(text) { facts.dataParts.append(text) } }
            while true {
                func has(_ name: String) -> Bool {
                    (try? system_stat(bytes: ancestor.bytes + [0x2F] + Array(name.utf8), followSymlinks: false)) != nil
                }
                if let kind = DataDirectoryKind.recognise(has: has) {
                    // A part inside a data directory is that directory's.
                    note(kind, ancestor)
                    parts = []
                    break
                }
                if let part = DataDirectoryPart.recognise(name: ancestor.components.last ?? [], has: has) {
                    parts.append("\(part.rawValue) \(ancestor)")
                }
                guard ancestor != .root else { break }
                ancestor = RawPath.absolute(Array(ancestor.components.dropLast()))
            }
        }
        // Below it: a bounded walk that never steps onto another mount.
        if facts.isDirectory && (operand.recursive || operand.harm == .wipe || operand.harm == .overwrite) {
            let deadline = system_monotonicNanoseconds() + budgetNanoseconds
            let skip = Set(below.map { Array($0.mountPoint.utf8) })
            let estimate = SizeEstimate.run(real.bytes, deadline: deadline, skipping: skip)
            facts.size = SizeFact(bytes: estimate.bytes, files: estimate.entries, complete: estimate.complete)
            for found in estimate.dataDirectories { note(found.kind, RawPath(found.path)) }
            for found in estimate.dataParts
            where !estimate.dataDirectories.contains(where: { RawPath(found.path).starts(with: RawPath($0.path)) }) {
                let text = "\(found.part.rawValue) \(RawPath(found.path))"
                if !facts.dataParts.contains(text) { facts.dataParts.append(text) }
            }
        }
        return facts
    }

    private mutating func note(_ kind: DataDirectoryKind, _ path: RawPath) {
        if !dataDirectories.contains(where: { $0.path == path }) { dataDirectories.append((kind, path)) }
    }

    /// The identities of the directories above `real`, nearest first, each stat'ed through the
    /// path as spelled (so a /proc/PID/root prefix crosses into that process's view).
    static func ancestors(of real: RawPath) -> [FileIdentity] {
        var result: [FileIdentity] = []
        var components = real.components
        while !components.isEmpty {
            components.removeLast()
            guard let status = try? system_stat(bytes: RawPath.absolute(components).bytes, followSymlinks: true) else { continue }
            result.append(FileIdentity(device: status.device, inode: status.inode))
        }
        return result
    }
}
