import Testing
@testable import HostGuardCore

/// UnlinkRule's table: argv → targets and harm.
@Suite struct UnlinkRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["unlink", "f"], .delete, paths: ["f"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
