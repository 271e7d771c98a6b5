import Testing
@testable import HostGuardCore

/// CrontabRule's table: argv → targets and harm.
@Suite struct CrontabRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["crontab", "-r"], .destroy, names: ["crontab crontab"]),
        RuleRow(["crontab", "-l"], nil),
        RuleRow(["crontab", "-u", "app", "-r"], .destroy, names: ["crontab crontab of app"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
