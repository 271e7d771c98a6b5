import Testing
@testable import HostGuardCore

/// XargsRule's table: argv → targets and harm.
@Suite struct XargsRuleTests {
    static let rows: [RuleRow] = [
        // names from stdin: unknown targets, the inner harm known
        RuleRow(["xargs", "rm", "-rf"], .delete, unknown: 1),
        RuleRow(["xargs", "-0", "-I{}", "rm", "-f", "{}"], .delete, unknown: 1),
        RuleRow(["xargs", "-a", "list", "shred", "-u"], .overwrite, unknown: 1),
        RuleRow(["xargs", "ls", "-l"], nil),
        RuleRow(["xargs", "rm", "-f", "/tmp/fixed"], .delete, paths: ["/tmp/fixed"], unknown: 1),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
