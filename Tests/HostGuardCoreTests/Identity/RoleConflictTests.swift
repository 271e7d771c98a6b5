import Testing
@testable import HostGuardCore

@Suite("declared vs observed role")
struct RoleConflictTests {
    static func config(hostRole: String?, inventoryRole: String?) -> HostGuardConfig {
        var config = HostGuardConfig()
        if let hostRole { config.host.role = Sourced(hostRole, file: "/etc/hostguard/hostguard.toml", key: "host.role") }
        if let inventoryRole {
            config.inventory = [InventoryRule(hosts: [HostGlob("db1*")], role: inventoryRole, file: "/etc/hostguard/conf.d/fleet.toml", key: "inventory[1]")]
        }
        return config
    }

    static func identity(_ role: RoleReading, decidedBy source: String) -> HostIdentity {
        HostIdentity(hostName: HostName(nodeName: "db1.example.com"), environment: "production", role: role, cluster: "db",
                     evidence: [Evidence(.role, source: source, detail: "x")])
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var live: RoleReading
        var source: String
        var hostRole: String?
        var inventoryRole: String?
        var prompt: String?
        var testDescription: String { name }
    }

    @Test("the live role wins; a static label that disagrees is a conflict", arguments: [
        Row(name: "inventory says standby, pg_control says primary (db1, 2017)", live: .known(Role(.primary, service: "postgresql")),
            source: "probe:postgresql", hostRole: nil, inventoryRole: "standby", prompt: "(inventory says standby)"),
        Row(name: "config says primary, live standby", live: .known(Role(.standby)), source: "probe:postgresql",
            hostRole: "primary", inventoryRole: nil, prompt: "(config says primary)"),
        Row(name: "labels agree", live: .known(Role(.primary)), source: "probe:postgresql", hostRole: "primary", inventoryRole: "master", prompt: nil),
        Row(name: "no label", live: .known(Role(.primary)), source: "probe:postgresql", hostRole: nil, inventoryRole: nil, prompt: nil),
        Row(name: "decided by the label itself (no probe): nothing to contradict", live: .known(Role(.standby)), source: "static",
            hostRole: "standby", inventoryRole: "primary", prompt: nil),
        Row(name: "probe could not answer: unknown, not a conflict", live: .unknown(reason: "x"), source: "probe:postgresql",
            hostRole: "standby", inventoryRole: nil, prompt: nil),
    ])
    func conflicts(_ row: Row) {
        let conflict = RoleConflict.find(identity: Self.identity(row.live, decidedBy: row.source),
                                         config: Self.config(hostRole: row.hostRole, inventoryRole: row.inventoryRole))
        #expect(conflict?.promptText == row.prompt)
    }

    @Test("status --json and the prompt")
    func rendering() {
        let identity = Self.identity(.known(Role(.primary, service: "postgresql", running: true)), decidedBy: "probe:postgresql")
        let conflict = RoleConflict.find(identity: identity, config: Self.config(hostRole: nil, inventoryRole: "standby"))
        #expect(JSONValue.object(RoleConflict.json(conflict)).serialized()
            == #"{"role_conflict":true,"role_conflict_detail":{"live":"primary","declared":"standby","declared_by":"inventory","origin":"/etc/hostguard/conf.d/fleet.toml: inventory[1].role"}}"#)
        #expect(JSONValue.object(RoleConflict.json(nil)).serialized() == #"{"role_conflict":false}"#)
        let context = PromptContext(identity: identity, settings: PromptSettings(), depth: .none, roleConflict: conflict)
        #expect(PromptRenderer.render(context, dialect: .plain).hasPrefix("[PRODUCTION] pg PRIMARY (inventory says standby) "))
    }
}
