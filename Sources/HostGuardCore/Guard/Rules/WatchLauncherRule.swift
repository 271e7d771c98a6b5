/// (Named WatchLauncherRule: `WatchRule` is the config section for the mounts watcher.)
/// `watch [options] CMD …`: runs `sh -c "CMD …"` (the words joined by spaces) every few
/// seconds, or the words directly with `-x`. Options: watch(1), procps-ng 4.0.2.
enum WatchLauncherRule {
    static let wrapper = CommandWrapper(
        name: "watch", shortWithArgument: ["n", "q"], longWithArgument: ["interval", "equexit"],
        shortFlags: ["b", "c", "C", "e", "g", "p", "t", "w", "x", "h", "v", "r"],
        longFlags: ["beep", "color", "no-color", "errexit", "chgexit", "precise", "no-title", "no-wrap", "exec", "help",
                    "version", "no-rerun", "differences"],
        shortOptionalArgument: ["d"])

    static let rule = CommandRule(["watch"], spec: Launch.spec, launches: true, aliased: false) { call in
        let argv = Launch.argv(call)
        let scan = wrapper.scan(argv)
        guard let start = scan.index else { return Launch.none(call, scan, "watch runs no command") }
        var result = scan.has("x", "exec")
            ? Launch.inner(call, from: start)
            : Launch.script(argv[start...].joined(separator: " "), positional: [], call: call)
        result.problems = scan.problems + result.problems
        if result.harm != nil { result.summary += ", repeated every few seconds" }
        return result
    }
}
