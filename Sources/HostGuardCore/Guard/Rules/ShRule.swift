/// `sh -c SCRIPT [NAME [ARG…]]` (also bash, dash, zsh, ksh, ash, mksh): SCRIPT is split into
/// commands (`ShellScript`) and each is read; `$1`… are the ARGs. Without `-c` the shell runs a
/// script file or reads commands from stdin, which the guard does not read (as when the file is
/// run directly). Options: dash(1) 0.5.12, bash(1) 5.2 (`-o OPT`, `-O OPT`, `--rcfile FILE`).
enum ShRule {
    static let wrapper = CommandWrapper(
        name: "sh", shortWithArgument: ["o", "O"], longWithArgument: ["rcfile", "init-file"],
        shortFlags: Set("abcefhiklmnprstuvxBCEHPT"),
        longFlags: ["login", "noprofile", "norc", "posix", "restricted", "verbose", "noediting", "debugger",
                    "dump-strings", "dump-po-strings", "help", "version", "pretty-print"])

    static let rule = CommandRule(["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"], spec: Launch.spec,
                                  launches: true, aliased: false) { call in
        let argv = Launch.argv(call)
        var scan = wrapper.scan(argv)
        // `+x`-style options are flags too; zsh has more letters than the table: not a reason to
        // stop reading, the script is what matters.
        scan.problems.removeAll { $0.contains("invalid option") && call.command == "zsh" }
        guard scan.has("c"), let start = scan.index else {
            var result = CommandAssessment.harmless(call.command, "runs a script file or reads standard input")
            result.problems = scan.problems
            return result
        }
        // argv[start] is the script, then $0, then $1…
        let positional = start + 2 < argv.count ? Array(argv[(start + 2)...]) : []
        var result = Launch.script(argv[start], positional: positional, call: call)
        result.problems = scan.problems + result.problems
        return result
    }
}
