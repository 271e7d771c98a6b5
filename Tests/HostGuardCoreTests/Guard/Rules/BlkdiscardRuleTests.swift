import Testing
@testable import HostGuardCore

/// BlkdiscardRule's table: argv → targets and harm.
@Suite struct BlkdiscardRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["blkdiscard", "-f", "/dev/nvme0n1"], .wipe, paths: ["/dev/nvme0n1 rf"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
