import Testing
@testable import HostGuardCore

/// MkfsRule's table: argv → targets and harm.
@Suite struct MkfsRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["mkfs.ext4", "-L", "data", "/dev/vdb1"], .wipe, paths: ["/dev/vdb1 rf"]),
        RuleRow(["mke2fs", "-n", "/dev/vdb1"], nil),
        RuleRow(["mkswap", "/dev/vdc"], .wipe, paths: ["/dev/vdc rf"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
