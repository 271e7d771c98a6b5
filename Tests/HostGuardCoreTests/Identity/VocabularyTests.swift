import Foundation
import Testing
@testable import HostGuardCore

@Suite("one vocabulary")
struct VocabularyTests {
    /// The repository root, from this file's place in it (Tests/HostGuardCoreTests/Identity/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A document as a reader sees it: roff's `\-` is a hyphen.
    static func document(_ relative: String) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        return text.replacingOccurrences(of: "\\-", with: "-")
    }

    /// Spellings that drifted apart before there was one vocabulary; none may come back.
    static let retired = ["UNKNOWN ENVIRONMENT", "ROLE UNKNOWN", "UNKNOWN (treated", "role unknown (treated", "UNKNOWN ROLE"]

    @Test("README and both man pages use every label, and no retired spelling", arguments: [
        "README.md", "Packaging/man/hostguard.1", "Packaging/man/guard.1",
    ])
    func documentsUseTheLabels(path: String) throws {
        let text = try Self.document(path)
        for label in Vocabulary.fixedLabels {
            #expect(text.contains(label), "\(path) never says \(label)")
        }
        for old in Self.retired {
            #expect(!text.contains(old), "\(path) still says \(old)")
        }
    }

    @Test("the code's own labels: prompt, status and banner say the same for the same state")
    func sameEverywhere() {
        let unknown = HostIdentity(hostName: HostName(nodeName: "db1"), environment: nil,
                                   role: .unknown(reason: "probe failed"), cluster: nil, evidence: [])
        let status = IdentityReport.text(unknown, explain: false)
        #expect(status.contains(Vocabulary.unknownEnvironment))
        #expect(status.contains(Vocabulary.unknownRole))
        var prompt = ""
        PromptRenderer.render(PromptContext(identity: unknown, settings: PromptSettings(), depth: .none, terminalTakesTitle: false),
                              dialect: .plain, to: &prompt)
        #expect(prompt.contains(Vocabulary.unknownEnvironment))
        #expect(prompt.contains(Vocabulary.unknownRole))
        let report = GuardReport(identity: unknown, argv: ["true"], command: CommandAssessment(command: "true", harm: nil, summary: "true"),
                                 targets: [], decision: GuardDecision())
        #expect(report.environmentWord == Vocabulary.unknownEnvironment)
        #expect(report.roleWord.hasPrefix(Vocabulary.unknownRole))

        let primary = HostIdentity(hostName: HostName(nodeName: "db1"), environment: " production ",
                                   role: .known(Role(.primary, service: "postgresql", running: true)), cluster: nil, evidence: [])
        #expect(IdentityReport.text(primary, explain: false).contains("role        PRIMARY (running) [PostgreSQL]"))
        var primaryPrompt = ""
        PromptRenderer.render(PromptContext(identity: primary, settings: PromptSettings(), depth: .none, terminalTakesTitle: false),
                              dialect: .plain, to: &primaryPrompt)
        #expect(primaryPrompt.contains("[PRODUCTION]"))
        #expect(primaryPrompt.contains("pg PRIMARY"))
        #expect(GuardReport(identity: primary, argv: ["true"], command: CommandAssessment(command: "true", harm: nil, summary: "true"),
                            targets: [], decision: GuardDecision()).roleWord == "PostgreSQL PRIMARY")
    }

    @Test("machine values stay lower-case words (the JSON contract)")
    func values() {
        #expect(Vocabulary.value(Role.Kind.primary) == "primary")
        #expect(Vocabulary.value(Role.Kind.standby) == "standby")
        #expect(GuardLevel.allCases.map(\.word) == ["run", "confirm", "type-hostname", "refuse"])
        #expect(EnvironmentClass.allCases.map(Vocabulary.value) == ["production", "staging", "development", "other", "unknown"])
    }
}

@Suite("environment names")
struct EnvironmentNameTests {
    @Test("trimmed and case-folded; the first word decides production", arguments: [
        // (as written, trimmed name, class)
        ("production", "production", EnvironmentClass.production),
        (" production", "production", .production),
        ("Production ", "Production", .production),
        ("\tPRODUCTION\n", "PRODUCTION", .production),
        ("prod", "prod", .production),
        ("prod-eu", "prod-eu", .production),
        ("production us", "production us", .production),
        ("Live", "Live", .production),
        ("live_2", "live_2", .production),
        ("prd", "prd", .production),
        ("staging", "staging", .staging),
        ("Staging-West", "Staging-West", .staging),
        ("pre-production", "pre-production", .staging),
        ("preprod", "preprod", .staging),
        ("dev", "dev", .development),
        (" test ", "test", .development),
        ("qa", "qa", .other),
        ("products", "products", .other),
        ("liver", "liver", .other),
        ("reproduction", "reproduction", .other),
        ("dr", "dr", .other),
    ] as [(String, String, EnvironmentClass)])
    func classify(written: String, name: String, expected: EnvironmentClass) {
        let environment = EnvironmentName(written)
        #expect(environment.name == name)
        #expect(environment.environmentClass == expected, "\(written.debugDescription)")
    }

    @Test("production by first word is production for policy and style alike")
    func policyAndStyle() {
        for written in [" production", "Production ", "prod-eu", "production us"] {
            let identity = HostIdentity(hostName: HostName(nodeName: "db1"), environment: EnvironmentName(written),
                                        role: .notApplicable, cluster: nil, evidence: [])
            #expect(identity.environmentClass == .production)
            #expect(EnvironmentStyle.style(for: identity.environmentClass, name: identity.environment?.name)
                    == EnvironmentStyle.style(for: .production, name: nil))
        }
    }

    @Test("the resolver trims what config says")
    func resolverTrims() {
        let config = ConfigDecoder.decode([ConfigDocument(path: "/etc/hostguard/hostguard.toml", authority: .system,
                                                          root: .table([("host", .table([("environment", .string(" Production "))]))]))])
        let identity = IdentityResolver.resolve(host: HostName(nodeName: "db1"), config: config)
        #expect(identity.environment?.name == "Production")
        #expect(identity.environmentClass == .production)
    }
}
