import Testing
@testable import HostGuardCore

/// SimpleLauncherRule's table: argv → targets and harm.
@Suite struct SimpleLauncherRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["nice", "-n", "5", "rm", "-i", "a"], .delete, paths: ["a"]),
        RuleRow(["nice", "-10", "rm", "a"], .delete, paths: ["a"]),
        RuleRow(["timeout", "-s", "KILL", "10s", "rm", "-f", "z"], .delete, paths: ["z"]),
        RuleRow(["command", "rm", "-rf", "x"], .delete, paths: ["x r"]),
        RuleRow(["command", "-v", "rm"], nil),
        RuleRow(["exec", "rm", "-rf", "x"], .delete, paths: ["x r"]),
        RuleRow(["doas", "-u", "postgres", "rm", "-rf", "x"], .delete, paths: ["x r"]),
        RuleRow(["setpriv", "--reuid=postgres", "--init-groups", "rm", "-rf", "x"], .delete, paths: ["x r"]),
        RuleRow(["ionice", "-c", "3", "rm", "-rf", "x"], .delete, paths: ["x r"]),
        RuleRow(["nohup", "frobnicate", "--all"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
