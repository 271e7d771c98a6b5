/// `sudo [options] [VAR=value…] CMD …`; `sudo -e FILE` (sudoedit) rewrites FILE.
/// Options: sudo(8) 1.9.13p3 (Debian 12). `-D DIR` runs the command in DIR and `-R DIR` under
/// the root DIR: the inner command's paths are folded there. `-s`/`-i` with a command run it
/// through the target user's shell, the same command.
enum SudoRule {
    static let wrapper = CommandWrapper(
        name: "sudo", shortWithArgument: ["u", "g", "C", "D", "h", "p", "r", "t", "U", "T", "R"],
        longWithArgument: ["user", "group", "close-from", "chdir", "host", "prompt", "role", "type", "other-user",
                           "command-timeout", "chroot"],
        shortFlags: ["A", "b", "B", "E", "e", "H", "i", "K", "k", "l", "N", "n", "P", "S", "s", "V", "v", "h"],
        longFlags: ["askpass", "background", "bell", "preserve-env", "edit", "set-home", "login", "remove-timestamp",
                    "reset-timestamp", "list", "no-update", "non-interactive", "preserve-groups", "stdin", "shell",
                    "version", "validate", "help"],
        takesAssignments: true)

    static let rule = CommandRule(["sudo"], spec: Launch.spec, launches: true) { call in
        let scan = wrapper.scan(Launch.argv(call))
        guard let start = scan.index else { return Launch.none(call, scan, "sudo runs no command") }
        if scan.has("l", "list", "v", "validate", "k", "K", "V", "version", "remove-timestamp") && !scan.has("e", "edit") {
            // `sudo -l CMD` only says whether CMD would be allowed; `-k CMD` runs it.
            if scan.has("l", "list", "V", "version") { return Launch.none(call, scan, "sudo only lists") }
        }
        var context = call.context
        for assignment in scan.assignments { context.environment[assignment.name] = assignment.value }
        if let directory = scan.value("D", "chdir") { context.directory = directory }
        if let root = scan.value("R", "chroot") { context.root = root }
        if scan.has("e", "edit") {
            var result = CommandAssessment(command: "sudoedit", harm: .overwrite, summary: "edit files as another user")
            result.paths = (start..<(call.arguments.count + 1)).map {
                PathOperand(call.arguments[$0 - 1], at: ArgumentRef(word: $0 - 1), harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)
            }
            result.problems = scan.problems
            result.launchers = ["sudo"]
            CommandRules.fold(&result, context: context)
            return result
        }
        var inner = Launch.inner(call, from: start, context: context)
        inner.problems = scan.problems + inner.problems
        return inner
    }
}
