import Foundation
import Testing

/// `hostguard status` and `prompt` as the binary runs them: the JSON contract, config errors,
/// trust, and the user's config being looks-only.
@Suite("status and config (the built binary)")
struct StatusAndConfigTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/home/.config/hostguard", withIntermediateDirectories: true)
    }

    func environment(_ config: String) -> [String: String] {
        ["HOSTGUARD_CONFIG": config, "HOME": directory.path + "/home", "TERM": "xterm-256color"]
    }

    func json(_ output: ProcessOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: output.stdoutBytes) as? [String: Any], "\(output.stdout)")
    }

    @Test("status --json carries hostname, environment, role, cluster and evidence (the contract)")
    func jsonContract() throws {
        let config = try directory.write("hg.toml", """
            [[inventory]]
            hosts = "*"
            environment = "staging"
            cluster = "web"
            """)
        let result = try runHostGuard(["status", "--json"], environment: environment(config))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result)
        #expect(object["hostname"] as? String == ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init))
        #expect(object["environment"] as? String == "staging")
        #expect(object["cluster"] as? String == "web")
        #expect(object["role"] is NSNull)
        let evidence = try #require(object["evidence"] as? [[String: Any]])
        #expect(evidence.contains { $0["field"] as? String == "environment" && $0["source"] as? String == "inventory" })
        #expect(evidence.allSatisfy { $0["field"] is String && $0["source"] is String && $0["detail"] is String })
    }

    @Test("broken TOML: one line naming file and line, exit 2, and the prompt shows the host as unknown")
    func brokenTOML() throws {
        let config = try directory.write("hg.toml", "[host]\nenvironment = \"production\"\nrole = [\n")
        let status = try runHostGuard(["status"], environment: environment(config))
        #expect(status.status == 2)
        let errors = status.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("\(config): TOML syntax error at line") == true, "\(status.stderr)")
        #expect(status.stdout.contains("UNKNOWN ENV (treated as production)"))
        let prompt = try runHostGuard(["prompt", "--shell", "plain", "--color", "never"], environment: environment(config))
        #expect(prompt.status == 0)
        #expect(prompt.stderr.isEmpty)
        #expect(prompt.stdout.hasPrefix("[UNKNOWN ENV]"))
        #expect(prompt.stdout.contains("config error"))
    }

    @Test("a system config writable by others is ignored loudly and the host is unknown")
    func untrustedConfig() throws {
        let config = try directory.write("hg.toml", "[host]\nenvironment = \"development\"\n", mode: 0o666)
        let status = try runHostGuard(["status", "--json"], environment: environment(config))
        #expect(status.status == 2)
        let object = try json(status)
        #expect(object["environment"] is NSNull)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect((diagnostics.first?["message"] as? String)?.contains("not trusted: writable by group or others") == true)
    }

    @Test("a system config owned by a non-root user is not trusted")
    func foreignOwner() throws {
        let config = try directory.write("hg.toml", "[host]\nenvironment = \"development\"\n")
        #expect(chown(config, 65534, 65534) == 0)
        let status = try runHostGuard(["status", "--json"], environment: environment(config))
        #expect(try json(status)["environment"] is NSNull)
    }

    @Test("the user's own config changes looks, never the environment")
    func userConfigLooksOnly() throws {
        let config = try directory.write("hg.toml", "[host]\nenvironment = \"production\"\ncluster = \"db\"\n")
        try """
            [host]
            environment = "development"
            [prompt]
            show_cluster = false
            title = "never"
            """.write(toFile: directory.path + "/home/.config/hostguard/config.toml", atomically: true, encoding: .utf8)
        let prompt = try runHostGuard(["prompt", "--shell", "bash"], environment: environment(config))
        #expect(prompt.stdout.contains(" PRODUCTION "))
        #expect(!prompt.stdout.contains("db:"))
        #expect(!prompt.stdout.contains("]0;"))
        let status = try runHostGuard(["status"], environment: environment(config))
        #expect(status.stdout.contains("environment production"))
        #expect(status.stderr.contains("ignored: your own config may change looks ([prompt]) only"))
    }

    @Test("the prompt's config cache follows edits: a changed file shows at once")
    func cacheFollowsEdits() throws {
        let config = try directory.write("hg.toml", "[host]\nenvironment = \"production\"\n")
        let env = environment(config)
        #expect(try runHostGuard(["prompt", "--color", "never"], environment: env).stdout.hasPrefix("[PRODUCTION]"))
        try directory.write("hg.toml", "[host]\nenvironment = \"staging\"\n")
        #expect(try runHostGuard(["prompt", "--color", "never"], environment: env).stdout.hasPrefix("[STAGING]"))
        #expect(chmod(config, 0o666) == 0)
        #expect(try runHostGuard(["prompt", "--color", "never"], environment: env).stdout.hasPrefix("[UNKNOWN ENV]"))
    }

    @Test("hostguard init prints exactly the shell/ files, with the binary pinned", arguments: ["bash", "zsh", "fish"])
    func initMatchesShellFiles(shell: String) throws {
        let result = try runHostGuard(["init", shell])
        #expect(result.status == 0)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shell/hostguard.\(shell)")
        let expected = try String(contentsOf: file, encoding: .utf8)
        let lines = result.stdout.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        #expect(lines.first?.contains(HostGuardBinary.path) == true)
        #expect(lines.count == 2 && String(lines[1]) == expected, "the build embeds shell/ (Plugins/EmbedShellPlugin): rebuild")
    }

    @Test("init with an unknown shell is a usage error")
    func initUnknownShell() throws {
        let result = try runHostGuard(["init", "tcsh"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown shell 'tcsh'"))
    }
}
