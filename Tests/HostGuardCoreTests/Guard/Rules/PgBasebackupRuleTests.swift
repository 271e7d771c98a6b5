import Testing
@testable import HostGuardCore

/// PgBasebackupRule's table: argv → targets and harm.
@Suite struct PgBasebackupRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["pg_basebackup", "-h", "db1", "-D", "/var/lib/postgresql/15/main", "-R"], .overwrite, paths: ["/var/lib/postgresql/15/main rfe"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
