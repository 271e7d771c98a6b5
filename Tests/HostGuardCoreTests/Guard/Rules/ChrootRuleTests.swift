import Testing
@testable import HostGuardCore

/// ChrootRule's table: argv → targets and harm.
@Suite struct ChrootRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["chroot", "/mnt", "rm", "-rf", "/var/lib/postgresql"], .delete, paths: ["/mnt/var/lib/postgresql r"]),
        RuleRow(["chroot", "/mnt", "rm", "-rf", "tmp"], .delete, paths: ["/mnt/tmp r"]),
        RuleRow(["chroot", "/mnt"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
