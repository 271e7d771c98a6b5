import Testing
@testable import HostGuardCore

/// SwapoffRule's table: argv → targets and harm.
@Suite struct SwapoffRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["swapoff", "-a"], .unmount, names: ["swap all swap"], hostWide: true),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
