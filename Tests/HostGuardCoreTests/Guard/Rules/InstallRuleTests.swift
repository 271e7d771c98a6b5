import Testing
@testable import HostGuardCore

/// InstallRule's table: argv → targets and harm.
@Suite struct InstallRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["install", "-m", "0755", "hostguard", "/usr/local/bin/hostguard"], .overwrite, paths: ["/usr/local/bin/hostguard fe"]),
        RuleRow(["install", "-d", "-m", "0700", "/srv/x"], nil),
        RuleRow(["install", "-t", "/usr/local/bin", "a", "b"], .overwrite, paths: ["/usr/local/bin fe"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
