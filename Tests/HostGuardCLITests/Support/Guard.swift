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
    /// The process scan gets the largest budget the config allows: on a busy host (~2,000
    /// processes) the default 200 ms can run out, and a test decides on what it planted, not on
    /// what the host happens to be running.
    static func config(_ directory: TemporaryDirectory, environment: String, extra: String = "") throws -> String {
        try directory.write("hostguard.toml", "[host]\nenvironment = \"\(environment)\"\n\n[guard]\naudit_log = \"\(directory.path)/audit.jsonl\"\nscan_budget_ms = 10000\n\(extra)")
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

/// Polls (bounded: ~60 s) until a file exists; returns its contents.
func waitForFile(_ path: String) -> String? {
    for _ in 0..<600 {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return text }
        usleep(100_000)
    }
    return nil
}
