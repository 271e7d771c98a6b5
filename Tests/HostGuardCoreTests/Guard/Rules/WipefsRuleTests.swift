import Testing
@testable import HostGuardCore

/// WipefsRule's table: argv → targets and harm.
@Suite struct WipefsRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["wipefs", "/dev/vdb"], nil),
        RuleRow(["wipefs", "-af", "/dev/vdb"], .wipe, paths: ["/dev/vdb rf"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
