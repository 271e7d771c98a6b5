import Testing
@testable import HostGuardCore

/// MdadmRule's table: argv → targets and harm.
@Suite struct MdadmRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["mdadm", "--zero-superblock", "/dev/sdb1", "/dev/sdc1"], .wipe, paths: ["/dev/sdb1 rf", "/dev/sdc1 rf"]),
        RuleRow(["mdadm", "--stop", "/dev/md0"], .unmount, paths: ["/dev/md0 rf"]),
        RuleRow(["mdadm", "--detail", "/dev/md0"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
