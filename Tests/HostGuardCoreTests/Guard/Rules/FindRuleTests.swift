import Testing
@testable import HostGuardCore

/// FindRule's table: argv → targets and harm.
@Suite struct FindRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["find", "/srv/a", "b", "-name", "*.tmp", "-delete"], .delete, paths: ["/srv/a r", "b r"]),
        RuleRow(["find", "-L", "/srv", "-type", "f", "-exec", "/bin/rm", "{}", ";"], .delete, paths: ["/srv rf"]),
        RuleRow(["find", "/srv", "-name", "x"], nil),
        // no starting point: find starts at `.`
        RuleRow(["find", "-name", "*.log", "-delete"], .delete, paths: [". r"]),
        // `-delete` as the argument of -name is a name, not a delete
        RuleRow(["find", ".", "-name", "-delete", "-print"], nil),
        // -exec through a launcher, and a sh -c script given {} as $1
        RuleRow(["find", "/data", "-exec", "sudo", "rm", "-rf", "{}", "+"], .delete, paths: ["/data r"]),
        RuleRow(["find", "/data", "-mtime", "+7", "-exec", "sh", "-c", "rm -f \"$1\"", "sh", "{}", ";"], .delete, paths: ["/data r"]),
        // -execdir shred, -ok truncate
        RuleRow(["find", "/srv", "-execdir", "shred", "-u", "{}", ";"], .overwrite, paths: ["/srv r"]),
        // starting points from a file: unknown
        RuleRow(["find", "-files0-from", "list", "-delete"], .delete, unknown: 1),
        // -exec of a harmless command
        RuleRow(["find", "/srv", "-type", "f", "-exec", "ls", "-l", "{}", ";"], nil),
        // -fprint truncates its file
        RuleRow(["find", "/srv", "-fprint", "/tmp/list"], .overwrite, paths: ["/tmp/list fe"]),
        // an unknown primary is a problem
        RuleRow(["find", ".", "-frob", "-delete"], .delete, paths: [". r"], problems: 1),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
