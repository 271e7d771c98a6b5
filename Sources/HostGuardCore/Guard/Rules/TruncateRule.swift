/// Options: truncate(1), coreutils 9.1.
enum TruncateRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["truncate"], spec: OptionSpec([
        O("no-create", short: "c", long: ["no-create"]), O("io-blocks", short: "o", long: ["io-blocks"]),
        O("reference", short: "r", long: ["reference"], argument: .required),
        O("size", short: "s", long: ["size"], argument: .required),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("truncate", "prints help") }
        var result = call.assessment(.overwrite, "truncate contents")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true) }
        return result
    }
}
