import Foundation
import Testing

/// A real PostgreSQL (Debian's `postgresql` package, /usr/lib/postgresql/<v>/bin) started by the
/// test as the postgres user on loopback: a primary and a `pg_basebackup -R` standby. Every
/// server started here is stopped when the test ends, pass or fail.
final class PostgresPair {
    let bin: String
    let base: String
    let primary: String
    let standby: String
    let primaryPort: Int
    let standbyPort: Int

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }).first(where: {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }) else {
            throw Failure("PostgreSQL is not installed (apt-get install postgresql; see .ci/test-packages.txt)")
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        var template = Array("/tmp/hostguard-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure("mkdtemp failed") }
        base = String(cString: made)
        primary = base + "/primary"
        standby = base + "/standby"
        primaryPort = try freeLoopbackPort()
        standbyPort = try freeLoopbackPort(avoiding: primaryPort)
        try run("/bin/chown", ["postgres:postgres", base])
        chmod(base, 0o755)
    }

    deinit {
        for directory in [standby, primary] where FileManager.default.fileExists(atPath: directory + "/postmaster.pid") {
            _ = try? asPostgres("pg_ctl", ["-D", directory, "-m", "immediate", "-w", "stop"])
        }
        try? FileManager.default.removeItem(atPath: base)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try spawnAndWait(executable, arguments, logFile: base + "/command.out")
        guard status == 0 else {
            throw Failure("\(executable) \(arguments.joined(separator: " ")) exited with wait status \(status): \(output)")
        }
        return output
    }

    @discardableResult
    func asPostgres(_ tool: String, _ arguments: [String]) throws -> String {
        try run("/sbin/runuser", ["-u", "postgres", "--", bin + "/" + tool] + arguments)
    }

    func start(_ directory: String, port: Int) throws {
        try asPostgres("pg_ctl", ["-D", directory, "-l", directory + ".log", "-w", "-t", "60", "start",
                                  "-o", "-p \(port) -k \(base) -c listen_addresses=127.0.0.1"])
    }

    func setUp() throws {
        try asPostgres("initdb", ["-D", primary, "--auth=trust", "--no-sync"])
        try start(primary, port: primaryPort)
        try asPostgres("pg_basebackup", ["-h", "127.0.0.1", "-p", "\(primaryPort)", "-D", standby, "-R", "-X", "stream"])
        try start(standby, port: standbyPort)
    }
}

/// Runs a program to completion with posix_spawn + waitpid, stdout and stderr to `logFile`,
/// returning the wait status and the output. Not `runProcess`: pg_ctl leaves a daemon behind,
/// and Foundation's Process was seen to miss the exit of `runuser` around it and wait forever.
func spawnAndWait(_ executable: String, _ arguments: [String], environment: [String] = [], logFile: String) throws -> (Int32, String) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, logFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // The tests' private state, config and HOME underneath (HermeticEnvironment), unless named.
    let named = Set(environment.map { $0.prefix { $0 != "=" } })
    let hermetic = HermeticEnvironment.shared.assignments.filter { !named.contains($0.prefix { $0 != "=" }) }
    let variables = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"] + hermetic + environment
    var envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
    defer { for pointer in envp { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard spawned == 0 else { throw PostgresPair.Failure("cannot run \(executable): errno \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: logFile)
    return (status, output)
}

/// A free TCP port on 127.0.0.1 (bound and released; the server binds it right after).
func freeLoopbackPort(avoiding: Int = 0) throws -> Int {
    for _ in 0..<20 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        if bound, port != avoiding { return port }
    }
    throw PostgresPair.Failure("no free loopback port")
}

/// `hostguard status --json` parsed: role, role_detail.running, and the role evidence.
struct StatusReading {
    var role: String?
    var running: Bool?
    var unknownReason: String?
    var roleEvidence: [(source: String, detail: String, outcome: String)]
    var raw: String

    init(_ output: ProcessOutput) throws {
        raw = output.stdout
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        role = object["role"] as? String
        let detail = object["role_detail"] as? [String: Any]
        running = detail?["running"] as? Bool
        unknownReason = detail?["unknown"] as? String
        roleEvidence = (object["evidence"] as? [[String: Any]] ?? []).filter { $0["field"] as? String == "role" }.map {
            (source: $0["source"] as? String ?? "", detail: $0["detail"] as? String ?? "", outcome: $0["outcome"] as? String ?? "")
        }
    }
}

@Suite("live PostgreSQL role (real primary and standby)", .serialized)
struct PostgresRoleIntegrationTests {
    /// A trusted config (root-owned directory, readable by every user so the non-root prompt
    /// test can read it too) with one probe per data directory given.
    static func config(_ directory: TemporaryDirectory, name: String, dataDirectories: [String?], staticRole: Bool = true) throws -> String {
        chmod(directory.path, 0o755)
        var text = "[host]\nenvironment = \"production\"\n"
        if staticRole { text += "role = \"standby\"   # static label: a live probe must win\n" }
        for dataDirectory in dataDirectories {
            text += "\n[[probe]]\nkind = \"postgresql\"\n"
            if let dataDirectory { text += "data_dir = \"\(dataDirectory)\"\n" }
        }
        return try directory.write(name, text)
    }

    static func status(_ config: String, state: String, refresh: Bool = false) throws -> StatusReading {
        let arguments = refresh ? ["status", "--json", "--refresh"] : ["status", "--json"]
        let output = try runHostGuard(arguments, environment: ["HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_FILE": state])
        #expect(output.status == 0, "\(output.stderr)")
        return try StatusReading(output)
    }

    /// Polls (bounded, no timing asserted) until `done` holds or ~60 s pass; returns the last reading.
    static func poll(_ config: String, state: String, until done: (StatusReading) -> Bool) throws -> StatusReading {
        var reading = try status(config, state: state)
        for _ in 0..<300 where !done(reading) {
            usleep(200_000)
            reading = try status(config, state: state)
        }
        return reading
    }

    /// PS1 as a real interactive bash builds it with `eval "$(hostguard init bash)"`, as root
    /// or (through runuser) as another user.
    static func bashPrompt(config: String, state: String, user: String? = nil) throws -> String {
        let script = "eval \"$(\(HostGuardBinary.path) init bash)\"; __hostguard_precmd; printf '%s' \"$PS1\""
        let bash = ["/bin/bash", "--norc", "--noprofile", "-i", "-c", script]
        let environment = ["HOSTGUARD_CONFIG=\(config)", "HOSTGUARD_STATE_FILE=\(state)", "TERM=dumb", "PS1=$ "]
        let log = "/tmp/hostguard-bash-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        let (_, output): (Int32, String)
        if let user {
            (_, output) = try spawnAndWait("/sbin/runuser", ["-u", user, "--", "/usr/bin/env"] + environment + ["HOME=/nonexistent"] + bash,
                                           logFile: log)
        } else {
            (_, output) = try spawnAndWait(bash[0], Array(bash.dropFirst()), environment: environment, logFile: log)
        }
        // stdout and stderr share the file: bash -i without a terminal warns about job control.
        return output
    }

    @Test("primary and standby, promotion, stop: status, evidence, the prompt in bash, and a non-root prompt via the state file")
    func primaryStandbyPromoteStop() throws {
        let pair = try PostgresPair()
        try pair.setUp()
        let configs = try TemporaryDirectory()
        let state = configs.path + "/role.state"
        let primaryConfig = try Self.config(configs, name: "primary.toml", dataDirectories: [pair.primary])
        let standbyConfig = try Self.config(configs, name: "standby.toml", dataDirectories: [pair.standby])
        let bothConfig = try Self.config(configs, name: "both.toml", dataDirectories: [pair.standby, pair.primary])
        let discoveryConfig = try Self.config(configs, name: "discover.toml", dataDirectories: [nil])

        // 1. One primary, one standby, each with its evidence.
        let primary = try Self.status(primaryConfig, state: state)
        #expect(primary.role == "primary", "\(primary.raw)")
        #expect(primary.running == true)
        let decided = try #require(primary.roleEvidence.first { $0.outcome == "decided" })
        #expect(decided.source == "probe:postgresql")
        #expect(decided.detail.contains("in production"))
        #expect(decided.detail.contains("postmaster pid"))
        let standby = try Self.poll(standbyConfig, state: state) { $0.role == "standby" && $0.running == true }
        #expect(standby.role == "standby", "\(standby.raw)")
        #expect(standby.running == true)
        let standbyEvidence = standby.roleEvidence.first { $0.outcome == "decided" }?.detail ?? ""
        #expect(standbyEvidence.contains("in archive recovery"), "\(standbyEvidence)")
        #expect(standbyEvidence.contains("standby.signal present"))

        // Both in one config: the first probe decides, the other still shows as evidence.
        let both = try Self.status(bothConfig, state: state)
        #expect(both.role == "standby")
        #expect(both.roleEvidence.contains { $0.outcome == "overridden" && $0.detail.contains(pair.primary) && $0.detail.contains("PRIMARY (running)") })

        // Discovery from running postmasters: both clusters are found; a running primary decides.
        let discovered = try Self.status(discoveryConfig, state: state)
        #expect(discovered.role == "primary", "\(discovered.raw)")
        #expect(discovered.running == true)
        let discoveredText = discovered.roleEvidence.map(\.detail).joined(separator: "\n")
        #expect(discoveredText.contains("\(pair.primary): PRIMARY (running)"), "\(discoveredText)")
        #expect(discoveredText.contains("\(pair.standby): standby (running)"), "\(discoveredText)")

        // The prompt in a real bash says so; so does a user who cannot read the data directory,
        // from the state file root's refresh wrote.
        #expect(try Self.bashPrompt(config: standbyConfig, state: state).contains("standby"))
        let refreshed = try Self.status(standbyConfig, state: state, refresh: true)
        #expect(refreshed.role == "standby")
        let asNobody = try Self.bashPrompt(config: standbyConfig, state: state, user: "nobody")
        #expect(asNobody.contains("standby"), "\(asNobody)")
        #expect(!asNobody.lowercased().contains("unknown"), "\(asNobody)")

        // 2. Promote the standby: it reports primary within seconds (polled, bounded).
        try pair.asPostgres("pg_ctl", ["-D", pair.standby, "-w", "promote"])
        let promoted = try Self.poll(standbyConfig, state: state) { $0.role == "primary" && $0.running == true }
        #expect(promoted.role == "primary", "\(promoted.raw)")
        #expect(promoted.running == true)
        #expect(promoted.roleEvidence.first { $0.outcome == "decided" }?.detail.contains("in production") == true)
        let promotedPrompt = try Self.bashPrompt(config: standbyConfig, state: state)
        #expect(promotedPrompt.contains("PRIMARY"), "\(promotedPrompt)")
        // The unprivileged prompt follows after the next refresh.
        _ = try Self.status(standbyConfig, state: state, refresh: true)
        #expect(try Self.bashPrompt(config: standbyConfig, state: state, user: "nobody").contains("PRIMARY"))

        // 3. Stop the old primary: a stopped primary.
        try pair.asPostgres("pg_ctl", ["-D", pair.primary, "-m", "fast", "-w", "stop"])
        let stopped = try Self.status(primaryConfig, state: state)
        #expect(stopped.role == "primary", "\(stopped.raw)")
        #expect(stopped.running == false)
        let stoppedEvidence = stopped.roleEvidence.first { $0.outcome == "decided" }?.detail ?? ""
        #expect(stoppedEvidence.contains("shut down"), "\(stoppedEvidence)")
        #expect(stoppedEvidence.contains("no postmaster.pid"), "\(stoppedEvidence)")
    }

    // The config also carries a static `role = "standby"`: a configured probe that cannot
    // answer must not be papered over by the label (that belief is what wiped db1).
    @Test("a user who cannot read the data directory and has no state file sees unknown, loudly, with a notice")
    func unprivilegedWithoutState() throws {
        let pair = try PostgresPair()
        try pair.asPostgres("initdb", ["-D", pair.primary, "--auth=trust", "--no-sync"])
        let configs = try TemporaryDirectory()
        let config = try Self.config(configs, name: "c.toml", dataDirectories: [pair.primary], staticRole: true)
        let prompt = try Self.bashPrompt(config: config, state: configs.path + "/absent.state", user: "nobody")
        #expect(prompt.uppercased().contains("UNKNOWN") || prompt.contains("?"), "\(prompt)")
        #expect(prompt.contains("no role state"), "\(prompt)")
        #expect(!prompt.contains("primary") && !prompt.contains("standby"), "\(prompt)")
    }
}
