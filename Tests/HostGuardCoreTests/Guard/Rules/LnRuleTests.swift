import Testing
@testable import HostGuardCore

/// LnRule's table: argv → targets and harm.
@Suite struct LnRuleTests {
    static let rows: [RuleRow] = [
        // -sf over an existing name re-points it
        RuleRow(["ln", "-sfn", "/mnt/wal", "/var/lib/postgresql/15/main/pg_wal"], .relink, paths: ["/var/lib/postgresql/15/main/pg_wal e"]),
        // a hard link gives the file a second name
        RuleRow(["ln", "/var/lib/postgresql/15/main/global/pg_control", "/tmp/x"], .link, paths: ["/var/lib/postgresql/15/main/global/pg_control"]),
        // a new symbolic link harms nothing
        RuleRow(["ln", "-s", "/opt/app/current", "/srv/app"], nil),
        RuleRow(["ln", "-f", "a", "b"], .relink, paths: ["a :link", "b fe"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
