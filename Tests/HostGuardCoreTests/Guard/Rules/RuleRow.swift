import Testing
@testable import HostGuardCore

/// One row of a rule's table: an argv and what the guard should read from it. Shared by the
/// per-rule tests in this folder (one file per rule, as the rules are).
struct RuleRow: Sendable, CustomStringConvertible {
    var argv: [String]
    var harm: Harm?
    /// Path targets as "text" plus flags: r recursive, f follows final link, e only if exists,
    /// and the harm when it differs from the command's (`:overwrite`).
    var paths: [String] = []
    /// Named targets as "kind name" (prefix match, so long names can be abbreviated).
    var names: [String] = []
    /// How many unknown targets.
    var unknown = 0
    var hostWide = false
    var problems = 0
    var stdinIsTerminal = true
    var environment: [String: String] = [:]
    var description: String { argv.joined(separator: " ") }

    init(_ argv: [String], _ harm: Harm?, paths: [String] = [], names: [String] = [], unknown: Int = 0,
         hostWide: Bool = false, problems: Int = 0, stdinIsTerminal: Bool = true, environment: [String: String] = [:]) {
        self.argv = argv
        self.harm = harm
        self.paths = paths
        self.names = names
        self.unknown = unknown
        self.hostWide = hostWide
        self.problems = problems
        self.stdinIsTerminal = stdinIsTerminal
        self.environment = environment
    }

    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let result = CommandRules.assess(argv, environment: environment, stdinIsTerminal: stdinIsTerminal)
        #expect(result.harm == harm, "\(result.summary)", sourceLocation: sourceLocation)
        let seen = result.paths.map { path -> String in
            var flags = (path.recursive ? "r" : "") + (path.followsFinalSymlink ? "f" : "") + (path.onlyIfExists ? "e" : "")
            if let harm = result.harm, path.harm != harm { flags += ":\(path.harm.rawValue)" }
            return flags.isEmpty ? path.text : path.text + " " + flags
        }
        #expect(seen == paths, sourceLocation: sourceLocation)
        let seenNames = result.names.map { "\($0.kind) \($0.name)" }
        #expect(seenNames.count == names.count && zip(seenNames, names).allSatisfy { $0.hasPrefix($1) },
                "\(seenNames)", sourceLocation: sourceLocation)
        #expect(result.unknownTargets.count == unknown, "\(result.unknownTargets.map(\.reason))", sourceLocation: sourceLocation)
        #expect(result.hostWide == hostWide, sourceLocation: sourceLocation)
        #expect(result.problems.count == problems, "\(result.problems)", sourceLocation: sourceLocation)
    }
}
