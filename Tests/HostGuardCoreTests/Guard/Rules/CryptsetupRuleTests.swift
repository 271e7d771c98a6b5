import Testing
@testable import HostGuardCore

/// CryptsetupRule's table: argv → targets and harm.
@Suite struct CryptsetupRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["cryptsetup", "luksFormat", "--type", "luks2", "/dev/sdb1"], .wipe, paths: ["/dev/sdb1 rf"]),
        RuleRow(["cryptsetup", "open", "/dev/sdb1", "data"], nil),
        RuleRow(["cryptsetup", "close", "data"], .unmount, paths: ["/dev/mapper/data rf"]),
        RuleRow(["cryptsetup", "luksDump", "/dev/sdb1"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
