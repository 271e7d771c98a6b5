/// `nsenter [options] [CMD …]`: with `-m`/`--mount`, `-a`/`--all`, `-r`/`--root` or
/// `-w`/`--wd` the command sees another process's file system, so its paths are not the ones
/// the guard can look at here: every path becomes an unknown target. Options: nsenter(1),
/// util-linux 2.38.1 (namespace options take an optional attached FILE: `-m/proc/1/ns/mnt`).
enum NsenterRule {
    static let wrapper = CommandWrapper(
        name: "nsenter", shortWithArgument: ["t", "S", "G"],
        longWithArgument: ["target", "setuid", "setgid", "env"],
        shortFlags: ["F", "Z", "h", "V", "e"],
        longFlags: ["preserve-credentials", "no-fork", "follow-context", "help", "version", "keep-caps",
                    "mount", "uts", "ipc", "net", "pid", "user", "cgroup", "time", "all", "root", "wd", "user-parent"],
        shortOptionalArgument: ["m", "u", "i", "n", "p", "U", "C", "T", "r", "w", "a"])

    static let rule = CommandRule(["nsenter"], spec: Launch.spec, launches: true, aliased: false) { call in
        let scan = wrapper.scan(Launch.argv(call))
        guard let start = scan.index else { return Launch.none(call, scan, "nsenter runs a shell") }
        var context = call.context
        if scan.has("m", "mount", "a", "all", "r", "root", "w", "wd") {
            let target = scan.value("t", "target").map { "process \($0)'s" } ?? "another"
            context.foreignView = "\(target) mount namespace (nsenter)"
        }
        var inner = Launch.inner(call, from: start, context: context)
        inner.problems = scan.problems + inner.problems
        return inner
    }
}
