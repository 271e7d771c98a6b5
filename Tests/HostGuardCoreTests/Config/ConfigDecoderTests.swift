import Testing
@testable import HostGuardCore

func systemDocument(_ entries: [(key: String, value: ConfigValue)], path: String = "/etc/hostguard/hostguard.toml") -> ConfigDocument {
    ConfigDocument(path: path, authority: .system, root: .table(entries))
}

@Suite("config decoding")
struct ConfigDecoderTests {
    @Test("[host], [[inventory]] and [[protect]] decode with their origins")
    func decodesSections() {
        let config = ConfigDecoder.decode([systemDocument([
            ("host", .table([("environment", .string("production")), ("role", .string("primary")), ("cluster", .string("db"))])),
            ("inventory", .array([.table([("hosts", .array([.string("db*"), .string("pg*")])), ("environment", .string("production"))])])),
            ("protect", .array([.table([("path", .string("/srv/git-data")), ("level", .string("deny")), ("note", .string("runbook"))])])),
        ])])
        #expect(config.diagnostics.isEmpty)
        #expect(config.host.environment?.value == "production")
        #expect(config.host.environment?.origin == "/etc/hostguard/hostguard.toml: host.environment")
        #expect(config.inventory.first?.hosts.map(\.pattern) == ["db*", "pg*"])
        #expect(config.inventory.first?.key == "inventory[1]")
        #expect(config.protect.first?.level == .deny)
    }

    @Test("[mounts] acknowledged is decoded (it used to be accepted and dropped); a malformed ID is a warning naming it")
    func mountsSection() {
        let config = ConfigDecoder.decode([systemDocument([
            ("mounts", .table([("acknowledged", .array([.string("3FA2B1C04D5E"), .string("nope")])), ("colour", .bool(true))])),
        ])])
        #expect(config.mounts.acknowledged == ["3fa2b1c04d5e"])
        #expect(config.diagnostics.map(\.description) == [
            "/etc/hostguard/hostguard.toml: mounts.acknowledged[1]: expected a 12-digit finding ID as `hostguard mounts` prints it, found \"nope\"",
            "/etc/hostguard/hostguard.toml: mounts.colour: unknown key, ignored",
        ])
        #expect(!config.systemConfigIsBroken)
    }

    @Test("a wrong type is an error naming file, key and what was expected")
    func wrongType() {
        let config = ConfigDecoder.decode([systemDocument([("host", .table([("environment", .integer(3))]))])])
        #expect(config.diagnostics.map(\.description) == [
            "/etc/hostguard/hostguard.toml: host.environment: expected a string, found an integer"
        ])
        #expect(config.systemConfigIsBroken)
    }

    @Test("an unknown key is a warning, not an error")
    func unknownKey() {
        let config = ConfigDecoder.decode([systemDocument([("host", .table([("enviroment", .string("production"))]))])])
        #expect(config.diagnostics.count == 1)
        #expect(config.diagnostics[0].severity == .warning)
        #expect(config.diagnostics[0].key == "host.enviroment")
        #expect(!config.systemConfigIsBroken)
    }

    @Test("a protect level outside the three is an error listing them; the rule still protects")
    func protectLevel() {
        let config = ConfigDecoder.decode([systemDocument([
            ("protect", .array([.table([("path", .string("/srv")), ("level", .string("ask"))])])),
        ])])
        #expect(config.diagnostics.first?.message == #"expected one of "confirm", "type-hostname", "deny", found "ask""#)
        #expect(config.protect.first?.level == .typeHostname)
    }

    @Test("inventory rule without hosts is an error")
    func inventoryWithoutHosts() {
        let config = ConfigDecoder.decode([systemDocument([("inventory", .array([.table([("environment", .string("dev"))])]))])])
        #expect(config.diagnostics.first?.key == "inventory[1].hosts")
        #expect(config.inventory.isEmpty)
    }

    @Test("later system files override [host] keys; arrays append in order")
    func mergeOrder() {
        let config = ConfigDecoder.decode([
            systemDocument([("host", .table([("environment", .string("staging")), ("cluster", .string("a"))]))]),
            systemDocument([("host", .table([("environment", .string("production"))]))], path: "/etc/hostguard/conf.d/50-role.toml"),
        ])
        #expect(config.host.environment?.value == "production")
        #expect(config.host.environment?.file == "/etc/hostguard/conf.d/50-role.toml")
        #expect(config.host.cluster?.value == "a")
    }

    @Test("a user's config changes looks only: environment and policy are ignored with a warning")
    func userConfigIsLooksOnly() {
        let user = ConfigDocument(path: "/home/u/.config/hostguard/config.toml", authority: .user, root: .table([
            ("host", .table([("environment", .string("development"))])),
            ("protect", .array([])),
            ("prompt", .table([("title", .string("never")), ("show_cluster", .bool(false))])),
        ]))
        let config = ConfigDecoder.decode([systemDocument([("host", .table([("environment", .string("production"))]))]), user])
        #expect(config.host.environment?.value == "production")
        #expect(config.prompt.title == .never)
        #expect(config.prompt.showCluster == false)
        #expect(config.diagnostics.filter { $0.message.hasPrefix("ignored: your own config may change looks") }.count == 2)
        #expect(!config.systemConfigIsBroken)
    }

    @Test("an error in the user's own file is only a warning: it cannot break identity")
    func userErrorsAreWarnings() {
        let user = ConfigDocument(path: "/home/u/.config/hostguard/config.toml", authority: .user, root: .table([
            ("prompt", .table([("title", .integer(1))])),
        ]))
        let config = ConfigDecoder.decode([user])
        #expect(config.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(!config.systemConfigIsBroken)
    }
}
