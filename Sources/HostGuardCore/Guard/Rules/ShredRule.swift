/// Options: shred(1), coreutils 9.1.
enum ShredRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["shred"], spec: OptionSpec([
        O("force", short: "f", long: ["force"]), O("iterations", short: "n", long: ["iterations"], argument: .required),
        O("random-source", long: ["random-source"], argument: .required),
        O("size", short: "s", long: ["size"], argument: .required), O("u", short: "u"),
        O("remove", long: ["remove"], argument: .optional), O("verbose", short: "v", long: ["verbose"]),
        O("exact", short: "x", long: ["exact"]), O("zero", short: "z", long: ["zero"]),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("shred", "prints help") }
        var result = call.assessment(.overwrite, "overwrite contents irrecoverably")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .overwrite, followsFinalSymlink: true) }
        return result
    }
}
