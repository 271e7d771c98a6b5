import Testing
@testable import HostGuardCore

/// MysqlRule's table: argv → targets and harm.
@Suite struct MysqlRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["mysql", "-u", "root", "-psecret", "-e", "TRUNCATE TABLE orders", "shop"], .destroy, names: ["sql TRUNCATE orders"]),
        RuleRow(["mysql", "shop"], .destroy, names: ["sql SQL read from standard input"], stdinIsTerminal: false),
        RuleRow(["mariadb", "-e", "show databases"], nil),
        RuleRow(["mysqladmin", "-u", "root", "drop", "shop"], .destroy, names: ["database shop"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
