import Testing
@testable import HostGuardCore

/// HelmRule's table: argv → targets and harm.
@Suite struct HelmRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["helm", "uninstall", "web", "-n", "prod"], .destroy, names: ["helm release web"]),
        RuleRow(["helm", "uninstall", "web", "--dry-run"], nil),
        RuleRow(["helm", "list", "-A"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
