import Testing
@testable import HostGuardCore

/// InitRule's table: argv → targets and harm.
@Suite struct InitRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["init", "0"], .power, hostWide: true),
        RuleRow(["telinit", "6"], .power, hostWide: true),
        RuleRow(["telinit", "q"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
