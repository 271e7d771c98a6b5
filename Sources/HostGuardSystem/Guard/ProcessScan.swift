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

    static func run(procRoot: String, deadline: UInt64) -> ProcessScan {
        var scan = ProcessScan(procRoot: procRoot)
        guard let names = try? system_listDirectory(procRoot) else {
            scan.complete = false
            return scan
        }
        let me = system_processID()
        for name in names {
            guard let pid = Int32(name), pid != me else { continue }
            if system_monotonicNanoseconds() > deadline {
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

    /// Working directories of processes at or below `paths` (a postmaster or mysqld chdir()s
    /// to its data directory).
    func workingDirectories(below paths: [RawPath]) -> [String] {
        var result: [String] = []
        for entry in entries where Self.inside(entry.cwd, paths) {
            if let cwd = entry.cwd, !result.contains(cwd) { result.append(cwd) }
        }
        return result
    }

    /// Is a MySQL/MariaDB server running with `directory` as its cwd? nil when it cannot be
    /// told: the scan was cut short, or a server process's links could not be read (its name,
    /// in /proc/<pid>/comm, is readable by everyone, so other unreadable processes do not count).
    func mysqlServes(_ directory: String) -> Bool? {
        let servers = ["mysqld", "mariadbd"]
        if entries.contains(where: { $0.cwd == directory && servers.contains(name(of: $0.pid)) }) { return true }
        if cutShort || unreadable.contains(where: { servers.contains(name(of: $0)) }) { return nil }
        return false
    }
}
