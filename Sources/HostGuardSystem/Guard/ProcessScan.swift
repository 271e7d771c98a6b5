import HostGuardCore

/// One pass over /proc: every process's cwd, root and open files, within a time budget. Shared
/// by all targets of one command, so the cost is paid once. Only readlink(2) on the magic links
/// (never a stat or open through them), so a hung NFS server cannot hang the guard. This is
/// deliberately leaner than `ProcessDirectory` (no O_PATH handle or fdinfo per link: the guard
/// needs paths, not mount ids) — the guard's let-through budget is 3 ms.
struct ProcessScan {
    struct Entry {
        var pid: Int32
        var cwd: String?
        var root: String?
        var files: [String]
    }

    let procRoot: String
    var entries: [Entry] = []
    /// False when the budget ran out or some processes could not be read.
    var complete = true
    /// The budget ran out before every process was seen.
    var cutShort = false
    /// Processes whose links we could not read (another user's, as non-root; a sandbox's init).
    var unreadable: [Int32] = []
    /// Processes listed in /proc, and how many of them were looked at before the budget ran out.
    var listed = 0
    var listingError: String?
    var read = 0
    let budgetMilliseconds: Int

    init(procRoot: String, budgetMilliseconds: Int = 200) {
        self.procRoot = procRoot
        self.budgetMilliseconds = budgetMilliseconds
    }

    /// The scan's state as the policy and banner see it.
    var state: ProcessScanState {
        if cutShort { return .cutShort(milliseconds: budgetMilliseconds, read: read, listed: listed) }
        if let listingError { return .failed(listingError) }
        if !unreadable.isEmpty { return .unreadable(count: unreadable.count, pids: unreadable.map(Int.init), names: unreadable.map(name(of:))) }
        return .complete
    }

    static func run(procRoot: String, budgetMilliseconds: Int) -> ProcessScan {
        let deadline = system_monotonicNanoseconds() + UInt64(max(1, budgetMilliseconds)) * 1_000_000
        var scan = ProcessScan(procRoot: procRoot, budgetMilliseconds: budgetMilliseconds)
        let names: [String]
        do {
            names = try system_listDirectory(procRoot)
        } catch {
            scan.complete = false
            scan.listingError = error.description
            return scan
        }
        let me = system_processID()
        scan.listed = names.reduce(0) { $0 + (Int32($1) == nil ? 0 : 1) }
        for name in names {
            guard let pid = Int32(name), pid != me else { continue }
            scan.read += 1
            if system_monotonicNanoseconds() > deadline {
                scan.read -= 1
                scan.complete = false
                scan.cutShort = true
                break
            }
            let base = procRoot + "/" + name
            var entry = Entry(pid: pid, cwd: nil, root: nil, files: [])
            do {
                entry.cwd = try system_readlink(base + "/cwd")
            } catch {
                // Gone since the listing: fine. Kernel threads read "/" ; anything else we
                // could not see makes the scan incomplete ("at least").
                if !error.isProcessGone {
                    scan.complete = false
                    scan.unreadable.append(pid)
                }
                continue
            }
            // A chrooted process shows its cwd as a real path inside its root; a cwd of "/"
            // means the real root, so its root is "/" too and need not be read (a kernel
            // thread, init, most daemons: half of the processes on a typical host). Missed: a
            // process that chroot()ed without chdir()ing into its new root, the classic bug.
            entry.root = entry.cwd == "/" ? "/" : try? system_readlink(base + "/root")
            if let descriptors = try? system_listDirectory(base + "/fd") {
                for descriptor in descriptors {
                    if let target = try? system_readlink(base + "/fd/" + descriptor), target.hasPrefix("/") {
                        entry.files.append(target)
                    }
                }
            }
            scan.entries.append(entry)
        }
        return scan
    }

    func name(of pid: Int32) -> String {
        guard let text = try? system_readProcText(procRoot + "/\(pid)/comm", limit: 64) else { return "?" }
        return String(text.split(separator: "\n").first ?? "?")
    }

    /// Whether a link target is `paths[i]` or below it. Byte comparison at a "/" boundary: the
    /// kernel prints canonical paths (absolute, no `.`/`..`, no doubled or trailing slash), so
    /// this equals a component-wise comparison without splitting every link of every process.
    static func inside(_ link: String?, _ paths: [RawPath]) -> Bool {
        guard let link else { return false }
        var bytes = Array(link.utf8)
        if link.hasSuffix(" (deleted)") { bytes.removeLast(10) }
        for path in paths {
            let prefix = path.bytes
            if prefix == [0x2F] { return true }
            if bytes.count >= prefix.count && bytes.starts(with: prefix)
                && (bytes.count == prefix.count || bytes[prefix.count] == 0x2F) {
                return true
            }
        }
        return false
    }

    /// Processes holding `paths` or something below them.
    func users(of paths: [RawPath]) -> [ProcessFact] {
        var facts: [ProcessFact] = []
        for entry in entries {
            let how: String
            if Self.inside(entry.cwd, paths) {
                how = "cwd"
            } else if entry.root != "/" && Self.inside(entry.root, paths) {
                how = "root"
            } else if entry.files.contains(where: { Self.inside($0, paths) }) {
                how = "open file"
            } else {
                continue
            }
            facts.append(ProcessFact(pid: Int(entry.pid), command: name(of: entry.pid), how: how))
        }
        return facts
    }
}
