import Testing
@testable import HostGuardCore

/// KubectlRule's table: argv → targets and harm.
@Suite struct KubectlRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["kubectl", "-n", "prod", "delete", "pod", "web-1"], .destroy, names: ["kubernetes pod web-1 in namespace prod"]),
        RuleRow(["kubectl", "get", "pods"], nil),
        // kubectl's own dry run changes nothing
        RuleRow(["kubectl", "delete", "--dry-run=client", "-f", "x.yaml"], nil),
        RuleRow(["kubectl", "drain", "node-3", "--ignore-daemonsets"], .service, names: ["kubernetes node-3"]),
        RuleRow(["kubectl", "scale", "deploy/web", "--replicas=0"], .service, names: ["kubernetes deploy/web"]),
        RuleRow(["kubectl", "apply", "--force", "-f", "x.yaml"], .destroy, names: ["kubernetes -f x.yaml"]),
        RuleRow(["kubectl", "exec", "db-0", "--", "rm", "-rf", "/data"], .delete, unknown: 1),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
