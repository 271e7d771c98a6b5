/// Options: chmod(1), coreutils 9.1.
enum ChmodRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["chmod"], spec: OptionSpec([
        O("changes", short: "c", long: ["changes"]), O("quiet", short: "f", long: ["silent", "quiet"]),
        O("verbose", short: "v", long: ["verbose"]), O("no-preserve-root", long: ["no-preserve-root"]),
        O("preserve-root", long: ["preserve-root"]), O("reference", long: ["reference"], argument: .required),
        O("recursive", short: "R", long: ["recursive"]),
    ] + OptionSpec.helpVersion)) { call in
        // `chmod -R -w dir`: a word like -w, -rx or -X is a MODE, not options (coreutils
        // chmod.c reads these through getopt and puts them back as the mode operand).
        let modeLike = call.arguments.enumerated().filter { _, word in
            word.count > 1 && word.hasPrefix("-") && word.dropFirst().allSatisfy { "rwxXst".contains($0) }
        }
        var call = call
        if !modeLike.isEmpty {
            let modeLetters = Set(modeLike.flatMap { $0.element.dropFirst() })
            call.parsed.problems.removeAll { problem in modeLetters.contains { problem == "invalid option -- '\($0)'" } }
        }
        return ChmodRule.permissionTargets(call, firstIsSpec: !call.parsed.has("reference") && modeLike.isEmpty)
    }

    static func permissionTargets(_ call: Invocation, firstIsSpec: Bool) -> CommandAssessment {
        // One file's mode is easy to put back, a tree's is not: the policy asks about a
        // non-recursive change only where the file matters (`chmod 000 /etc/shadow`, `chmod 0777
        // /etc`), so the paths are reported either way.
        let recursive = call.parsed.has("recursive")
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless(call.command, "prints help") }
        var result = call.assessment(.permissions, recursive ? "recursive \(call.command)" : call.command)
        result.paths = call.operandWords.dropFirst(firstIsSpec ? 1 : 0).map {
            PathOperand($0.0, at: $0.1, harm: .permissions, recursive: recursive, followsFinalSymlink: true)
        }
        return result
    }
}
