/// `mongosh`/`mongo [opts] [URI] [FILE.js…]`: JavaScript from `--eval` is searched for the calls
/// that lose data (`dropDatabase()`, `.drop()`, `deleteMany({})`, `remove({})`, `dropUser`,
/// `shutdownServer`); script files and a non-terminal stdin run code the guard cannot see.
/// Options: mongosh 2.0 `--help`.
enum MongoshRule {
    static let withArgument: Set<String> = ["--eval", "--host", "--port", "-u", "--username", "-p", "--password",
                                            "--authenticationDatabase", "--authenticationMechanism", "--tlsCAFile",
                                            "--tlsCertificateKeyFile", "--apiVersion", "--awsAccessKeyId", "--file", "-f"]
    static let calls = ["dropDatabase(", ".drop(", "deleteMany({})", "deleteMany( {} )", "remove({})", "dropUser(",
                        "dropAllUsers(", "shutdownServer(", "dropIndexes(", ".renameCollection(", "dropRole("]

    static let rule = CommandRule(["mongosh", "mongo"], spec: OptionSpec([])) { call in
        var index = 0
        var scripts: [String] = []
        var files: [String] = []
        var target = "(default server)"
        let words = call.arguments
        while index < words.count {
            let word = words[index]
            if word == "--help" || word == "--version" || word == "-h" { return call.assessment(nil, "prints help") }
            if word == "--eval", index + 1 < words.count { scripts.append(words[index + 1]) }
            if (word == "--file" || word == "-f"), index + 1 < words.count { files.append(words[index + 1]) }
            if word.hasPrefix("--eval=") { scripts.append(String(word.dropFirst(7))) }
            if word.hasPrefix("-") {
                index += withArgument.contains(word) ? 2 : 1
                continue
            }
            if word.hasSuffix(".js") { files.append(word) } else { target = word }
            index += 1
        }
        var names: [NamedOperand] = []
        for script in scripts {
            let compact = script.filter { $0 != " " }
            for call in calls where compact.contains(call.filter { $0 != " " }) {
                names.append(NamedOperand(kind: "mongodb", name: "\(call.trimmingParenthesis) on \(target)", harm: .destroy))
            }
        }
        for file in files {
            names.append(NamedOperand(kind: "mongodb", name: "script \(file) (not read by the guard) on \(target)", harm: .destroy))
        }
        if scripts.isEmpty && files.isEmpty && !call.stdinIsTerminal {
            names.append(NamedOperand(kind: "mongodb", name: "code read from standard input (not a terminal) on \(target)", harm: .destroy))
        }
        guard !names.isEmpty else { return call.assessment(nil, "reads or adds only") }
        var result = CommandAssessment(command: call.command, harm: .destroy, summary: "destructive MongoDB command")
        result.names = names
        return result
    }
}

private extension String {
    var trimmingParenthesis: String { hasSuffix("(") ? String(dropLast()) : self }
}
