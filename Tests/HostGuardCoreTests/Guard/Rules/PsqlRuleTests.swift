import Testing
@testable import HostGuardCore

/// PsqlRule's table: argv → targets and harm.
@Suite struct PsqlRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["psql", "-c", "DROP TABLE accounts"], .destroy, names: ["sql DROP TABLE accounts"]),
        RuleRow(["psql", "-d", "app", "-c", "select 1"], nil),
        // a literal that says drop is not a drop
        RuleRow(["psql", "-c", "SELECT 'drop table x'"], nil),
        RuleRow(["psql", "app", "-c", "DELETE FROM users"], .destroy, names: ["sql DELETE FROM users without WHERE"]),
        RuleRow(["psql", "app", "-c", "DELETE FROM users WHERE id = 4"], nil),
        RuleRow(["psql", "-f", "migrate.sql", "app"], .destroy, names: ["sql SQL from migrate.sql"]),
        // stdin from a pipe or file: SQL the guard cannot see
        RuleRow(["psql", "app"], .destroy, names: ["sql SQL read from standard input"], stdinIsTerminal: false),
        RuleRow(["psql", "app"], nil),
        RuleRow(["psql", "-l"], nil, stdinIsTerminal: false),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
