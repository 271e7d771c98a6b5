import Testing
@testable import HostGuardCore

/// TerraformRule's table: argv → targets and harm.
@Suite struct TerraformRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["terraform", "-chdir=infra", "destroy"], .destroy, names: ["terraform state infra"]),
        RuleRow(["terraform", "apply", "-destroy"], .destroy, names: ["terraform state ."]),
        RuleRow(["terraform", "apply", "-auto-approve"], .destroy, names: ["terraform state ."]),
        RuleRow(["tofu", "plan"], nil),
        RuleRow(["terraform", "state", "rm", "aws_instance.db"], .destroy, names: ["terraform state .: aws_instance.db"]),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
