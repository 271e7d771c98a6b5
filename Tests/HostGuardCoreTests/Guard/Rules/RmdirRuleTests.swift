import Testing
@testable import HostGuardCore

/// RmdirRule's table: argv → targets and harm.
@Suite struct RmdirRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["rmdir", "-p", "a/b"], .delete, paths: ["a/b"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
