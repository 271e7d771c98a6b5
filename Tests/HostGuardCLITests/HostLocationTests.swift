import Foundation
import Testing

/// Every host location hostguard uses has one override (HOSTGUARD_STATE_DIR, HOSTGUARD_CONFIG_DIR,
/// HOSTGUARD_TRASH_REGISTRY): the binary reads and writes there and nowhere else, which is what
/// keeps every other test off the host's /run/hostguard and /etc/hostguard.
@Suite("host locations: one override each")
struct HostLocationTests {
    @Test("HOSTGUARD_STATE_DIR: the prompt reads stale-mounts there; status --refresh writes role.state there")
    func stateDirectory() throws {
        let planted = try HermeticEnvironment()
        let now = Int(Date().timeIntervalSince1970)
        try "64 \(now)\n".write(toFile: planted.stateDirectory + "/stale-mounts", atomically: true, encoding: .utf8)
        try planted.directory.write("etc/hostguard.toml", "[host]\nenvironment = \"staging\"\n")
        let prompt = try runHostGuard(["prompt", "--shell", "plain"], environment: planted.variables)
        #expect(prompt.stdout.contains("stale mounts: 64"), "\(prompt.stdout)\(prompt.stderr)")

        // Another private state directory: no notice, whatever the host's /run/hostguard says.
        let clean = try HermeticEnvironment()
        try clean.directory.write("etc/hostguard.toml", "[host]\nenvironment = \"staging\"\n")
        let quiet = try runHostGuard(["prompt", "--shell", "plain"], environment: clean.variables)
        #expect(quiet.status == 0 && quiet.stdout.contains("STAGING"), "\(quiet.stdout)\(quiet.stderr)")
        #expect(!quiet.stdout.contains("stale mounts"), "\(quiet.stdout)")

        let script = try clean.directory.write("role.sh", "#!/bin/sh\necho primary\n", mode: 0o755)
        try clean.directory.write("etc/hostguard.toml", "[host]\nenvironment = \"staging\"\n\n[[probe]]\nkind = \"command\"\ncommand = [\"\(script)\"]\ntimeout_ms = 10000\n")
        let refresh = try runHostGuard(["status", "--refresh"], environment: clean.variables)
        #expect(refresh.status == 0, "\(refresh.stderr)")
        let state = try String(contentsOfFile: clean.stateDirectory + "/role.state", encoding: .utf8)
        #expect(state.contains("primary"), "\(state)")
    }

    @Test("HOSTGUARD_CONFIG_DIR stands for /etc/hostguard: its hostguard.toml, then conf.d/*.toml")
    func configDirectory() throws {
        let environment = try HermeticEnvironment()
        try environment.directory.write("etc/hostguard.toml", "[host]\nenvironment = \"staging\"\ncluster = \"db\"\n")
        try environment.directory.write("etc/conf.d/10-env.toml", "[host]\nenvironment = \"production\"\n")
        let status = try runHostGuard(["status", "--json"], environment: environment.variables)
        let object = try #require(try JSONSerialization.jsonObject(with: status.stdoutBytes) as? [String: Any], "\(status.stdout)\(status.stderr)")
        #expect(object["environment"] as? String == "production")
        #expect(object["cluster"] as? String == "db")
    }

    @Test("with nothing in the private config directory the host is unknown: /etc/hostguard is never read")
    func nothingConfigured() throws {
        let status = try runHostGuard(["status", "--json"], environment: try HermeticEnvironment().variables)
        let object = try #require(try JSONSerialization.jsonObject(with: status.stdoutBytes) as? [String: Any], "\(status.stdout)\(status.stderr)")
        #expect(object["environment"] is NSNull, "\(object)")
    }
}
