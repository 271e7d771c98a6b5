import Testing
@testable import HostGuardCore

/// RsyncRule's table: argv → targets and harm.
@Suite struct RsyncRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["rsync", "-av", "a/", "b/"], nil),
        RuleRow(["rsync", "-a", "-e", "ssh", "--delete-after", "a/", "/srv/b/"], .delete, paths: ["/srv/b/ rf"]),
        RuleRow(["rsync", "-a", "--del", "a/", "host:/srv/b"], .delete, names: ["remote path host:/srv/b"]),
        RuleRow(["rsync", "-an", "--delete", "a/", "b/"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
