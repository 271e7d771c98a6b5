/// `su [options] [-] [USER [ARG…]]` and `runuser [options] -u USER [--] CMD …` /
/// `runuser [options] [-] [USER [ARG…]]`. Options: su(1), runuser(1), util-linux 2.38.1.
/// `-c SCRIPT` (also after USER: its words go to the user's shell, and `-c` is the shell's) is
/// read as a shell script; `runuser -u USER CMD` runs CMD directly.
enum SuRule {
    static func wrapper(_ name: String) -> CommandWrapper {
        CommandWrapper(
            name: name, shortWithArgument: ["c", "g", "G", "s", "w", "u"],
            longWithArgument: ["command", "session-command", "group", "supp-group", "shell", "whitelist-environment", "user"],
            shortFlags: ["f", "l", "m", "p", "P", "h", "V", "T"],
            longFlags: ["fast", "login", "preserve-environment", "pty", "no-pty", "help", "version"])
    }

    static let rule = CommandRule(["su", "runuser"], spec: Launch.spec, launches: true, aliased: false) { call in
        let argv = Launch.argv(call)
        var scan = wrapper(call.command).scan(argv)
        if call.command == "runuser", scan.has("u", "user"), let start = scan.index {
            var inner = Launch.inner(call, from: start)
            inner.problems = scan.problems + inner.problems
            return inner
        }
        var script = scan.value("c", "command", "session-command")
        // After `-` and USER, the remaining words go to the shell: `-c SCRIPT` among them.
        if var index = scan.index {
            if argv[index] == "-" { index += 1 }
            index += 1 // USER
            var positional: [String] = []
            while index < argv.count {
                if (argv[index] == "-c" || argv[index] == "--command") && index + 1 < argv.count {
                    script = argv[index + 1]
                    index += 2
                    continue
                }
                positional.append(argv[index])
                index += 1
            }
            if script == nil && !positional.isEmpty {
                // `su USER SCRIPTFILE`: a script file the guard cannot read.
                var result = CommandAssessment(command: call.command, harm: nil, summary: "runs a script file")
                result.problems = scan.problems
                return result
            }
        }
        guard let script else { return Launch.none(call, scan, "\(call.command) opens a shell") }
        scan.problems += []
        var result = Launch.script(script, positional: [], call: call)
        result.problems = scan.problems + result.problems
        return result
    }
}
