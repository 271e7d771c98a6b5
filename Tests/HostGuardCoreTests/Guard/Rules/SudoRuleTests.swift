import Testing
@testable import HostGuardCore

/// SudoRule's table: argv → targets and harm.
@Suite struct SudoRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["sudo", "rm", "-rf", "/var/lib/postgresql/15/main"], .delete, paths: ["/var/lib/postgresql/15/main r"]),
        RuleRow(["sudo", "-u", "postgres", "-D", "/srv", "rm", "-rf", "data"], .delete, paths: ["/srv/data r"]),
        RuleRow(["sudo", "-R", "/mnt/sysimage", "rm", "-rf", "/var/lib/x"], .delete, paths: ["/mnt/sysimage/var/lib/x r"]),
        RuleRow(["sudo", "-l"], nil),
        RuleRow(["sudo", "-i", "rm", "-f", "x"], .delete, paths: ["x"]),
        RuleRow(["sudo", "-e", "/etc/hosts"], .overwrite, paths: ["/etc/hosts fe"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
