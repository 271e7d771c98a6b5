/// Which statements in a piece of SQL lose data: DROP (TABLE, DATABASE, SCHEMA …), TRUNCATE,
/// DELETE or UPDATE without WHERE, ALTER … DROP, and psql's `\!` (a shell command) and `\i`/`\ir`
/// (a file the guard cannot read). Comments (`--`, `/* */`) and string literals are skipped, so
/// `SELECT 'drop table x'` is not a finding. Read as the SQL standard and PostgreSQL's lexer
/// (scan.l) split statements on `;` outside quotes; MySQL's `#` comments too.
public enum DestructiveSQL {
    /// One short description per destructive statement, in order ("DROP TABLE accounts",
    /// "DELETE FROM users without WHERE").
    public static func findings(_ sql: String) -> [String] {
        var found: [String] = []
        for statement in statements(sql) {
            let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "(" || $0 == ")" || $0 == "," })
                .map { $0.uppercased() }
            guard let first = words.first else { continue }
            // The object's name: after the verb (and, for DROP, the object type), past IF EXISTS,
            // ONLY, CONCURRENTLY, TABLE.
            let skipped: Set<String> = ["IF", "EXISTS", "ONLY", "TABLE", "CONCURRENTLY"]
            let object = words.dropFirst(first == "DROP" ? 2 : 1).first { !skipped.contains($0) } ?? ""
            switch first {
            case "DROP":
                found.append("DROP \(words.dropFirst().prefix(1).joined()) \(object.lowercased())")
            case "TRUNCATE":
                found.append("TRUNCATE \(object.lowercased())")
            case "DELETE" where !words.contains("WHERE"):
                found.append("DELETE FROM \(words.drop { $0 != "FROM" }.dropFirst().first?.lowercased() ?? "") without WHERE")
            case "UPDATE" where !words.contains("WHERE"):
                found.append("UPDATE \(words.dropFirst().first?.lowercased() ?? "") without WHERE")
            case "ALTER" where words.contains("DROP"):
                found.append("ALTER \(words.dropFirst().prefix(2).joined(separator: " ").lowercased()) … DROP")
            case "\\!":
                found.append("psql \\! runs a shell command")
            case "\\I", "\\IR", "\\INCLUDE", "\\INCLUDE_RELATIVE":
                found.append("psql \(first.lowercased()) runs SQL from a file the guard does not read")
            default:
                // `WITH x AS (DELETE …)`, `SELECT pg_drop_replication_slot(…)`.
                if words.contains("DELETE") && !words.contains("WHERE") && first == "WITH" { found.append("DELETE without WHERE (in WITH)") }
                if words.contains(where: { $0.hasPrefix("PG_DROP_REPLICATION_SLOT") || $0.hasPrefix("PG_TERMINATE_BACKEND") }) {
                    found.append("\(words.first { $0.hasPrefix("PG_") }!.lowercased())()")
                }
            }
        }
        return found
    }

    /// Statements with comments removed and literals blanked; psql backslash commands end at
    /// the end of their line.
    static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current = ""
        var characters = Array(sql)[...]
        while let character = characters.popFirst() {
            switch character {
            case "'", "\"", "`":
                current.append(character == "'" ? "''" : "x")
                if character == "'" { current.removeLast() }
                while let next = characters.popFirst(), next != character {}
                if character == "'" { current.append("'") }
            case "-" where characters.first == "-", "#":
                while let next = characters.popFirst(), next != "\n" {}
                current.append(" ")
            case "/" where characters.first == "*":
                characters.removeFirst()
                while let next = characters.popFirst() {
                    if next == "*" && characters.first == "/" { characters.removeFirst(); break }
                }
                current.append(" ")
            case "$" where characters.first == "$":
                // PostgreSQL dollar quoting ($$ … $$): a function body, skipped.
                characters.removeFirst()
                while let next = characters.popFirst() {
                    if next == "$" && characters.first == "$" { characters.removeFirst(); break }
                }
                current.append("x")
            case ";":
                result.append(current)
                current = ""
            case "\\" where current.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" }):
                var line = "\\"
                while let next = characters.popFirst(), next != "\n" { line.append(next) }
                result.append(line)
                current = ""
            default:
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}
