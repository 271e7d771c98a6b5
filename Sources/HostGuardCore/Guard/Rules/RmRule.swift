/// Options: rm(1), coreutils 9.1 (Debian 12).
enum RmRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["rm"], spec: OptionSpec([
        O("force", short: "f", long: ["force"]),
        O("interactive", short: "iI", long: ["interactive"], argument: .optional),
        O("one-file-system", long: ["one-file-system"]),
        O("no-preserve-root", long: ["no-preserve-root"]),
        O("preserve-root", long: ["preserve-root"], argument: .optional),
        O("recursive", short: "rR", long: ["recursive"]),
        O("dir", short: "d", long: ["dir"]),
        O("verbose", short: "v", long: ["verbose"]),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("rm", "prints help") }
        let recursive = call.parsed.has("recursive")
        var result = call.assessment(.delete, recursive ? "recursive delete" : "delete")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .delete, recursive: recursive) }
        return result
    }
}
