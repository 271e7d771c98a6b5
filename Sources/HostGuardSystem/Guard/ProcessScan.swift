import HostGuardCore

/// One pass over /proc: every process's cwd, root and open files, within a time budget. Shared
/// by all targets of one command, so the cost is paid once. Reads links only (never stats
/// through them), so a hung NFS server cannot hang the guard.
struct ProcessScan {
    struct Entry {
        var pid: Int32
        var name: String
        var cwd: String?
        var root: String?
        var files: [String]
    }

    var entries: [Entry] = []
    /// False when the budget ran out or some processes could not be read.
    var complete = true
    var unreadable = 0

    static func run(procfs: ProcFS = ProcFS(), deadline: UInt64) -> ProcessScan {
        var scan = ProcessScan()
        guard let pids = try? procfs.processIDs() else {
            scan.complete = false
            return scan
        }
        let me = system_processID()
        for pid in pids where pid != me {
            if system_monotonicNanoseconds() > deadline {
                scan.complete = false
                break
            }
            guard let process = try? procfs.process(pid) else { continue }
            let name = (try? process.shortName()) ?? "?"
            var entry = Entry(pid: pid, name: name, cwd: nil, root: nil, files: [])
            do {
                entry.cwd = try process.cwd(withPath: true).path
            } catch {
                if !error.isProcessGone { scan.unreadable += 1 }
                continue
            }
            entry.root = try? process.root(withPath: true).path
            if let files = try? process.openFiles() {
                entry.files = files.map(\.link.path).filter { $0.hasPrefix("/") }
            }
            scan.entries.append(entry)
        }
        if scan.unreadable > 0 { scan.complete = false }
        return scan
    }

    /// Processes holding `path` or something below it.
    func users(of paths: [RawPath]) -> [ProcessFact] {
        var facts: [ProcessFact] = []
        func inside(_ link: String?) -> Bool {
            guard let link else { return false }
            let cleaned = link.hasSuffix(" (deleted)") ? String(link.dropLast(10)) : link
            return paths.contains { RawPath(cleaned).starts(with: $0) }
        }
        for entry in entries {
            if inside(entry.cwd) {
                facts.append(ProcessFact(pid: Int(entry.pid), command: entry.name, how: "cwd"))
            } else if entry.root != "/" && inside(entry.root) {
                facts.append(ProcessFact(pid: Int(entry.pid), command: entry.name, how: "root"))
            } else if entry.files.contains(where: { inside($0) }) {
                facts.append(ProcessFact(pid: Int(entry.pid), command: entry.name, how: "open file"))
            }
        }
        return facts
    }

    /// Data directories of running MySQL/MariaDB servers (mysqld chdir()s to its datadir).
    var mysqlDirectories: [String] {
        entries.filter { ["mysqld", "mariadbd"].contains($0.name) }.compactMap(\.cwd)
    }
}
