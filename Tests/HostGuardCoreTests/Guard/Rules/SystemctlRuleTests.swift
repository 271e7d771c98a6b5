import Testing
@testable import HostGuardCore

/// SystemctlRule's table: argv → targets and harm.
@Suite struct SystemctlRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["systemctl", "-H", "db2", "stop", "postgresql"], .service, names: ["unit postgresql"]),
        RuleRow(["systemctl", "status", "postgresql"], nil),
        RuleRow(["systemctl", "isolate", "rescue.target"], .power, hostWide: true),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
