/// OpenZFS: `zfs destroy`/`zpool destroy` (`-n` is a dry run), `zfs rollback` (discards every
/// change since the snapshot, and with `-r` the later snapshots), `zfs receive -F` (rolls the
/// target back first), `zpool labelclear DEV` (erases a device's pool label), `zpool export`
/// and `zfs unmount` (take the file systems away from their users).
/// Options: zfs(8)/zpool(8) and the verbs' pages, OpenZFS 2.1.
enum ZfsRule {
    typealias O = OptionSpec.Option

    static let verbSpec = OptionSpec("rRfnpvdFuesAa".map { O(String($0), short: String($0)) }
                                     + "otx".map { O(String($0), short: String($0), argument: .required) })

    static let rule = CommandRule(["zfs", "zpool"], spec: OptionSpec([O("help", short: "?")], stopAtFirstOperand: true)) { call in
        guard let verb = call.operand(0)?.0, let (words, offset, parsed) = call.afterVerb(0, spec: verbSpec) else {
            return call.assessment(nil, "no verb")
        }
        let kind = call.command == "zpool" ? "pool" : "dataset"
        var result: CommandAssessment
        switch verb {
        case "destroy":
            if parsed.has("n") { return call.assessment(nil, "dry run (-n)") }
            result = CommandAssessment(command: call.command, harm: .destroy, summary: "\(call.command) destroy")
            result.names = parsed.operands.map { NamedOperand(kind: kind, name: words[$0], harm: .destroy) }
        case "rollback":
            result = CommandAssessment(command: call.command, harm: .destroy, summary: "rolls back to a snapshot (later changes are lost)")
            result.names = parsed.operands.map { NamedOperand(kind: "dataset", name: words[$0], harm: .destroy) }
        case "receive", "recv":
            guard parsed.has("F") else { return call.assessment(nil, "receives into a new dataset") }
            result = CommandAssessment(command: call.command, harm: .destroy, summary: "receive -F (rolls the target back first)")
            result.names = parsed.operands.suffix(1).map { NamedOperand(kind: "dataset", name: words[$0], harm: .destroy) }
        case "labelclear":
            result = CommandAssessment(command: call.command, harm: .wipe, summary: "erases the pool label")
            result.paths = parsed.operands.map { PathOperand(words[$0], at: ArgumentRef(word: $0 + offset), harm: .wipe, recursive: true, followsFinalSymlink: true) }
        case "export", "unmount", "umount":
            result = CommandAssessment(command: call.command, harm: .unmount, summary: "\(call.command) \(verb)")
            result.names = parsed.operands.map { NamedOperand(kind: kind, name: words[$0], harm: .unmount) }
            if parsed.has("a") { result.names.append(NamedOperand(kind: kind, name: "all", harm: .unmount)) }
        default:
            return call.assessment(nil, "\(call.command) \(verb) does not destroy")
        }
        result.problems = parsed.problems
        return result
    }
}
