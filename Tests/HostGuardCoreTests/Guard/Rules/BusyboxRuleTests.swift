import Testing
@testable import HostGuardCore

/// BusyboxRule's table: argv → targets and harm.
@Suite struct BusyboxRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["busybox", "rm", "-rf", "/srv/x"], .delete, paths: ["/srv/x r"]),
        RuleRow(["busybox", "--list"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
