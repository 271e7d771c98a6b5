import Testing
@testable import HostGuardCore

/// SedRule's table: argv → targets and harm.
@Suite struct SedRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["sed", "-i", "s/a/b/", "/etc/nginx/nginx.conf"], .overwrite, paths: ["/etc/nginx/nginx.conf e"]),
        RuleRow(["sed", "-i.bak", "-e", "s/a/b/", "f1", "f2"], .overwrite, paths: ["f1 e", "f2 e"]),
        RuleRow(["sed", "-n", "1p", "f"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
