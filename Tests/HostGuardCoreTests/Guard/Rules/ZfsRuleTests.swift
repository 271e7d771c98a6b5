import Testing
@testable import HostGuardCore

/// ZfsRule's table: argv → targets and harm.
@Suite struct ZfsRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["zfs", "destroy", "-r", "tank/data"], .destroy, names: ["dataset tank/data"]),
        RuleRow(["zfs", "destroy", "-nv", "tank/data"], nil),
        RuleRow(["zfs", "rollback", "-r", "tank/data@yesterday"], .destroy, names: ["dataset tank/data@yesterday"]),
        RuleRow(["zpool", "destroy", "tank"], .destroy, names: ["pool tank"]),
        RuleRow(["zfs", "list"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
