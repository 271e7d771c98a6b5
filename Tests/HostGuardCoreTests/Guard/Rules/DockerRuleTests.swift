import Testing
@testable import HostGuardCore

/// DockerRule's table: argv → targets and harm.
@Suite struct DockerRuleTests {
    static let rows: [RuleRow] = [
        RuleRow(["docker", "rm", "-f", "db"], .destroy, names: ["container db"]),
        RuleRow(["docker", "volume", "rm", "pgdata"], .destroy, names: ["container volume pgdata"]),
        RuleRow(["docker", "system", "prune", "-a", "--volumes"], .destroy, names: ["container every unused image", "container volume every unused volume"]),
        RuleRow(["docker", "compose", "down", "-v"], .destroy, names: ["container compose project", "container volume the project's volumes"]),
        RuleRow(["docker", "ps", "-a"], nil),
        RuleRow(["podman", "stop", "web"], .service, names: ["container web"]),
        // exec runs in the container's mount namespace: its paths are unknown targets
        RuleRow(["docker", "exec", "-u", "postgres", "db", "rm", "-rf", "/var/lib/postgresql/data"], .delete, unknown: 1),
    ]

    @Test(arguments: rows) func reads(_ row: RuleRow) { row.check() }
}
