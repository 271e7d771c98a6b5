/// `parted [opts] [DEVICE [COMMAND…]]`: `rm`, `mklabel`, `mkpart`, `resizepart` (and any command
/// in interactive mode) change the partition table; `print`, `-l` only read it. Words after the
/// device are parted commands (a `-1` there is an end position, not an option).
/// Options: parted(8), GNU parted 3.5.
enum PartedRule {
    static let readOnly: Set<String> = ["print", "p", "help", "version", "align-check", "unit", "quit"]

    static let rule = CommandRule(["parted"], spec: OptionSpec([])) { call in
        var index = 0
        var problems: [String] = []
        while index < call.arguments.count, call.arguments[index].hasPrefix("-") {
            let word = call.arguments[index]
            switch word {
            case "-l", "--list", "-h", "--help", "-v", "--version": return call.assessment(nil, "only lists")
            case "-m", "--machine", "-s", "--script", "-f", "--fix": break
            case "-a": index += 1
            default:
                if !word.hasPrefix("--align=") { problems.append("parted: invalid option \(word)") }
            }
            index += 1
        }
        guard index < call.arguments.count else { return call.assessment(nil, "lists devices") }
        let commands = call.arguments[(index + 1)...]
        if let verb = commands.first, readOnly.contains(verb) {
            return call.assessment(nil, "only prints")
        }
        let verb = commands.first ?? "(interactive)"
        var result = CommandAssessment(command: "parted", harm: .wipe, summary: "parted \(verb): changes the partition table")
        result.problems = problems
        result.paths = [PathOperand(call.arguments[index], at: ArgumentRef(word: index), harm: .wipe, recursive: true, followsFinalSymlink: true)]
        return result
    }
}
