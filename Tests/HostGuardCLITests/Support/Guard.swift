import Foundation

/// Helpers for the guard's integration tests: a trusted config, the short host name, runs
/// without a controlling terminal (setsid), shell snippets with exact bytes.
enum GuardTest {
    static let shortHostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count)
        let name = String(cString: buffer)
        return String(name.split(separator: ".").first ?? Substring(name))
    }()

    /// A config in its own trusted directory; `extra` is appended (e.g. [[protect]] rules).
    static func config(_ directory: TemporaryDirectory, environment: String, extra: String = "") throws -> String {
        try directory.write("hostguard.toml", "[host]\nenvironment = \"\(environment)\"\n\n[guard]\naudit_log = \"\(directory.path)/audit.jsonl\"\n\(extra)")
    }

    /// `hostguard guard -- ARGS` in a new session: no controlling terminal, whatever runs the tests.
    @discardableResult
    static func run(_ arguments: [String], config: String, options: [String] = [], cwd: String? = nil) throws -> ProcessOutput {
        try runProcess("/usr/bin/setsid", ["-w", HostGuardBinary.path, "guard"] + options + ["--"] + arguments,
                       environment: ["HOSTGUARD_CONFIG": config], currentDirectory: cwd)
    }

    /// A shell snippet run with bash (for names that are not UTF-8: `$'a\xff'`) and no terminal.
    /// `$HG` is the binary, `$HOSTGUARD_CONFIG` the config.
    @discardableResult
    static func shell(_ script: String, config: String, cwd: String? = nil) throws -> ProcessOutput {
        try runProcess("/usr/bin/setsid", ["-w", "/bin/bash", "-c", script],
                       environment: ["HOSTGUARD_CONFIG": config, "HG": HostGuardBinary.path], currentDirectory: cwd)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The JSON of `guard --dry-run --json`.
    static func dryRun(_ arguments: [String], config: String, cwd: String? = nil) throws -> [String: Any] {
        let output = try run(arguments, config: config, options: ["--dry-run", "--json"], cwd: cwd)
        guard output.status == 0, let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] else {
            throw Failure("dry run failed (\(output.status)): \(output.stderr)\(output.stdout)")
        }
        return object
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A tmux server of its own (private socket), killed when the value goes away. tmux is run
/// with posix_spawn and waitpid, not Foundation's Process: the server daemonises from the
/// client, and Process was seen leaving that client unreaped (a zombie) and waiting forever.
final class TmuxSession {
    let socket: String
    let name = "guard"

    init(command: String, environment: [String: String]) throws {
        socket = "hostguard-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var arguments = ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "200", "-y", "60"]
        for (key, value) in environment { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(command)
        let (status, _) = Self.tmux(arguments)
        guard status == 0 else { throw GuardTest.Failure("tmux new-session exited \(status)") }
    }

    deinit { _ = Self.tmux(["-L", socket, "kill-server"]) }

    func send(_ keys: String...) throws {
        _ = Self.tmux(["-L", socket, "send-keys", "-t", name] + keys)
    }

    func screen() throws -> String {
        Self.tmux(["-L", socket, "capture-pane", "-p", "-t", name, "-S", "-60"]).output
    }

    /// Polls the screen (bounded: ~60 s) until `text` shows; returns whether it did.
    func waitFor(_ text: String) throws -> Bool {
        for _ in 0..<600 {
            if try screen().contains(text) { return true }
            usleep(100_000)
        }
        return false
    }

    /// Runs tmux with stdin on /dev/null and stdout/stderr in a temporary file; waits for it.
    static func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        var template = Array("/tmp/hostguard-tmux-out-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        let outputPath = String(cString: template)
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // An empty signal mask and default handlers for the server and its panes.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let words: [String] = ["/usr/bin/tmux"] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables: [String] = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
                                   "LANG=C.UTF-8", "TERM=xterm-256color"]
        let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, argv, environment)
        close(fd)
        guard spawned == 0 else { return (-1, "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xff, output)
    }
}

/// Polls (bounded: ~60 s) until a file exists; returns its contents.
func waitForFile(_ path: String) -> String? {
    for _ in 0..<600 {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return text }
        usleep(100_000)
    }
    return nil
}
