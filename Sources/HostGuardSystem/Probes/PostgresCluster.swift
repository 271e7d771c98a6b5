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

    /// True when `path` looks like a PostgreSQL data directory (`DataDirectoryKind`, the one
    /// recogniser). Cheap: two stats.
    public static func looksLikeDataDirectory(_ path: String) -> Bool {
        DataDirectoryKind.recognise(has: { exists(path + "/" + $0) }) == .postgresql
    }

    // MARK: postmaster

    /// Reads postmaster.pid and the pid's cmdline and cwd in /proc (through `ProcFS`); Core's
    /// `PostmasterProcess.status` decides whether it is this directory's running postmaster.
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
        let process = try? ProcFS(root: procRoot).process(file.pid)
        let cmdline = (try? process?.arguments()).map { arguments in
            arguments.reduce(into: [UInt8]()) { line, word in line += word + [0] }
        }
        return PostmasterProcess.status(
            of: file, directory: directory, cmdline: cmdline,
            cwd: { () -> PostmasterProcess.CwdReading in
                guard let process else { return .gone }
                do throws(SystemError) {
                    return .path(try process.cwdPath())
                } catch {
                    if error.isPermissionDenied { return .permissionDenied("\(error)") }
                    if error.isProcessGone { return .gone }
                    return .failed("\(error)")
                }
            },
            canonical: { (try? system_canonicalPath(directory)) ?? directory })
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
        return ProbeReading.rank(directories.map { inspect(dataDirectory: $0, procRoot: procRoot) })
    }

    /// Data directories of running postmasters, walking /proc with `ProcFS` (the one walker).
    /// Reads each process's 16-byte comm first, so the scan costs one small read per process;
    /// Core's `PostmasterProcess` says which are postmasters and which directory each serves.
    public static func runningDataDirectories(procRoot: String = "/proc") -> [String] {
        var found: [String] = []
        _ = try? ProcFS(root: procRoot).walk { process throws(SystemError) in
            guard PostmasterProcess.commMayBePostmaster(try process.shortName()) else { return }
            let arguments = try process.arguments()
            let cmdline = arguments.reduce(into: [UInt8]()) { line, word in line += word + [0] }
            guard PostmasterProcess.isPostmaster(PostmasterProcess.commandName(cmdline)) else { return }
            // Not root: fall back to -D / --pgdata when it is absolute.
            let directory = (try? process.cwdPath()) ?? PostmasterProcess.dataDirectoryArgument(arguments)
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
