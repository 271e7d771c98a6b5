import Testing
@testable import HostGuardCore

/// UmountRule's table: argv → targets and harm.
@Suite struct UmountRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["umount", "/var/lib/postgresql"], .unmount, paths: ["/var/lib/postgresql rf"]),
        RuleRow(["umount", "-l", "/dev/nvme1n1p1"], .unmount, paths: ["/dev/nvme1n1p1 rf"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
