import Testing
@testable import HostGuardCore

/// PowerRule's table: argv → targets and harm.
@Suite struct PowerRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["reboot"], .power, hostWide: true),
        RuleRow(["shutdown", "-c"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
