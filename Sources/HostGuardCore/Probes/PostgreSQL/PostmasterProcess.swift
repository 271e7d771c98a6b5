/// What a process's /proc entries say about PostgreSQL, decided from what HostGuardSystem read
/// (its cmdline bytes, its cwd link): is it a postmaster, which data directory does it serve,
/// and is the pid in a `postmaster.pid` that postmaster.
public enum PostmasterProcess {
    /// The program name from a NUL-separated cmdline: the basename of argv[0], or, for a
    /// process that rewrote its title ("postgres: 15/main: walwriter"), the title's first word
    /// with its colon (postgres sets its title by overwriting argv: src/backend/utils/misc/ps_status.c).
    public static func commandName(_ cmdline: [UInt8]) -> String {
        let first = cmdline.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let text = String(decoding: first, as: UTF8.self)
        if let title = text.split(separator: " ").first, title.hasSuffix(":") { return String(title) }
        return String(text.split(separator: "/").last ?? Substring(text))
    }

    /// A postmaster itself (not a backend or auxiliary process, whose titles end in a colon).
    public static func isPostmaster(_ command: String) -> Bool {
        DataDirectoryKind.postgresql.serverNames.contains(command)
    }

    /// Whether a process's comm (16 bytes at most: proc(5)) can belong to a postmaster; read
    /// first, because it is the cheapest thing to read per process.
    public static func commMayBePostmaster(_ comm: String) -> Bool {
        DataDirectoryKind.postgresql.serverNames.contains { comm.hasPrefix($0) }
    }

    /// The data directory a postmaster's arguments name (`-D DIR`, `--pgdata=DIR`, `-DDIR`),
    /// when absolute: the fallback where its cwd cannot be read (not root). The last one wins,
    /// as in getopt.
    public static func dataDirectoryArgument(_ arguments: [[UInt8]]) -> String? {
        var found: String?
        let words = arguments.map { String(decoding: $0, as: UTF8.self) }
        for (index, word) in words.enumerated() {
            if word == "-D", index + 1 < words.count { found = words[index + 1] }
            else if word.hasPrefix("--pgdata=") { found = String(word.dropFirst(9)) }
            else if word.hasPrefix("-D"), word.count > 2 { found = String(word.dropFirst(2)) }
        }
        guard let found, found.hasPrefix("/") else { return nil }
        return found
    }

    /// What reading a process's cwd link gave.
    public enum CwdReading: Equatable, Sendable {
        case path(String)
        /// Not ours to read (another user's process, and we are not root); the error in words.
        case permissionDenied(String)
        /// The process exited while being read.
        case gone
        case failed(String)
    }

    /// Whether the pid in `postmaster.pid` is alive, a postmaster, and serving `directory`.
    /// A postmaster chdir()s to its data directory, so its cwd names it (readable by root and
    /// the postgres user); the cmdline (readable by all) says it is postgres itself and not a
    /// backend ("postgres: 15/main: checkpointer") or an unrelated reused pid.
    /// `cmdline` nil or empty: the pid is not alive. `canonical` is the directory after
    /// realpath, asked only when the plain path does not match.
    public static func status(
        of file: PostmasterPidFile, directory: String, cmdline: [UInt8]?, cwd: () -> CwdReading, canonical: () -> String
    ) -> PostmasterStatus {
        guard let cmdline, !cmdline.isEmpty else { return .stale(pid: file.pid, why: "is not alive") }
        let command = commandName(cmdline)
        if command.hasSuffix(":"), isPostmaster(String(command.dropLast())) {
            return .stale(pid: file.pid, why: "is a PostgreSQL child process (\(command)), not a postmaster")
        }
        guard isPostmaster(command) else { return .stale(pid: file.pid, why: "is now \"\(command)\" (pid reused)") }
        var resolved: String?
        func canonicalDirectory() -> String {
            if resolved == nil { resolved = canonical() }
            return resolved!
        }
        switch cwd() {
        case .path(let path):
            if path == directory || path == canonicalDirectory() {
                return .running(file, how: "\(command), cwd is the data directory")
            }
            return .stale(pid: file.pid, why: "is a postmaster for \(path), not this directory")
        case .permissionDenied(let why):
            if let named = file.dataDirectory, named == directory || named == canonicalDirectory() {
                return .running(file, how: "\(command); cwd unreadable, postmaster.pid names this directory")
            }
            return .running(file, how: "\(command); cwd unreadable (\(why))")
        case .gone:
            return .stale(pid: file.pid, why: "exited while being checked")
        case .failed(let why):
            return .running(file, how: "\(command); cwd unreadable (\(why))")
        }
    }
}
