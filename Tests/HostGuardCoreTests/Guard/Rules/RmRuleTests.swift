import Testing
@testable import HostGuardCore

/// RmRule's table: argv → targets and harm.
@Suite struct RmRuleTests {
    static let rows: [RuleRow] = [
        // the outage: recursive delete of a data directory
        RuleRow(["rm", "-rf", "/var/lib/postgresql/15/main"], .delete, paths: ["/var/lib/postgresql/15/main r"]),
        // full path to the tool, long options, abbreviation, options after operands
        RuleRow(["/usr/bin/rm", "x", "--recur", "--force", "y"], .delete, paths: ["x r", "y r"]),
        // `--` then a name starting with a dash
        RuleRow(["rm", "--", "-rf"], .delete, paths: ["-rf"]),
        RuleRow(["rm", "--help"], nil),
        // an unknown option is a problem (raises the level), never a let-through
        RuleRow(["rm", "--frobnicate", "x"], .delete, paths: ["x"], problems: 1),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
