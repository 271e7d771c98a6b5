import Testing
@testable import HostGuardCore

/// FdiskRule's table: argv → targets and harm.
@Suite struct FdiskRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["fdisk", "-l"], nil),
        RuleRow(["fdisk", "/dev/sda"], .wipe, paths: ["/dev/sda rf"]),
        RuleRow(["sfdisk", "--dump", "/dev/sda"], nil),
        RuleRow(["sfdisk", "/dev/sdb"], .wipe, paths: ["/dev/sdb rf"]),
        RuleRow(["sfdisk", "--delete", "/dev/sdb", "2"], .wipe, paths: ["/dev/sdb rf"]),
        RuleRow(["sgdisk", "--zap-all", "/dev/nvme1n1"], .wipe, paths: ["/dev/nvme1n1 rf"]),
        RuleRow(["sgdisk", "-p", "/dev/nvme1n1"], nil),
        RuleRow(["sgdisk", "-n", "1:0:0", "/dev/sdc"], .wipe, paths: ["/dev/sdc rf"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
