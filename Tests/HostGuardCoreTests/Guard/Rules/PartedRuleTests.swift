import Testing
@testable import HostGuardCore

/// PartedRule's table: argv → targets and harm.
@Suite struct PartedRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["parted", "-s", "/dev/sdb", "rm", "1"], .wipe, paths: ["/dev/sdb rf"]),
        RuleRow(["parted", "/dev/sdb", "print"], nil),
        RuleRow(["parted", "-l"], nil),
        RuleRow(["parted", "/dev/sdb", "mklabel", "gpt"], .wipe, paths: ["/dev/sdb rf"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
