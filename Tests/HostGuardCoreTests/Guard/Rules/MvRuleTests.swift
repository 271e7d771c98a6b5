import Testing
@testable import HostGuardCore

/// MvRule's table: argv → targets and harm.
@Suite struct MvRuleTests {
    static let rows: [RuleRow] = [
        // sources go away, an existing destination is replaced
        RuleRow(["mv", "-f", "data", "/srv/old"], .delete, paths: ["data r", "/srv/old fe:overwrite"]),
        RuleRow(["mv", "-t", "/srv", "a", "b"], .delete, paths: ["a r", "b r", "/srv fe:overwrite"]),
        RuleRow(["mv", "-n", "a", "b"], .delete, paths: ["a r"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
