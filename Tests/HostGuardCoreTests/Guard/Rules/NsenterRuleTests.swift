import Testing
@testable import HostGuardCore

/// NsenterRule's table: argv → targets and harm.
@Suite struct NsenterRuleTests {
    static let rows: [RuleRow] = [
        // another mount namespace: paths are not ours
        RuleRow(["nsenter", "-t", "4242", "-m", "rm", "-rf", "/var/lib/postgresql/data"], .delete, unknown: 1),
        // only the network namespace: our paths
        RuleRow(["nsenter", "-t", "4242", "-n", "rm", "-rf", "/srv/x"], .delete, paths: ["/srv/x r"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
