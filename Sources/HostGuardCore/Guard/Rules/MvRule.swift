/// Options: mv(1), coreutils 9.1 (--exchange, --no-copy from 9.5 are read too).
enum MvRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["mv"], spec: OptionSpec([
        O("backup", long: ["backup"], argument: .optional), O("b", short: "b"),
        O("debug", long: ["debug"]), O("exchange", long: ["exchange"]),
        O("force", short: "f", long: ["force"]), O("interactive", short: "i", long: ["interactive"]),
        O("no-clobber", short: "n", long: ["no-clobber"]), O("no-copy", long: ["no-copy"]),
        O("strip-trailing-slashes", long: ["strip-trailing-slashes"]),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("target-directory", short: "t", long: ["target-directory"], argument: .required),
        O("no-target-directory", short: "T", long: ["no-target-directory"]),
        O("update", short: "u", long: ["update"], argument: .optional),
        O("verbose", short: "v", long: ["verbose"]), O("context", short: "Z", long: ["context"]),
    ] + OptionSpec.helpVersion)) { call in
        // The sources disappear from where they were: for live data that is as bad as a delete.
        MvRule.sourcesAndDestination(call, sourceHarm: .delete, summary: "move away (sources) and replace (destination)")
    }

    /// mv and cp share the shape: sources then a destination, or `-t DIR` and sources.
    static func sourcesAndDestination(_ call: Invocation, sourceHarm: Harm?, summary: String) -> CommandAssessment {
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless(call.command, "prints help") }
        var words = call.operandWords
        var result = call.assessment(sourceHarm ?? .overwrite, summary)
        var destination: PathOperand?
        if let target = call.parsed.options.last(where: { $0.name == "target-directory" }), let value = target.value {
            destination = PathOperand(value, at: target.at, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)
        } else if words.count >= 2, let last = words.popLast() {
            destination = PathOperand(last.0, at: last.1, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)
        }
        if let sourceHarm {
            result.paths = words.map { PathOperand($0.0, at: $0.1, harm: sourceHarm, recursive: true) }
        }
        // A destination that is a directory receives the sources inside it; one that is a file
        // (or names a link to one) is replaced.
        if let destination, !call.parsed.has("no-clobber") { result.paths.append(destination) }
        return result
    }
}
