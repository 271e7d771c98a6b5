/// Options: dd(1), coreutils 9.1.
enum DdRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["dd"], spec: OptionSpec(OptionSpec.helpVersion)) { call in
        // dd has no options, only KEY=VALUE operands; the last of= wins, as in dd.c.
        guard let output = call.operandWords.last(where: { $0.0.hasPrefix("of=") }) else {
            return call.assessment(nil, "writes to standard output")
        }
        if CommandRules.sinks.contains(String(output.0.dropFirst(3))) { return call.assessment(nil, "writes to \(output.0.dropFirst(3))") }
        var result = call.assessment(.overwrite, "overwrite")
        result.paths = [PathOperand(String(output.0.dropFirst(3)), at: ArgumentRef(word: output.1.word, offset: 3),
                                    harm: .overwrite, followsFinalSymlink: true)]
        return result
    }
}
