import Testing
@testable import HostGuardCore

/// ShRule's table: argv → targets and harm.
@Suite struct ShRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["sh", "-c", "rm -rf /var/lib/postgresql/15/main"], .delete, paths: ["/var/lib/postgresql/15/main r"]),
        RuleRow(["bash", "-c", "cd /tmp && ls; echo done"], nil),
        RuleRow(["bash", "-c", "ls | sort && rm -rf /srv/x"], .delete, paths: ["/srv/x r"]),
        // a variable as a path: unknown
        RuleRow(["sh", "-c", "rm -rf $DIR"], .delete, unknown: 1),
        // a loop around a delete: the delete is read, its target unknown
        RuleRow(["bash", "-c", "for f in *.log; do rm -f \"$f\"; done"], .delete, unknown: 1),
        // a command the shell computes: unknown, worst case
        RuleRow(["sh", "-c", "$CMD /srv"], .delete, unknown: 1),
        // a glob: its directory, recursively
        RuleRow(["sh", "-c", "rm -rf /var/lib/postgresql/15/main/*"], .delete, paths: ["/var/lib/postgresql/15/main/ rf"]),
        // an output redirection truncates its file
        RuleRow(["sh", "-c", "echo > /var/lib/postgresql/15/main/global/pg_control"], .overwrite, paths: ["/var/lib/postgresql/15/main/global/pg_control fe"]),
        RuleRow(["sh", "-c", "date >> /var/log/x.log 2>&1"], nil),
        // $1 from the arguments after the script
        RuleRow(["sh", "-c", "rm -rf \"$1\"", "sh", "/srv/y"], .delete, paths: ["/srv/y r"]),
        // a $(…) substitution is read too
        RuleRow(["bash", "-c", "echo $(rm -rf /srv/z)"], .delete, paths: ["/srv/z r"]),
        RuleRow(["bash", "deploy.sh"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
