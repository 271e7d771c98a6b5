import Testing
@testable import HostGuardCore

/// RedisCliRule's table: argv → targets and harm.
@Suite struct RedisCliRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["redis-cli", "FLUSHALL"], .destroy, names: ["redis FLUSHALL"]),
        RuleRow(["redis-cli", "-h", "cache1", "-n", "2", "flushdb"], .destroy, names: ["redis FLUSHDB"]),
        RuleRow(["redis-cli", "GET", "x"], nil),
        RuleRow(["redis-cli", "CONFIG", "SET", "dir", "/tmp"], .destroy, names: ["redis CONFIG SET dir"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
