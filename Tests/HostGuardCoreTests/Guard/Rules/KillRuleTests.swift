import Testing
@testable import HostGuardCore

/// KillRule's table: argv → targets and harm.
@Suite struct KillRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["kill", "-9", "4242"], .service, names: ["process 4242"]),
        RuleRow(["kill", "-HUP", "4242"], nil),
        RuleRow(["kill", "-s", "TERM", "1", "2"], .service, names: ["process 1", "process 2"]),
        RuleRow(["pkill", "-9", "-f", "postgres"], .service, names: ["process postgres"]),
        RuleRow(["pkill", "-HUP", "nginx"], nil),
        RuleRow(["killall", "-u", "app", "java"], .service, names: ["process java"]),
        RuleRow(["kill", "-l"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
