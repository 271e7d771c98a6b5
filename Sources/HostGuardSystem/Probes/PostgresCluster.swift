import HostGuardCore

/// Reads PostgreSQL data directories on the live system and says what each is: the public
/// API for the prompt, `status` and the guard ("is this rm target a live primary?").
///
///     let state = PostgresCluster.inspect(dataDirectory: "/var/lib/postgresql/15/main")
///     state.verdict          // .primary, .standby or .unknown("why")
///     state.running          // postmaster alive and serving this directory
///     state.mustTreatAsPrimary, state.mustTreatAsRunning   // fail-safe answers for the guard
///
///     PostgresCluster.discover()   // every cluster on the host, most important first
///
/// Every path is taken under `root` and processes under `procRoot`, so tests use temp trees.
/// Cost: a handful of small reads per directory (pg_control's first 8 KiB, PG_VERSION,
/// postmaster.pid, three stats, the pid's cmdline and cwd); no process is spawned.
public enum PostgresCluster {
    /// Inspects one data directory and decides its role.
    public static func inspect(dataDirectory: String, procRoot: String = "/proc") -> PostgresClusterState {
        PostgresClusterState.decide(read(dataDirectory: dataDirectory, procRoot: procRoot))
    }

    /// What `inspect` decides from, for callers that want the raw facts.
    public static func read(dataDirectory: String, procRoot: String = "/proc") -> PostgresDataDirectoryReading {
        let directory = dataDirectory.count > 1 && dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory
        var control: Result<PostgresControlFile, PostgresReadFailure> = .failure(.unreadable("not read"))
        // PostgreSQL rewrites pg_control in place (one 8 KiB write), so a read can race a
        // checkpoint and see a torn file; a checksum mismatch is read again twice before it
        // counts. A file that stays damaged is reported as such.
        for _ in 0..<3 {
            do {
                let bytes = try system_readFile(directory + "/global/pg_control", limit: 8192)
                control = PostgresControlFile.decode(bytes).mapError { PostgresReadFailure.undecodable($0) }
            } catch {
                let why = describe(error, reading: "pg_control")
                control = .failure(error.isPermissionDenied ? .permissionDenied(why) : .unreadable(why))
            }
            guard case .failure(.undecodable(.checksumMismatch)) = control else { break }
        }
        let version = (try? system_readText(directory + "/PG_VERSION", limit: 64))
            .flatMap { $0.split(separator: "\n").first.map(String.init) }
        // recovery.conf configures a standby only before 12 (12+ refuses to start with one).
        var recoveryConf: RecoveryConf?
        if case .success(let decoded) = control, decoded.layout.usesRecoveryConf,
           let text = try? system_readText(directory + "/recovery.conf", limit: 64 << 10) {
            recoveryConf = RecoveryConf.parse(text[...])
        }
        return PostgresDataDirectoryReading(
            dataDirectory: directory, control: control, versionFile: version,
            standbySignal: exists(directory + "/standby.signal"), recoverySignal: exists(directory + "/recovery.signal"),
            recoveryConf: recoveryConf, postmaster: postmasterStatus(directory, procRoot: procRoot))
    }

    /// True when `path` looks like a data directory (PG_VERSION and global/pg_control), or is
    /// unreadable where one is usual. Cheap: two stats.
    public static func looksLikeDataDirectory(_ path: String) -> Bool {
        exists(path + "/PG_VERSION") && exists(path + "/global/pg_control")
    }

    // MARK: postmaster

    /// Is the pid in postmaster.pid alive, a postmaster, and one serving this directory?
    /// A postmaster chdir()s to its data directory, so /proc/<pid>/cwd names it (readable by
    /// root and the postgres user); the cmdline (readable by all) says it is postgres itself
    /// and not a backend ("postgres: 15/main: checkpointer") or an unrelated reused pid.
    static func postmasterStatus(_ directory: String, procRoot: String) -> PostmasterStatus {
        let text: String
        do {
            text = try system_readText(directory + "/postmaster.pid", limit: 4096)
        } catch {
            if error.isNotFound { return .noPidFile }
            return .unreadablePidFile(describe(error, reading: "postmaster.pid"))
        }
        guard let file = PostmasterPidFile.parse(text[...]) else {
            return .unreadablePidFile("empty or malformed (server starting or stopping?)")
        }
        let process = "\(procRoot)/\(file.pid)"
        guard let arguments = try? system_readProcFile(process + "/cmdline", limit: 4096), !arguments.isEmpty else {
            return .stale(pid: file.pid, why: "is not alive")
        }
        let command = commandName(arguments)
        if command.hasPrefix("postgres:") || command.hasPrefix("postmaster:") {
            return .stale(pid: file.pid, why: "is a PostgreSQL child process (\(command)), not a postmaster")
        }
        guard ["postgres", "postmaster"].contains(command) else {
            return .stale(pid: file.pid, why: "is now \"\(command)\" (pid reused)")
        }
        // realpath (a stat per path component) only when the plain path does not match.
        var resolved: String?
        func canonical() -> String {
            if resolved == nil { resolved = (try? system_canonicalPath(directory)) ?? directory }
            return resolved!
        }
        do {
            let cwd = try system_readlink(process + "/cwd")
            if cwd == directory || cwd == canonical() {
                return .running(file, how: "\(command), cwd is the data directory")
            }
            return .stale(pid: file.pid, why: "is a postmaster for \(cwd), not this directory")
        } catch {
            if error.isPermissionDenied, let named = file.dataDirectory, named == directory || named == canonical() {
                return .running(file, how: "\(command); cwd unreadable, postmaster.pid names this directory")
            }
            if error.isProcessGone { return .stale(pid: file.pid, why: "exited while being checked") }
            return .running(file, how: "\(command); cwd unreadable (\(error))")
        }
    }

    /// The program name from a NUL-separated cmdline: the basename of argv[0], or, for a
    /// process that rewrote its title ("postgres: 15/main: walwriter"), the title's first word.
    static func commandName(_ cmdline: [UInt8]) -> String {
        let first = cmdline.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let text = String(decoding: first, as: UTF8.self)
        if let title = text.split(separator: " ").first, title.hasSuffix(":") { return String(title) }
        return String(text.split(separator: "/").last ?? Substring(text))
    }

    // MARK: discovery

    /// Every PostgreSQL data directory on the host, inspected, most important first (a running
    /// primary, then a running standby, stopped primary, stopped standby, unknown).
    /// Found from running postmasters (/proc/<pid>/cwd, else their -D argument) and from the
    /// usual places: Debian /var/lib/postgresql/<version>/<cluster>, RHEL
    /// /var/lib/pgsql/<version>/data and /var/lib/pgsql/data.
    public static func discover(root: String = "", procRoot: String = "/proc", scanProcesses: Bool = true) -> [PostgresClusterState] {
        var directories = scanProcesses ? runningDataDirectories(procRoot: procRoot) : []
        for candidate in packagedDataDirectories(root: root) {
            let canonical = (try? system_canonicalPath(candidate)) ?? candidate
            if !directories.contains(canonical) { directories.append(canonical) }
        }
        return directories
            .map { inspect(dataDirectory: $0, procRoot: procRoot) }
            .enumerated()
            .sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element)
    }

    /// Data directories of running postmasters. Reads each process's 16-byte comm first, so
    /// the scan costs one small read per process.
    public static func runningDataDirectories(procRoot: String = "/proc") -> [String] {
        guard let entries = try? system_listDirectory(procRoot) else { return [] }
        var found: [String] = []
        for entry in entries where entry.first.map({ $0 >= "0" && $0 <= "9" }) == true {
            let process = procRoot + "/" + entry
            guard let comm = try? system_readProcText(process + "/comm", limit: 64),
                  comm.hasPrefix("postgres") || comm.hasPrefix("postmaster"),
                  let cmdline = try? system_readProcFile(process + "/cmdline", limit: 64 << 10) else { continue }
            let command = commandName(cmdline)
            guard command == "postgres" || command == "postmaster" else { continue }
            var directory = try? system_readlink(process + "/cwd")
            if directory == nil {
                // Not root: fall back to -D / --pgdata when it is absolute.
                let arguments = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                for (index, argument) in arguments.enumerated() {
                    if argument == "-D", index + 1 < arguments.count { directory = arguments[index + 1] }
                    if argument.hasPrefix("--pgdata=") { directory = String(argument.dropFirst(9)) }
                }
            }
            if let directory, directory.hasPrefix("/"), !found.contains(directory) { found.append(directory) }
        }
        return found
    }

    /// Candidate data directories in the Debian and RHEL package locations. A directory that
    /// cannot be looked into (not root) still counts: it is reported unknown, not hidden.
    public static func packagedDataDirectories(root: String = "") -> [String] {
        var found: [String] = []
        let debian = root + "/var/lib/postgresql"
        for version in sortedListing(debian) where isVersionName(version) {
            for cluster in sortedListing(debian + "/" + version) where !cluster.hasPrefix(".") {
                let path = debian + "/" + version + "/" + cluster
                if isDirectory(path) { found.append(path) }
            }
        }
        let rhel = root + "/var/lib/pgsql"
        if isDirectory(rhel + "/data") { found.append(rhel + "/data") }
        for version in sortedListing(rhel) where isVersionName(version) {
            let path = rhel + "/" + version + "/data"
            if isDirectory(path) { found.append(path) }
        }
        return found
    }

    private static func sortedListing(_ path: String) -> [String] {
        ((try? system_listDirectory(path)) ?? []).sorted()
    }

    private static func isVersionName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0 == "." || ($0 >= "0" && $0 <= "9") }
    }

    private static func isDirectory(_ path: String) -> Bool {
        (try? system_stat(path))?.isDirectory == true
    }

    private static func exists(_ path: String) -> Bool {
        (try? system_stat(path, followSymlinks: false)) != nil
    }

    private static func describe(_ error: SystemError, reading what: String) -> String {
        if error.isPermissionDenied {
            return "cannot read \(what): permission denied (run as root or postgres, or enable hostguard-refresh.timer)"
        }
        if error.isNotFound { return "no \(what): not a PostgreSQL data directory?" }
        return "cannot read \(what): \(error)"
    }
}
