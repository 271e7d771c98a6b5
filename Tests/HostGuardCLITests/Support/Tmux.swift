import Foundation

/// A real terminal: one tmux server on a private socket, running one shell, read back with
/// capture-pane. Every wait is a bounded poll for what a person would see.
final class TmuxSession {
    let socket: String
    let name = "t"
    /// Put before every tmux command: e.g. `ThrowawayRoot.launcher`, so the server, its shell and
    /// every later look at the screen run inside that root.
    let launcher: [String]

    /// Starts `command` (argv, run via `sh -c` by tmux) in an 160×40 pane with `environment`,
    /// in `currentDirectory` (default: the environment's HOME, never the checkout, whose path
    /// may contain "hostguard" and would show in every prompt).
    /// `hermetic: false` leaves out the tests' private locations (see `runProcess`).
    init(_ command: [String], environment: [String: String] = [:], width: Int = 160, currentDirectory: String? = nil, hermetic: Bool = true,
         launcher: [String] = []) throws {
        self.launcher = launcher
        socket = "hostguard-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var env = ["TERM": "xterm-256color"]
        env.merge(environment) { _, new in new }
        let directory = currentDirectory ?? env["HOME"] ?? HermeticEnvironment.shared.home
        let result = try Self.runTmux(launcher, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", "40",
                                                 "-c", directory, "-s", name, quoted], environment: env, hermetic: hermetic)
        guard result.status == 0 else { throw TmuxError.failed("tmux new-session: \(result.stderr)") }
    }

    deinit {
        _ = try? Self.runTmux(launcher, ["-L", socket, "kill-server"])
    }

    /// Types literal text (no key-name interpretation), then Enter unless told otherwise.
    func type(_ text: String, enter: Bool = true) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
        if enter { try tmux(["send-keys", "-t", name, "Enter"]) }
    }

    func key(_ name: String) throws {
        try tmux(["send-keys", "-t", self.name, name])
    }

    /// The visible screen as text; with `escapes`, including the SGR colour sequences.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-t", name] + (escapes ? ["-e"] : []))
    }

    func paneTitle() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// Polls the screen until `predicate` holds, for at most `seconds`; returns the last screen.
    @discardableResult
    func waitFor(_ seconds: Double = 15, escapes: Bool = false, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen(escapes: escapes)
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw TmuxError.timedOut(last)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.runTmux(launcher, ["-L", socket] + arguments)
        guard result.status == 0 else { throw TmuxError.failed("tmux \(arguments.first ?? ""): \(result.stderr)") }
        return result.stdout
    }
}

extension TmuxSession {
    static func runTmux(_ launcher: [String], _ arguments: [String], environment: [String: String] = [:], hermetic: Bool = true) throws -> ProcessOutput {
        let command = launcher + ["/usr/bin/tmux"] + arguments
        return try runProcess(command[0], Array(command.dropFirst()), environment: environment, hermetic: hermetic)
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case failed(String)
    case timedOut(String)

    var description: String {
        switch self {
        case .failed(let message): return message
        case .timedOut(let screen): return "timed out waiting; the screen was:\n\(screen)"
        }
    }
}
