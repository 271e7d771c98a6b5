/// `psql [opts] [DBNAME [USER]]`: SQL from `-c`/`--command` is read for destructive statements
/// (`DestructiveSQL`); `-f FILE` and a standard input that is not a terminal run SQL the guard
/// cannot see, which counts as destructive (`psql db < dump.sql` on a primary is how a restore
/// overwrites it). An interactive psql (stdin a terminal, no -c/-f) runs as it is: what is typed
/// there is psql's business. Options: psql(1), PostgreSQL 15.
enum PsqlRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["psql"], spec: OptionSpec(
        "cdfhpUvoLPRFT".map { O(String($0), short: String($0), argument: .required) }
        + ["command", "dbname", "file", "host", "port", "username", "set", "variable", "output", "log-file", "pset",
           "record-separator", "field-separator", "table-attr"].map { O($0, long: [$0], argument: .required) }
        + "1AabeEHlnqsStwWxXz0V?".map { O(String($0), short: String($0)) }
        + ["single-transaction", "no-align", "echo-all", "echo-errors", "echo-queries", "echo-hidden", "html", "list",
           "no-readline", "quiet", "single-step", "single-line", "tuples-only", "no-password", "password", "expanded",
           "no-psqlrc", "field-separator-zero", "record-separator-zero", "csv", "version", "help"].map { O($0, long: [$0]) }
    )) { call in
        let parsed = call.parsed
        if parsed.has("l") || parsed.has("list") || parsed.has("V") || parsed.has("version") || parsed.has("?") || parsed.has("help") {
            return call.assessment(nil, "lists databases")
        }
        let database = parsed.last("d") ?? parsed.last("dbname") ?? call.operand(0)?.0 ?? call.environment["PGDATABASE"] ?? "(default database)"
        let host = parsed.last("h") ?? parsed.last("host") ?? call.environment["PGHOST"]
        return sql(call, commands: parsed.values("c") + parsed.values("command"),
                   files: parsed.values("f") + parsed.values("file"), database: database, host: host)
    }

    /// Shared by the SQL clients: findings in the commands, every file, and stdin when no
    /// command or file is given and stdin is not a terminal.
    static func sql(_ call: Invocation, commands: [String], files: [String], database: String, host: String?,
                    kind: String = "sql", harm: Harm = .destroy) -> CommandAssessment {
        let place = "database \(database)" + (host.map { " on \($0)" } ?? "")
        var names: [NamedOperand] = []
        for command in commands {
            for finding in DestructiveSQL.findings(command) {
                names.append(NamedOperand(kind: kind, name: "\(finding) in \(place)", harm: harm))
            }
        }
        for file in files {
            let source = file == "-" ? "standard input" : file
            if file == "-" && call.stdinIsTerminal { continue }
            names.append(NamedOperand(kind: kind, name: "SQL from \(source) (not read by the guard) in \(place)", harm: harm))
        }
        if commands.isEmpty && files.isEmpty && !call.stdinIsTerminal {
            names.append(NamedOperand(kind: kind, name: "SQL read from standard input (not a terminal) in \(place)", harm: harm))
        }
        guard !names.isEmpty else { return call.assessment(nil, commands.isEmpty ? "interactive session" : "SQL reads or adds only") }
        var result = call.assessment(harm, "destructive SQL (\(call.command))")
        result.names = names
        return result
    }
}
