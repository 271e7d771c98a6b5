/// find [-H] [-L] [-P] [-D opts] [-Olevel] [starting-point…] [expression]: starting points
/// run until the first word starting with `-`, or `(`, `!`, `,` (findutils ftsfind.c).
/// Options: find(1), findutils 4.9.0.
enum FindRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["find"], spec: OptionSpec([
        O("H", short: "H"), O("L", short: "L"), O("P", short: "P"),
        O("D", short: "D", argument: .required), O("O", short: "O", argument: .optional),
    ] + OptionSpec.helpVersion, stopAtFirstOperand: true)) { call in
        // Only the leading options are getopt's; re-read the words: starting points, then the
        // expression. The spec stops at the first operand, so operand 0 is the first starting point.
        let first = call.parsed.operands.first ?? call.arguments.count
        var points: [(String, ArgumentRef)] = []
        var index = first
        while index < call.arguments.count {
            let word = call.arguments[index]
            if word.hasPrefix("-") || word == "(" || word == "!" || word == "," { break }
            points.append((word, ArgumentRef(word: index)))
            index += 1
        }
        let expression = Array(call.arguments[index...])
        var deletes = expression.contains("-delete")
        for (position, word) in expression.enumerated() where ["-exec", "-execdir", "-ok", "-okdir"].contains(word) {
            if position + 1 < expression.count {
                let tool = expression[position + 1].split(separator: "/").last.map(String.init) ?? ""
                if ["rm", "rmdir", "unlink", "shred", "truncate", "mv"].contains(tool) { deletes = true }
            }
        }
        guard deletes else { return call.assessment(nil, "lists files") }
        var result = call.assessment(.delete, "recursive delete (find \(expression.contains("-delete") ? "-delete" : "-exec rm"))")
        let follows = call.parsed.has("L") || call.parsed.has("H")
        if points.isEmpty { points = [(".", ArgumentRef(word: -1))] }
        result.paths = points.map {
            PathOperand($0.0, at: $0.1.word < 0 ? nil : $0.1, harm: .delete, recursive: true, followsFinalSymlink: follows)
        }
        return result
    }
}
