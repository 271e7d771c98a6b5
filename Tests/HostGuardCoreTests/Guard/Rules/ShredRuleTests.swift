import Testing
@testable import HostGuardCore

/// ShredRule's table: argv → targets and harm.
@Suite struct ShredRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["shred", "-n", "3", "-u", "secret"], .overwrite, paths: ["secret f"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
