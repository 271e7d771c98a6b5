import Foundation
import Testing

/// Replication read from a real primary and a real `pg_basebackup -R` standby on loopback
/// (Debian's PostgreSQL, started as postgres by `PostgresPair`; every server stopped and every
/// directory removed when the test ends, pass or fail). State goes to a private state directory.
@Suite("replication state from the live server (real primary and standby)", .serialized)
struct ReplicationIntegrationTests {
    /// A trusted config with one probe for `dataDirectory` and an optional [replication] table.
    static func config(_ directory: TemporaryDirectory, _ name: String, dataDirectory: String, replication: String = "") throws -> String {
        chmod(directory.path, 0o755)
        return try directory.write(name, "[host]\nenvironment = \"production\"\n\n[[probe]]\nkind = \"postgresql\"\ndata_dir = \"\(dataDirectory)\"\n\(replication)")
    }

    struct Refreshed {
        var replication: [String: Any]
        var raw: String
        var state: String? { replication["state"] as? String }
    }

    /// `status --json --refresh` (as root) with a private state directory: the first cluster's
    /// replication object.
    static func refresh(_ config: String, stateDirectory: String) throws -> Refreshed {
        let output = try runHostGuard(["status", "--json", "--refresh"],
                                      environment: ["HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_DIR": stateDirectory])
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
        let clusters = object["clusters"] as? [[String: Any]] ?? []
        return Refreshed(replication: clusters.first?["replication"] as? [String: Any] ?? [:], raw: output.stdout + output.stderr)
    }

    /// Refreshes until `done` holds (bounded: ~60 s; no timing asserted).
    static func poll(_ config: String, stateDirectory: String, until done: (Refreshed) -> Bool) throws -> Refreshed {
        var reading = try refresh(config, stateDirectory: stateDirectory)
        for _ in 0..<120 where !done(reading) {
            usleep(500_000)
            reading = try refresh(config, stateDirectory: stateDirectory)
        }
        return reading
    }

    static func prompt(_ config: String, stateDirectory: String) throws -> String {
        try runHostGuard(["prompt", "--shell", "plain", "--color", "never"],
                         environment: ["HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_DIR": stateDirectory]).stdout
    }

    static func psql(_ pair: PostgresPair, port: Int, _ sql: String) throws -> String {
        try pair.asPostgres("psql", ["-X", "-A", "-t", "-h", pair.base, "-p", "\(port)", "-d", "postgres", "-c", sql])
    }

    @Test("streaming standby and its primary; replay paused; a hung postmaster is not answering; primary stopped: receiver down; no standby")
    func liveReplication() throws {
        let pair = try PostgresPair()
        try pair.setUp()
        let configs = try TemporaryDirectory()
        let state = configs.path + "/state"
        let standbyConfig = try Self.config(configs, "standby.toml", dataDirectory: pair.standby)
        let primaryConfig = try Self.config(configs, "primary.toml", dataDirectory: pair.primary,
                                            replication: "\n[replication]\nexpect_standbys = 1\n")

        // 1. Streaming on the standby, one standby on the primary.
        let streaming = try Self.poll(standbyConfig, stateDirectory: state) { $0.state == "streaming" }
        #expect(streaming.state == "streaming", "\(streaming.raw)")
        #expect(streaming.replication["upstream"] as? String == "127.0.0.1:\(pair.primaryPort)", "\(streaming.raw)")
        #expect(streaming.replication["replay_paused"] as? Bool == false)
        #expect(streaming.replication["lag_bytes"] is NSNumber, "\(streaming.raw)")
        #expect(streaming.replication["last_message_age_s"] is NSNumber, "\(streaming.raw)")
        let calm = try Self.prompt(standbyConfig, stateDirectory: state)
        #expect(calm.contains("pg standby ← 127.0.0.1 "), "\(calm)")

        let primary = try Self.poll(primaryConfig, stateDirectory: state) {
            ($0.replication["standbys"] as? [[String: Any]])?.first?["state"] as? String == "streaming"
        }
        let standbys = primary.replication["standbys"] as? [[String: Any]] ?? []
        #expect(standbys.count == 1, "\(primary.raw)")
        #expect(standbys.first?["sync"] as? Bool == false)
        #expect(standbys.first?["lag_bytes"] is NSNumber)
        let maxSenders = Int(try Self.psql(pair, port: pair.primaryPort, "SHOW max_wal_senders").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(primary.replication["free_wal_senders"] as? Int == maxSenders - 1, "\(primary.raw)")
        #expect(!(try Self.prompt(primaryConfig, stateDirectory: state)).contains("no standby"))

        // 2. Replay paused, then resumed.
        try Self.psql(pair, port: pair.standbyPort, "SELECT pg_wal_replay_pause()")
        let paused = try Self.poll(standbyConfig, stateDirectory: state) { $0.replication["replay_paused"] as? Bool == true }
        #expect(paused.replication["replay_paused"] as? Bool == true, "\(paused.raw)")
        #expect(try Self.prompt(standbyConfig, stateDirectory: state).contains("REPLAY PAUSED"))
        try Self.psql(pair, port: pair.standbyPort, "SELECT pg_wal_replay_resume()")
        _ = try Self.poll(standbyConfig, stateDirectory: state) { $0.replication["replay_paused"] as? Bool == false }

        // 3. A postmaster that does not answer (SIGSTOP): "not answering" within the bound, not a hang.
        let pidText = try String(contentsOfFile: pair.standby + "/postmaster.pid", encoding: .utf8)
        let postmaster = try #require(pid_t(pidText.split(separator: "\n").first ?? ""))
        kill(postmaster, SIGSTOP)
        defer { kill(postmaster, SIGCONT) }
        let started = Date()
        let hung = try Self.refresh(standbyConfig, stateDirectory: state)
        kill(postmaster, SIGCONT)
        #expect(Date().timeIntervalSince(started) < 30, "the refresh must be bounded")
        #expect(hung.state == "not answering", "\(hung.raw)")
        #expect(try Self.prompt(standbyConfig, stateDirectory: state).contains("PG NOT ANSWERING"))
        _ = try Self.poll(standbyConfig, stateDirectory: state) { $0.state == "streaming" }

        // 4. The primary stops: the standby's receiver is down, and the prompt says so in red.
        try pair.asPostgres("pg_ctl", ["-D", pair.primary, "-m", "fast", "-w", "stop"])
        let down = try Self.poll(standbyConfig, stateDirectory: state) { $0.state == "stopped" || $0.state == "catchup" }
        #expect(down.state == "stopped" || down.state == "catchup", "\(down.raw)")
        let loud = try Self.prompt(standbyConfig, stateDirectory: state)
        #expect(loud.contains("REPLICATION DOWN"), "\(loud)")

        // 5. The primary back, the standby stopped: a primary expecting one says it has none.
        try pair.asPostgres("pg_ctl", ["-D", pair.standby, "-m", "fast", "-w", "stop"])
        try pair.start(pair.primary, port: pair.primaryPort)
        let alone = try Self.poll(primaryConfig, stateDirectory: state) { ($0.replication["standbys"] as? [Any])?.isEmpty == true }
        #expect((alone.replication["standbys"] as? [Any])?.isEmpty == true, "\(alone.raw)")
        let lonely = try Self.prompt(primaryConfig, stateDirectory: state)
        #expect(lonely.contains("PRIMARY [(no standby)]"), "\(lonely)")
    }
}
