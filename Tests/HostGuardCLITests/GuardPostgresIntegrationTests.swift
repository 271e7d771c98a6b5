import Foundation
import Testing

/// The January 2017 outage, replayed on a real PostgreSQL primary and standby (PostgresPair
/// from the live-role tests: started as postgres on loopback, stopped when the test ends).
@Suite("guard against a live PostgreSQL primary and standby", .serialized)
struct GuardPostgresIntegrationTests {
    @Test("the running primary's data directory is refused under every spelling and stays intact; the standby's asks")
    func primaryRefusedStandbyAsks() throws {
        let pair = try PostgresPair()
        try pair.setUp()
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        // A development host: the refusal must come from the live data, not the environment.
        let config = try GuardTest.config(directory, environment: "development")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/pglink", withDestinationPath: pair.primary)
        try FileManager.default.createDirectory(atPath: directory.path + "/bindview", withIntermediateDirectories: true)

        let base = pair.base
        let spellings: [(words: [String], cwd: String)] = [
            (["rm", "-rf", pair.primary], "/tmp"),                          // absolute
            (["rm", "-rf", "primary"], base),                               // relative
            (["rm", "-rf", "primary/"], base),                              // trailing slash
            (["rm", "-rf", "standby/../primary"], base),                    // via ..
            (["rm", "-rf", "pglink/"], directory.path),                     // via a symlink
            (["rm", "-r", "--force", "./pglink/base"], directory.path),     // inside it, via the link
            (["find", "pglink/", "-delete"], directory.path),               // another tool
            (["mv", pair.primary, pair.primary + ".old"], "/tmp"),          // moved away
        ]
        for spelling in spellings {
            let result = try GuardTest.run(spelling.words, config: config, cwd: spelling.cwd)
            #expect(result.status == 100, "\(spelling.words): \(result.stderr)")
            #expect(result.stderr.contains("postgresql data directory"), "\(spelling.words): \(result.stderr)")
            #expect(result.stderr.contains("running, PRIMARY"), "\(spelling.words)")
            #expect(result.stderr.contains("REFUSED"))
        }
        // Through a bind mount elsewhere, in a private mount namespace so nothing leaks.
        let script = """
            mount --bind "$1" "$2/bindview" && "$HG" guard -- rm -rf "$2/bindview"; echo "bind=$?"
            "$HG" guard -- rm -rf "$2/bindview/"; echo "bindslash=$?"
            """
        let bind = try runProcess("/usr/bin/setsid", ["-w", "/usr/bin/unshare", "-m", "--propagation", "private",
                                                      "/bin/bash", "-c", script, "bash", pair.primary, directory.path],
                                  environment: ["HOSTGUARD_CONFIG": config, "HG": HostGuardBinary.path])
        #expect(bind.stdout.contains("bind=100"), "\(bind.stdout)\(bind.stderr)")
        #expect(bind.stdout.contains("bindslash=100"))
        #expect(bind.stderr.contains("running, PRIMARY"), "\(bind.stderr)")

        // The primary is intact and still serving.
        #expect(GuardTest.exists(pair.primary + "/PG_VERSION"))
        #expect(GuardTest.exists(pair.primary + "/base"))
        let alive = try pair.asPostgres("pg_ctl", ["-D", pair.primary, "status"])
        #expect(alive.contains("server is running"))

        // The standby's data directory asks for the host name instead: no terminal, so refused
        // at once, and the dry run says why.
        let standby = try GuardTest.dryRun(["rm", "-rf", pair.standby], config: config)
        #expect(standby["decision"] as? String == "type-hostname", "\(standby)")
        let live = ((standby["targets"] as? [[String: Any]])?.first?["live_data"] as? [[String: Any]])?.first
        #expect(live?["role"] as? String == "standby")
        #expect(live?["running"] as? Bool == true)
        let noTerminal = try GuardTest.run(["rm", "-rf", pair.standby], config: config)
        #expect(noTerminal.status == 100)
        #expect(noTerminal.stderr.contains("no terminal"))
        let wrong = try GuardTest.run(["rm", "-rf", pair.standby], config: config, options: ["--confirm", "db2-" + GuardTest.shortHostName])
        #expect(wrong.status == 100)
        #expect(GuardTest.exists(pair.standby + "/PG_VERSION"))

        // --force-live turns the primary's refusal into the host-name question, nothing more.
        let forced = try runProcess("/usr/bin/setsid", ["-w", HostGuardBinary.path, "guard", "--dry-run", "--json", "--force-live",
                                                        "--", "rm", "-rf", pair.primary], environment: ["HOSTGUARD_CONFIG": config])
        #expect(forced.stdout.contains("\"decision\": \"type-hostname\""), "\(forced.stdout)")
        // Stopping the primary with pg_ctl asks for the host name (it is the primary).
        let stop = try GuardTest.dryRun(["pg_ctl", "-D", pair.primary, "stop"], config: config)
        #expect(stop["decision"] as? String == "type-hostname")
    }
}
