/// `kill [-s SIG|-SIG|-n NUM] PID…`, `pkill [-SIG] [opts] PATTERN`, `killall [-s SIG|-SIG] NAME…`:
/// a signal that stops (TERM, the default; KILL, INT, QUIT, ABRT, STOP …) stops a service; HUP,
/// USR1, USR2, CONT, WINCH and 0 (a liveness check) do not. The processes are named as typed
/// (a PID, a pattern); whether a PID is the database server is a fact System can gather.
/// Options: kill(1) util-linux 2.38.1, pkill(1) procps-ng 4.0.2, killall(1) psmisc 23.6.
enum KillRule {
    static let harmless: Set<String> = ["HUP", "SIGHUP", "1", "USR1", "SIGUSR1", "10", "USR2", "SIGUSR2", "12",
                                        "CONT", "SIGCONT", "18", "WINCH", "SIGWINCH", "28", "0"]
    /// Options with an argument per tool (besides the signal).
    static let pkillArgument: Set<Character> = ["g", "G", "P", "s", "t", "u", "U", "F"]
    static let pkillFlags: Set<Character> = ["c", "e", "f", "i", "n", "o", "x", "v", "w", "r", "H", "A", "Q"]
    static let killallArgument: Set<Character> = ["o", "y", "u", "Z", "n"]
    static let killallFlags: Set<Character> = ["e", "g", "i", "I", "q", "r", "v", "w", "V", "l", "h"]

    static let rule = CommandRule(["kill", "pkill", "killall", "pgrep"], spec: OptionSpec([], stopAtFirstOperand: false)) { call in
        if call.command == "pgrep" { return call.assessment(nil, "only lists") }
        var signal = "TERM"
        var targets: [String] = []
        var problems: [String] = []
        var index = 0
        let words = call.arguments
        let withArgument = call.command == "pkill" ? pkillArgument : call.command == "killall" ? killallArgument : ["n"]
        let flags = call.command == "pkill" ? pkillFlags : call.command == "killall" ? killallFlags : ["a", "p", "q", "L", "l"]
        var optionsDone = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsDone || !word.hasPrefix("-") || word == "-" { targets.append(word); continue }
            if word == "--" { optionsDone = true; continue }
            if word == "-s" || word == "--signal" || word == "-n" && call.command == "kill" {
                if index < words.count { signal = words[index]; index += 1 }
                continue
            }
            if word.hasPrefix("--signal=") { signal = String(word.dropFirst(9)); continue }
            if word == "-l" || word == "-L" || word == "--list" || word == "--help" || word == "-V" || word == "--version" {
                return call.assessment(nil, "lists signals")
            }
            if word.hasPrefix("--") {
                let name = String(word.dropFirst(2).split(separator: "=").first ?? "")
                let takes = ["euid", "group", "parent", "session", "terminal", "uid", "pidfile", "ns", "nslist", "pgroup",
                             "older", "younger", "user", "context", "queue", "timeout"]
                if takes.contains(name) && !word.contains("=") { index += 1 }
                else if !takes.contains(name) && !["full", "exact", "newest", "oldest", "count", "echo", "ignore-case",
                                                   "inverse", "lightweight", "exact", "interactive", "quiet", "regexp",
                                                   "verbose", "wait", "process-group", "logpidfile", "require-handler",
                                                   "cgroup", "env", "runstates"].contains(name) {
                    problems.append("\(call.command): unrecognized option '\(word)'")
                }
                continue
            }
            let body = word.dropFirst()
            if let first = body.first, first.isNumber || first.isUppercase, !flags.contains(first) || body.count > 1 && body.allSatisfy({ $0.isUppercase || $0.isNumber }) {
                // -9, -KILL, -SIGTERM
                signal = String(body)
                continue
            }
            for (offset, letter) in body.enumerated() {
                if withArgument.contains(letter) {
                    if offset == body.count - 1 { index += 1 }
                    break
                }
                if !flags.contains(letter) { problems.append("\(call.command): invalid option -- '\(letter)'") }
            }
        }
        let upper = signal.uppercased()
        if harmless.contains(upper) || harmless.contains("SIG" + upper) {
            return call.assessment(nil, "signal \(signal) does not stop the process")
        }
        var result = CommandAssessment(command: call.command, harm: .service, summary: "\(call.command) -\(signal): the processes stop")
        result.problems = problems
        result.names = targets.map { NamedOperand(kind: "process", name: $0, harm: .service) }
        if targets.isEmpty { return call.assessment(nil, "no process named") }
        return result
    }
}
