/// `xargs [options] [CMD [ARG…]]`: CMD (default `echo`) runs on names read from standard input
/// (or from `-a FILE`). The names are unknown targets; CMD's own words are read as usual, and
/// its harm is known: `xargs rm -rf` is a recursive delete of unknown targets. With `-I REPL`
/// the words containing REPL are the names. Options: xargs(1), findutils 4.9.0.
enum XargsRule {
    static let wrapper = CommandWrapper(
        name: "xargs", shortWithArgument: ["a", "d", "E", "I", "L", "n", "P", "s"],
        longWithArgument: ["arg-file", "delimiter", "max-lines", "max-args", "max-procs", "max-chars", "process-slot-var"],
        shortFlags: ["0", "o", "p", "r", "t", "x"],
        longFlags: ["null", "open-tty", "interactive", "no-run-if-empty", "verbose", "exit", "show-limits", "help",
                    "version", "eof", "replace"],
        shortOptionalArgument: ["e", "i", "l"])

    static let rule = CommandRule(["xargs"], spec: Launch.spec, launches: true, aliased: false) { call in
        let scan = wrapper.scan(Launch.argv(call))
        guard let start = scan.index else { return Launch.none(call, scan, "xargs runs echo") }
        var inner = Launch.inner(call, from: start)
        inner.problems = scan.problems + inner.problems
        guard let harm = inner.harm else { return inner }
        let replace = scan.value("I") ?? scan.value("replace") ?? (scan.has("i") ? scan.value("i") ?? "{}" : nil)
        var recursive = inner.isRecursive
        if let replace {
            let named = inner.paths.filter { $0.text.contains(replace) }
            recursive = recursive || named.contains(where: \.recursive)
            inner.paths.removeAll { $0.text.contains(replace) }
        }
        if inner.paths.isEmpty && inner.names.isEmpty && !inner.summary.contains("recursive") {
            recursive = recursive || inner.summary.contains("recursive")
        }
        let source = scan.value("a", "arg-file").map { "names read from \($0)" } ?? "names read from standard input"
        inner.unknownTargets.append(UnknownTarget("\(source) (xargs)", harm: harm, recursive: recursive || inner.summary.hasPrefix("recursive")))
        return inner
    }
}
