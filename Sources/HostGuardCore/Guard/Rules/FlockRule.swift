/// `flock [options] FILE CMD …` and `flock [options] FILE -c SCRIPT`; `flock [options] FD`
/// runs nothing. Options: flock(1), util-linux 2.38.1.
enum FlockRule {
    static let wrapper = CommandWrapper(
        name: "flock", shortWithArgument: ["w", "E", "c"], longWithArgument: ["timeout", "wait", "conflict-exit-code", "command"],
        shortFlags: ["s", "x", "e", "u", "n", "o", "F", "h", "V"],
        longFlags: ["shared", "exclusive", "unlock", "nonblock", "nb", "close", "no-fork", "verbose", "help", "version"],
        leadingOperands: 1)

    static let rule = CommandRule(["flock"], spec: Launch.spec, launches: true, aliased: false) { call in
        let argv = Launch.argv(call)
        let scan = wrapper.scan(argv)
        if let script = scan.value("c", "command") {
            var result = Launch.script(script, positional: [], call: call)
            result.problems = scan.problems + result.problems
            return result
        }
        guard let start = scan.index else { return Launch.none(call, scan, "flock runs no command") }
        if (argv[start] == "-c" || argv[start] == "--command") && start + 1 < argv.count {
            var result = Launch.script(argv[start + 1], positional: [], call: call)
            result.problems = scan.problems + result.problems
            return result
        }
        var inner = Launch.inner(call, from: start)
        inner.problems = scan.problems + inner.problems
        return inner
    }
}
