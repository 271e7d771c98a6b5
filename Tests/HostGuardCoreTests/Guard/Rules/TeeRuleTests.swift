import Testing
@testable import HostGuardCore

/// TeeRule's table: argv → targets and harm.
@Suite struct TeeRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["tee", "/etc/apt/sources.list.d/x.list"], .overwrite, paths: ["/etc/apt/sources.list.d/x.list fe"]),
        RuleRow(["tee", "-a", "/var/log/x.log"], nil),
        RuleRow(["tee", "/dev/null"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
