import Testing
@testable import HostGuardCore

/// DropdbRule's table: argv → targets and harm.
@Suite struct DropdbRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["dropdb", "-h", "db1", "gitlabhq_production"], .destroy, names: ["database gitlabhq_production on db1"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
