/// Options: zfs(8)/zpool(8), OpenZFS 2.1.
enum ZfsRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["zfs", "zpool"], spec: OptionSpec(
        "rRfnpvdF".map { O(String($0), short: String($0)) } + [O("help", short: "?")], stopAtFirstOperand: true)) { call in
        guard call.operand(0)?.0 == "destroy" else { return call.assessment(nil, "does not destroy") }
        // Options come after the verb: re-read them.
        let rest = Array(call.arguments[(call.parsed.operands[0] + 1)...])
        let parsed = GNUOptionParser.parse(rest, spec: OptionSpec("rRfnpvdF".map { O(String($0), short: String($0)) }))
        if parsed.has("n") { return call.assessment(nil, "dry run (-n)") }
        var result = call.assessment(.destroy, "\(call.command) destroy")
        result.names = parsed.operands.map { NamedOperand(kind: call.command == "zpool" ? "pool" : "dataset", name: rest[$0], harm: .destroy) }
        return result
    }
}
