import Testing
@testable import HostGuardCore

/// ChownRule's table: argv → targets and harm.
@Suite struct ChownRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["chown", "-R", "--reference=/etc", "/srv"], .permissions, paths: ["/srv rf"]),
        RuleRow(["chgrp", "-R", "staff", "/home"], .permissions, paths: ["/home rf"]),
        RuleRow(["chown", "postgres:postgres", "/srv/pg/file"], .permissions, paths: ["/srv/pg/file f"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
