import Testing
@testable import HostGuardCore

/// TarRule's table: argv → targets and harm.
@Suite struct TarRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["tar", "czf", "logs.tgz", "--remove-files", "/var/log/app"], .delete, paths: ["/var/log/app r"]),
        RuleRow(["tar", "-C", "/srv", "-czf", "x.tgz", "--remove-files", "data"], .delete, paths: ["/srv/data r"]),
        RuleRow(["tar", "--remove-files", "-cf", "x.tar", "-T", "list.txt"], .delete, unknown: 1),
        RuleRow(["tar", "xzf", "backup.tgz"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
