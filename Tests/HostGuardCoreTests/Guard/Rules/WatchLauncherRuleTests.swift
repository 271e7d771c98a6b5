import Testing
@testable import HostGuardCore

/// WatchLauncherRule's table: argv → targets and harm.
@Suite struct WatchLauncherRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["watch", "-n", "5", "rm", "-f", "/tmp/x"], .delete, paths: ["/tmp/x"]),
        RuleRow(["watch", "df", "-h"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
