/// Options: unlink(1), coreutils 9.1.
enum UnlinkRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["unlink"], spec: OptionSpec(OptionSpec.helpVersion)) { call in
        var result = call.assessment(.delete, "delete")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .delete) }
        return result
    }
}
