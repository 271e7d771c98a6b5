import Testing
@testable import HostGuardCore

@Suite struct GuardSettingsTests {
    @Test func decodesTheGuardSection() {
        let config = ConfigDecoder.decode([systemDocument([
            ("guard", .table([("aliases", .bool(false)), ("audit_log", .string("/var/log/hostguard/guard.jsonl")),
                              ("quarantine", .bool(false)), ("scan_budget_ms", .integer(500))])),
        ])])
        #expect(config.diagnostics.isEmpty)
        #expect(config.guardSettings.aliases == false)
        #expect(config.guardSettings.auditLog == "/var/log/hostguard/guard.jsonl")
        #expect(config.guardSettings.quarantine == false)
        #expect(config.guardSettings.scanBudgetMilliseconds == 500)
    }

    @Test func badValuesAreErrorsAndDefaultsStay() {
        let config = ConfigDecoder.decode([systemDocument([
            ("guard", .table([("audit_log", .string("relative.log")), ("scan_budget_ms", .integer(0)), ("typo", .bool(true))])),
        ])])
        #expect(config.guardSettings == GuardSettings())
        #expect(config.diagnostics.map(\.description).contains("/etc/hostguard/hostguard.toml: guard.audit_log: expected an absolute path, found \"relative.log\""))
        #expect(config.diagnostics.contains { $0.key == "guard.scan_budget_ms" })
        #expect(config.diagnostics.contains { $0.key == "guard.typo" && $0.severity == .warning })
    }

    @Test func aUsersOwnConfigCannotTouchTheGuard() {
        let user = ConfigDocument(path: "/root/.config/hostguard/config.toml", authority: .user,
                                  root: .table([("guard", .table([("aliases", .bool(false))]))]))
        let config = ConfigDecoder.decode([user])
        #expect(config.guardSettings.aliases == true)
        #expect(config.diagnostics.contains { $0.message.contains("ignored") })
    }

    @Test func aliasesCoverEveryRule() {
        for command in ["rm", "mv", "dd", "shred", "wipefs", "mkfs.ext4", "find", "chmod", "systemctl", "dropdb", "pg_ctl", "kubectl", "terraform", "zfs", "lvremove"] {
            #expect(GuardAliases.commands.contains(command), "\(command)")
        }
        let bash = GuardAliases.script(fromTemplate: "if [[ $- == *i* ]]; then\n    alias HOSTGUARD_COMMAND='g HOSTGUARD_COMMAND'\nfi\n")
        #expect(bash.hasPrefix("if [[ $- == *i* ]]; then\n    alias "))
        #expect(bash.contains("    alias rm='g rm'\n"))
        #expect(bash.hasSuffix("'\nfi\n"))
    }

    @Test("an alias template: the placeholder line once per command, every other line as it is", arguments: [
        ("a\nx HOSTGUARD_COMMAND HOSTGUARD_COMMAND\nb\n", "a\nx rm rm\nx mv mv\nb\n"),
        ("no placeholder\n", "no placeholder\n"),
        ("HOSTGUARD_COMMAND", "rm\nmv\n"),   // no final newline: one is added
        ("\n\nHOSTGUARD_COMMAND\n", "\n\nrm\nmv\n"),  // blank lines kept
        ("", ""),
    ])
    func aliasTemplate(template: String, expected: String) {
        #expect(GuardAliases.script(fromTemplate: template, commands: ["rm", "mv"]) == expected)
    }
}
