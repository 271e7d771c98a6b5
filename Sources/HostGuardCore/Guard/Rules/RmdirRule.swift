/// Options: rmdir(1), coreutils 9.1.
enum RmdirRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["rmdir"], spec: OptionSpec([
        O("ignore", long: ["ignore-fail-on-non-empty"]),
        O("parents", short: "p", long: ["parents"]),
        O("verbose", short: "v", long: ["verbose"]),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("rmdir", "prints help") }
        var result = call.assessment(.delete, "remove empty directory")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .delete) }
        return result
    }
}
