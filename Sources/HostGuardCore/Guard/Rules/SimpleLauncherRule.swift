/// Launchers that only change how the command runs — priority, buffering, time limit, lock,
/// credentials — not what it touches: the wrapped command is read as if typed alone.
/// Options: nice(1), nohup(1), stdbuf(1), timeout(1) from coreutils 9.1; ionice(1), setpriv(1)
/// from util-linux 2.38.1; GNU time 1.9; doas(1) (OpenDoas 6.8.2); the POSIX shell builtins
/// `command`, `exec`, `builtin` (bash 5.2 `help command`, `help exec`).
enum SimpleLauncherRule {
    static let wrappers: [CommandWrapper] = [
        CommandWrapper(name: "nice", shortWithArgument: ["n"], longWithArgument: ["adjustment"],
                       longFlags: ["help", "version"], numericOption: true),
        CommandWrapper(name: "nohup", longFlags: ["help", "version"]),
        CommandWrapper(name: "ionice", shortWithArgument: ["c", "n"], longWithArgument: ["class", "classdata"],
                       shortFlags: ["t", "h", "V"], longFlags: ["ignore", "help", "version"]),
        CommandWrapper(name: "stdbuf", shortWithArgument: ["i", "o", "e"], longWithArgument: ["input", "output", "error"],
                       longFlags: ["help", "version"]),
        CommandWrapper(name: "timeout", shortWithArgument: ["s", "k"], longWithArgument: ["signal", "kill-after"],
                       shortFlags: ["v"], longFlags: ["preserve-status", "foreground", "verbose", "help", "version"],
                       leadingOperands: 1),
        CommandWrapper(name: "time", shortWithArgument: ["f", "o"], longWithArgument: ["format", "output"],
                       shortFlags: ["a", "p", "q", "v", "V"], longFlags: ["append", "portability", "quiet", "verbose", "help", "version"]),
        CommandWrapper(name: "doas", shortWithArgument: ["u", "C"], shortFlags: ["n", "s", "L"]),
        CommandWrapper(name: "command", shortFlags: ["p", "v", "V"]),
        CommandWrapper(name: "exec", shortWithArgument: ["a"], shortFlags: ["c", "l"]),
        CommandWrapper(name: "builtin"),
        CommandWrapper(name: "setpriv",
                       longWithArgument: ["reuid", "regid", "groups", "inh-caps", "ambient-caps", "bounding-set", "securebits",
                                          "pdeathsig", "selinux-label", "apparmor-profile", "landlock-access", "landlock-rule",
                                          "ruid", "euid", "rgid", "egid"],
                       shortFlags: ["d", "h", "V"],
                       longFlags: ["clear-groups", "keep-groups", "init-groups", "no-new-privs", "reset-env", "dump",
                                   "help", "version"]),
    ]

    static let rule = CommandRule(wrappers.map(\.name), spec: Launch.spec, launches: true, aliased: false) { call in
        guard let wrapper = wrappers.first(where: { $0.name == call.command }) else { return .harmless(call.command) }
        let scan = wrapper.scan(Launch.argv(call))
        guard let start = scan.index else { return Launch.none(call, scan, "\(call.command) runs no command") }
        // `command -v rm` only says where rm is; `ionice -p PID` changes a running process.
        if (call.command == "command" && scan.has("v", "V")) || (call.command == "ionice" && scan.has("p")) {
            return Launch.none(call, scan, "\(call.command) runs no command")
        }
        var inner = Launch.inner(call, from: start)
        inner.problems = scan.problems + inner.problems
        return inner
    }
}
