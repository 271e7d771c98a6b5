import Testing
@testable import HostGuardCore

/// LosetupRule's table: argv → targets and harm.
@Suite struct LosetupRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["losetup", "-d", "/dev/loop0"], .unmount, paths: ["/dev/loop0 rf"]),
        RuleRow(["losetup", "-a"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
