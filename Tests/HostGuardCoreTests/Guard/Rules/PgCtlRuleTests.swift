import Testing
@testable import HostGuardCore

/// PgCtlRule's table: argv → targets and harm.
@Suite struct PgCtlRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["pg_ctl", "-D", "/var/lib/postgresql/15/main", "stop"], .service, paths: ["/var/lib/postgresql/15/main f"]),
        RuleRow(["pg_ctl", "status", "-D", "x"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
