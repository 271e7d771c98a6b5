import Testing
@testable import HostGuardCore

/// MongoshRule's table: argv → targets and harm.
@Suite struct MongoshRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["mongosh", "mongodb://db1/app", "--eval", "db.dropDatabase()"], .destroy, names: ["mongodb dropDatabase"]),
        RuleRow(["mongosh", "--eval", "db.users.find()"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
