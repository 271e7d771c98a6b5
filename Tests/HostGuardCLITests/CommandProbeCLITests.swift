import Foundation
import Testing

@Suite("command probe through the binary")
struct CommandProbeCLITests {
    @Test("status runs the command; the prompt never does, and reads what status --refresh wrote")
    func refreshThenPrompt() throws {
        let directory = try TemporaryDirectory()
        let state = directory.path + "/role.state"
        let counter = directory.path + "/runs"
        let script = try directory.write("role.sh", "#!/bin/sh\necho x >> \(counter)\necho replica\n", mode: 0o755)
        let config = try directory.write("c.toml", """
            [host]
            environment = "staging"

            [[probe]]
            kind = "command"
            command = ["\(script)"]
            """)
        let environment = ["HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_FILE": state]

        let before = try runHostGuard(["prompt", "--shell", "plain"], environment: environment)
        #expect(!FileManager.default.fileExists(atPath: counter), "the prompt ran the command")
        #expect(before.stdout.contains("no role state"), "\(before.stdout)")

        let refresh = try runHostGuard(["status", "--refresh", "--json"], environment: environment)
        #expect(refresh.status == 0, "\(refresh.stderr)")
        #expect(refresh.stdout.contains("\"role\": \"standby\""), "\(refresh.stdout)")
        let mode = try FileManager.default.attributesOfItem(atPath: state)[.posixPermissions] as? Int
        #expect(mode == 0o644)

        let after = try runHostGuard(["prompt", "--shell", "plain"], environment: environment)
        #expect(after.stdout.contains("standby"), "\(after.stdout)")
        #expect(!after.stdout.contains("no role state"))
        let runs = try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count
        #expect(runs == 1, "only status --refresh runs the command")
    }

    @Test("a hanging command is cut off at timeout_ms and the role is unknown with the reason")
    func hangs() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("c.toml", """
            [[probe]]
            kind = "command"
            command = ["/bin/sleep", "600"]
            timeout_ms = 200
            """)
        let output = try runHostGuard(["status", "--json"], environment: ["HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_FILE": directory.path + "/s"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"role\": null"), "\(output.stdout)")
        #expect(output.stdout.contains("timed out after 200 ms (process group killed)"), "\(output.stdout)")
    }

    @Test("status --refresh that cannot write the state says so and exits 2")
    func cannotWrite() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("c.toml", "[[probe]]\nkind = \"file\"\npath = \"/etc/hostname\"\n")
        let output = try runHostGuard(["status", "--refresh"], environment: [
            "HOSTGUARD_CONFIG": config, "HOSTGUARD_STATE_FILE": "/proc/hostguard-cannot-write/role.state",
        ])
        #expect(output.status == 2)
        #expect(output.stderr.contains("cannot write the role state"), "\(output.stderr)")
    }
}
