import Testing
@testable import HostGuardCore

/// Sqlite3Rule's table: argv → targets and harm.
@Suite struct Sqlite3RuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["sqlite3", "/srv/app/db.sqlite3", "DROP TABLE users;"], .overwrite, paths: ["/srv/app/db.sqlite3 fe"], names: ["sqlite DROP TABLE users"]),
        RuleRow(["sqlite3", "/srv/app/db.sqlite3", ".tables"], nil),
        RuleRow(["sqlite3", "-readonly", "x.db"], nil, stdinIsTerminal: false),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
