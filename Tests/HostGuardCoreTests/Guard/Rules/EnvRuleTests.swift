import Testing
@testable import HostGuardCore

/// EnvRule's table: argv → targets and harm.
@Suite struct EnvRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["env", "-S", "rm -rf", "/srv/x"], .delete, paths: ["/srv/x r"]),
        RuleRow(["env", "--split-string=rm -rf /srv/y"], .delete, paths: ["/srv/y r"]),
        RuleRow(["env", "-C", "/var/lib/postgresql/15", "rm", "-rf", "main"], .delete, paths: ["/var/lib/postgresql/15/main r"]),
        RuleRow(["env", "PGDATA=/srv/pg", "pg_ctl", "stop"], .service, paths: ["/srv/pg f"]),
        RuleRow(["env", "-i", "ls"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
