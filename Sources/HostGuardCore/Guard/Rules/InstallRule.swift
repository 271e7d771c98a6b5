/// `install [opts] SRC… DEST`, `install -t DIR SRC…`: DEST is replaced when it exists (like cp);
/// `install -d DIR…` only creates directories. Options: install(1), coreutils 9.1.
enum InstallRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["install"], spec: OptionSpec([
        O("backup", long: ["backup"], argument: .optional), O("b", short: "b"), O("c", short: "c"),
        O("compare", short: "C", long: ["compare"]), O("directory", short: "d", long: ["directory"]),
        O("D", short: "D"), O("debug", long: ["debug"]), O("group", short: "g", long: ["group"], argument: .required),
        O("mode", short: "m", long: ["mode"], argument: .required), O("owner", short: "o", long: ["owner"], argument: .required),
        O("preserve-timestamps", short: "p", long: ["preserve-timestamps"]), O("strip", short: "s", long: ["strip"]),
        O("strip-program", long: ["strip-program"], argument: .required),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("target-directory", short: "t", long: ["target-directory"], argument: .required),
        O("no-target-directory", short: "T", long: ["no-target-directory"]),
        O("verbose", short: "v", long: ["verbose"]), O("preserve-context", long: ["preserve-context"]),
        O("Z", short: "Z"), O("context", long: ["context"], argument: .optional),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("directory") { return call.assessment(nil, "creates directories") }
        return MvRule.sourcesAndDestination(call, sourceHarm: nil, summary: "overwrite (destination)")
    }
}
