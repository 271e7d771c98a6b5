import Testing
@testable import HostGuardCore

/// BtrfsRule's table: argv → targets and harm.
@Suite struct BtrfsRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["btrfs", "subvolume", "delete", "/srv/snap"], .delete, paths: ["/srv/snap r"]),
        RuleRow(["btrfs", "subvolume", "list", "/"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
