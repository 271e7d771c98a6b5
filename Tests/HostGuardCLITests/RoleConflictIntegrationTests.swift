import Foundation
import Testing

/// The db1/db2 confusion as a visible fact: a real running primary whose inventory rule says
/// "standby". The live role wins; status, --json and the prompt show the disagreement.
@Suite("declared vs observed role (real primary)", .serialized)
struct RoleConflictIntegrationTests {
    @Test("inventory says standby, pg_control says primary: status, --json and the prompt say so")
    func inventoryContradicted() throws {
        let pair = try PostgresPair()
        try pair.asPostgres("initdb", ["-D", pair.primary, "--auth=trust", "--no-sync"])
        try pair.start(pair.primary, port: pair.primaryPort)
        let configs = try TemporaryDirectory()
        chmod(configs.path, 0o755)
        let config = try configs.write("c.toml", """
            [[inventory]]
            hosts = "*"
            environment = "production"
            role = "standby"

            [[probe]]
            kind = "postgresql"
            data_dir = "\(pair.primary)"
            """)
        let environment = ["HOSTGUARD_CONFIG": config]
        let json = try runHostGuard(["status", "--json"], environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["role"] as? String == "primary", "\(json.stdout)")
        #expect(object["role_conflict"] as? Bool == true, "\(json.stdout)")
        let detail = object["role_conflict_detail"] as? [String: Any] ?? [:]
        #expect(detail["declared"] as? String == "standby")
        #expect(detail["declared_by"] as? String == "inventory")
        let evidence = (object["evidence"] as? [[String: Any]] ?? []).filter { $0["field"] as? String == "role" }
        #expect(evidence.contains { $0["source"] as? String == "probe:postgresql" && $0["outcome"] as? String == "decided" })
        #expect(evidence.contains { $0["source"] as? String == "static" && $0["outcome"] as? String == "overridden" })

        let text = try runHostGuard(["status"], environment: environment)
        #expect(text.stdout.contains("CONFLICT: live PRIMARY, but \(config): inventory[1].role says standby"), "\(text.stdout)")
        let prompt = try runHostGuard(["prompt", "--shell", "plain", "--color", "never"], environment: environment)
        #expect(prompt.stdout.contains("pg PRIMARY (inventory says standby) "), "\(prompt.stdout)")

        // Agreeing labels: no conflict.
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "role = \"standby\"", with: "role = \"primary\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let agreeing = try runHostGuard(["status", "--json"], environment: environment)
        #expect(agreeing.stdout.contains("\"role_conflict\" : false") || agreeing.stdout.contains("\"role_conflict\": false"), "\(agreeing.stdout)")
    }
}
