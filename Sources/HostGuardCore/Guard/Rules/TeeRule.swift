/// `tee [-a] FILE…`: each FILE is truncated and rewritten, unless `-a` appends.
/// Options: tee(1), coreutils 9.1.
enum TeeRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["tee"], spec: OptionSpec([
        O("append", short: "a", long: ["append"]), O("ignore-interrupts", short: "i", long: ["ignore-interrupts"]),
        O("p", short: "p"), O("output-error", long: ["output-error"], argument: .optional),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("append") || call.parsed.has("help") || call.parsed.has("version") {
            return call.assessment(nil, "appends")
        }
        let files = call.operandWords.filter { $0.0 != "-" && !CommandRules.sinks.contains($0.0) }
        guard !files.isEmpty else { return call.assessment(nil, "writes to standard output") }
        var result = call.assessment(.overwrite, "overwrite (tee)")
        result.paths = call.paths(files, harm: .overwrite, follows: true, onlyIfExists: true)
        return result
    }
}
