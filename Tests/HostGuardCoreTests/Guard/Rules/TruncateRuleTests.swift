import Testing
@testable import HostGuardCore

/// TruncateRule's table: argv → targets and harm.
@Suite struct TruncateRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["truncate", "-s", "0", "log"], .overwrite, paths: ["log fe"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
