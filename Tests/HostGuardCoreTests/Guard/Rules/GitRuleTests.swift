import Testing
@testable import HostGuardCore

/// GitRule's table: argv → targets and harm.
@Suite struct GitRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["git", "clean", "-fdx"], .delete, paths: [". r"]),
        RuleRow(["git", "clean", "-n"], nil),
        RuleRow(["git", "-C", "/srv/app", "reset", "--hard", "origin/main"], .overwrite, paths: ["/srv/app/. r"]),
        RuleRow(["git", "checkout", "--", "."], .overwrite, paths: [". r"]),
        RuleRow(["git", "checkout", "main"], nil),
        RuleRow(["git", "restore", "--staged", "x"], nil),
        RuleRow(["git", "stash", "clear"], .destroy, names: ["git stash"]),
        RuleRow(["git", "branch", "-D", "feature"], .delete, names: ["git branch feature"]),
        RuleRow(["git", "push", "--force", "origin", "main"], .destroy, names: ["git push --force to origin main"]),
        RuleRow(["git", "push", "origin", "main"], nil),
        RuleRow(["git", "status"], nil),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
