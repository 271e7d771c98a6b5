import Testing
@testable import HostGuardCore

/// DdRule's table: argv → targets and harm.
@Suite struct DdRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["dd", "if=/dev/zero", "of=/dev/sdb", "bs=1M"], .overwrite, paths: ["/dev/sdb f"]),
        RuleRow(["dd", "if=/dev/sda", "count=1"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
