import Testing
@testable import HostGuardCore

/// FlockRule's table: argv → targets and harm.
@Suite struct FlockRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["flock", "/run/lock/x", "rm", "-rf", "/srv/x"], .delete, paths: ["/srv/x r"]),
        RuleRow(["flock", "-n", "/run/lock/x", "-c", "rm -rf /srv/y"], .delete, paths: ["/srv/y r"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
