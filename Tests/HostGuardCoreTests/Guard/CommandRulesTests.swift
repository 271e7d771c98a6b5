import Testing
@testable import HostGuardCore

/// The lookup and its bookkeeping; each rule's own table is under Rules/.
@Suite struct CommandRulesTests {
    @Test func refsCountFromArgvZero() {
        let result = CommandRules.assess(["dd", "if=a", "of=/dev/sdb"])
        #expect(result.paths.first?.at == ArgumentRef(word: 2, offset: 3))
        let rm = CommandRules.assess(["rm", "-r", "x"])
        #expect(rm.paths.first?.at == ArgumentRef(word: 2))
        // through launchers, positions still count from the outer argv[0]
        let wrapped = CommandRules.assess(["sudo", "-u", "root", "nice", "xargs", "rm", "-f", "x"])
        #expect(wrapped.paths.first?.at == ArgumentRef(word: 7))
    }

    @Test func noRuleIsHarmless() {
        #expect(CommandRules.assess(["ls", "-la"]).harm == nil)
        #expect(CommandRules.assess([]).harm == nil)
    }

    @Test func launchersAreNamedInTheSummary() {
        let result = CommandRules.assess(["sudo", "env", "X=1", "rm", "-rf", "x"])
        #expect(result.launchers == ["sudo", "env"])
        #expect(result.summary == "recursive delete (via sudo env)")
    }

    @Test func nestingIsBounded() {
        let argv = Array(repeating: "env", count: 40) + ["rm", "x"]
        let result = CommandRules.assess(argv)
        #expect(result.harm == .delete)
        #expect(!result.unknownTargets.isEmpty)
    }

    @Test func launchersAndShellsAreNotAliased() {
        for name in ["env", "xargs", "sh", "bash", "nice", "chroot", "su"] {
            #expect(!GuardAliases.commands.contains(name), "\(name)")
        }
        #expect(GuardAliases.commands.contains("sudo"))
        #expect(GuardAliases.commands.contains("git"))
    }
}
