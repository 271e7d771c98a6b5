import Testing
@testable import HostGuardCore

/// SuRule's table: argv → targets and harm.
@Suite struct SuRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["su", "-", "postgres", "-c", "rm -rf /var/lib/postgresql/15/main"], .delete, paths: ["/var/lib/postgresql/15/main r"]),
        RuleRow(["su", "-c", "rm -rf /srv/x", "app"], .delete, paths: ["/srv/x r"]),
        RuleRow(["runuser", "-u", "postgres", "--", "rm", "-rf", "/srv/y"], .delete, paths: ["/srv/y r"]),
        RuleRow(["su", "-", "postgres"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
