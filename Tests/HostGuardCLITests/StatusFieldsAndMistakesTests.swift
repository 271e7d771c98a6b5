import Foundation
import Testing

/// `status --field`, `status --timings`, `/etc/machine-info` and config mistakes, as the binary
/// runs them (each test in its own HermeticEnvironment: its own config directory, state
/// directory, machine-info and HOME).
@Suite("status fields, timings and config mistakes (the built binary)")
struct StatusFieldsAndMistakesTests {
    let hermetic: HermeticEnvironment

    init() throws {
        hermetic = try HermeticEnvironment()
    }

    func run(_ arguments: [String], config: String? = nil, extra: [String: String] = [:]) throws -> ProcessOutput {
        var environment = hermetic.variables
        if let config { try config.write(toFile: hermetic.config, atomically: false, encoding: .utf8) }
        environment.merge(extra) { _, new in new }
        return try runHostGuard(arguments, environment: environment)
    }

    @Test("--field prints one bare line; exit 3 when unknown", arguments: [
        // (config, field, stdout, exit status)
        ("[host]\nenvironment = \" Production \"\ncluster = \"db\"\nrole = \"standby\"\n", "environment", "Production", Int32(0)),
        ("[host]\nenvironment = \"production\"\ncluster = \"db\"\nrole = \"standby\"\n", "role", "standby", 0),
        ("[host]\nenvironment = \"production\"\ncluster = \"db\"\n", "cluster", "db", 0),
        ("[host]\nenvironment = \"production\"\n", "role", "none", 0),
        ("[host]\nenvironment = \"production\"\n", "maint", "off", 0),
        ("", "environment", "unknown", 3),
        ("[host]\nrole = [\n", "role", "unknown", 3),
        ("[[probe]]\nkind = \"file\"\npath = \"/nonexistent/role\"\n", "role", "unknown", 3),
    ] as [(String, String, String, Int32)])
    func field(config: String, field: String, expected: String, status: Int32) throws {
        let result = try run(["status", "--field", field], config: config)
        #expect(result.stdout == expected + "\n", "\(result.stderr)")
        #expect(result.status == status)
    }

    @Test("--field with a name it does not know is a usage error")
    func badField() throws {
        let result = try run(["status", "--field", "colour"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }

    @Test("--timings on a host with a probe: each step of the prompt and of status, with its wall time")
    func timings() throws {
        let role = hermetic.root + "/role"
        try "primary\n".write(toFile: role, atomically: false, encoding: .utf8)
        let config = "[host]\nenvironment = \"production\"\n[[probe]]\nkind = \"file\"\npath = \"\(role)\"\n"
            + "[[probe]]\nkind = \"command\"\ncommand = [\"/bin/echo\", \"leader\"]\n"
        let result = try run(["status", "--timings"], config: config)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "prompt (hostguard prompt, every Enter):")
        #expect(lines.contains { $0.hasSuffix(" ms  status: load identity") })
        for step in ["config: read, check trust and parse \(hermetic.config)", "probe 1 (file: \(role))",
                     "probe 2 (command: /bin/echo leader)", "state file ", "render the segment", "host name"] {
            #expect(lines.contains { $0.contains(" ms  ") && $0.contains(step) }, "no step \(step) in \(result.stdout)")
        }
        // The command probe runs live only for status: on the prompt path it is never spawned.
        let promptPart = result.stdout.components(separatedBy: "\n\n").first ?? ""
        #expect(!promptPart.contains("probe 2 (command"))
        #expect(promptPart.contains("probe 1 (file"))
        // Every line is "<number> ms  <step>".
        for line in lines.dropFirst() where !line.isEmpty && !line.hasSuffix(":") {
            let number = line.split(separator: " ").first.map(String.init) ?? ""
            #expect(Double(number) != nil, "\(line)")
        }
    }

    @Test("HOSTGUARD_CONFIG naming a missing or unreadable file: one line naming it, exit 2, UNKNOWN in the prompt")
    func missingConfig() throws {
        let missing = hermetic.root + "/nope.toml"
        let directory = hermetic.root + "/dir.toml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (path, says) in [(missing, "HOSTGUARD_CONFIG names this file, but it does not exist"),
                             (directory, "HOSTGUARD_CONFIG names this file, but it cannot be read")] {
            let status = try run(["status"], extra: ["HOSTGUARD_CONFIG": path])
            #expect(status.status == 2)
            let errors = status.stderr.split(separator: "\n")
            #expect(errors.count == 1, "\(status.stderr)")
            #expect(errors.first?.contains("\(path): \(says)") == true, "\(status.stderr)")
            let prompt = try run(["prompt", "--shell", "plain", "--color", "never"], extra: ["HOSTGUARD_CONFIG": path])
            #expect(prompt.status == 0)
            #expect(prompt.stdout.hasPrefix("[UNKNOWN ENV]"), "\(prompt.stdout)")
        }
    }

    @Test("TOML mistakes: file, line, column, the parser's text once-escaped, and a hint; not 'not trusted'")
    func tomlMistakes() throws {
        let unquoted = try run(["status"], config: "[host]\nenvironment = production\n")
        #expect(unquoted.status == 2)
        #expect(unquoted.stderr == "hostguard: error: \(hermetic.config): TOML syntax error at line 2, column 15: "
                + "Error while parsing value: could not determine value type (strings need quotes: environment = \"production\")\n")
        let header = try run(["status", "--explain"], config: "[host\n")
        #expect(header.stderr.contains("expected ']', saw '\\n'"), "\(header.stderr)")
        #expect(!header.stderr.contains("\\\\n"))
        #expect(!header.stdout.contains("not trusted"), "\(header.stdout)")
        let typo = try run(["status"], config: "[host]\nenviroment = \"production\"\n")
        #expect(typo.stderr.contains("host.enviroment: unknown key, ignored; did you mean environment?"), "\(typo.stderr)")
    }

    @Test("/etc/machine-info DEPLOYMENT= decides the environment below config, shown in --explain")
    func machineInfo() throws {
        try "PRETTY_HOSTNAME=x\nDEPLOYMENT=\"production\"\n".write(toFile: hermetic.machineInfo, atomically: false, encoding: .utf8)
        let alone = try run(["status", "--explain"])
        #expect(alone.stdout.contains("environment production"), "\(alone.stdout)")
        #expect(alone.stdout.contains("from  machine-info      \(hermetic.machineInfo): DEPLOYMENT=production"), "\(alone.stdout)")
        let prompt = try run(["prompt", "--shell", "plain", "--color", "never"])
        #expect(prompt.stdout.hasPrefix("[PRODUCTION]"), "\(prompt.stdout)")

        let below = try run(["status", "--explain"], config: "[host]\nenvironment = \"staging\"\n")
        #expect(below.stdout.contains("environment staging"))
        #expect(below.stdout.contains("over  machine-info"), "\(below.stdout)")
    }
}
