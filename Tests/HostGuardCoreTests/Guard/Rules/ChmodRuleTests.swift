import Testing
@testable import HostGuardCore

/// ChmodRule's table: argv → targets and harm.
@Suite struct ChmodRuleTests {
    static let rows: [RuleRow] = [
        // non-recursive changes are reported (the policy asks only where the file matters)
        RuleRow(["chmod", "644", "f"], .permissions, paths: ["f f"]),
        RuleRow(["chmod", "000", "/etc/shadow"], .permissions, paths: ["/etc/shadow f"]),
        RuleRow(["chmod", "-R", "go-w", "/srv"], .permissions, paths: ["/srv rf"]),
        // chmod -R -w: -w is the mode, so every operand is a target
        RuleRow(["chmod", "-R", "-w", "/srv/a", "/srv/b"], .permissions, paths: ["/srv/a rf", "/srv/b rf"]),
        RuleRow(["chmod", "-R", "-q", "d"], .permissions, problems: 1),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
