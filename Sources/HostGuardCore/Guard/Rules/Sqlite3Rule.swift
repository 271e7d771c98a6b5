/// `sqlite3 [opts] FILE [SQL…]`: destructive SQL (`DestructiveSQL`) given as arguments or `-cmd`,
/// or SQL from a non-terminal stdin, rewrites FILE — an `.overwrite` of it, so a live file is
/// seen as one. `-readonly` changes nothing. Options: sqlite3 3.40 `-help` (single-dash long options).
enum Sqlite3Rule {
    static let withArgument: Set<String> = ["-cmd", "-init", "-separator", "-nullvalue", "-newline", "-mmap", "-vfs",
                                            "-maxsize", "-lookaside", "-pagecache", "-heap", "-A"]
    static let flags: Set<String> = ["-append", "-ascii", "-bail", "-batch", "-box", "-column", "-csv", "-deserialize",
                                     "-echo", "-header", "-noheader", "-html", "-interactive", "-json", "-line", "-list",
                                     "-markdown", "-memtrace", "-multiplex", "-nofollow", "-nonce", "-quote", "-readonly",
                                     "-safe", "-stats", "-table", "-tabs", "-zip", "-bom", "-no-rowid-in-view"]

    static let rule = CommandRule(["sqlite3"], spec: OptionSpec([])) { call in
        var index = 0
        var commands: [String] = []
        var operands: [(String, ArgumentRef)] = []
        var problems: [String] = []
        let words = call.arguments
        while index < words.count {
            let word = words[index]
            let option = word.hasPrefix("--") ? String(word.dropFirst()) : word
            if option == "-help" || option == "-version" { return call.assessment(nil, "prints help") }
            if option == "-readonly" { return call.assessment(nil, "read-only") }
            if withArgument.contains(option) {
                if option == "-cmd", index + 1 < words.count { commands.append(words[index + 1]) }
                index += 2
                continue
            }
            if option.hasPrefix("-") && option.count > 1 {
                if !flags.contains(option) { problems.append("sqlite3: unknown option: \(word)") }
                index += 1
                continue
            }
            operands.append((word, ArgumentRef(word: index)))
            index += 1
        }
        guard let file = operands.first, file.0 != ":memory:" else { return call.assessment(nil, "in-memory database") }
        commands += operands.dropFirst().map(\.0)
        // A file of its own, not the host's database server: kind `sqlite`, an overwrite of it.
        var result = PsqlRule.sql(call, commands: commands, files: [], database: file.0, host: nil, kind: "sqlite", harm: .overwrite)
        guard result.harm != nil else { return result }
        result.problems = problems
        result.paths = [PathOperand(file.0, at: file.1, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)]
        return result
    }
}
