/// How much friction a command gets, least to most.
public enum GuardLevel: Int, Sendable, Comparable, CaseIterable {
    /// Runs with no questions and no visible delay.
    case run
    /// Asks y/N.
    case confirm
    /// Asks to type the short host name.
    case typeHostname
    /// Refuses; nothing runs.
    case refuse

    public static func < (lhs: GuardLevel, rhs: GuardLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(_ protect: ProtectLevel) {
        switch protect {
        case .confirm: self = .confirm
        case .typeHostname: self = .typeHostname
        case .deny: self = .refuse
        }
    }

    /// The decision's value in JSON and audit lines (defined in `Vocabulary`).
    public var word: String { Vocabulary.value(self) }
}

/// The policy's answer, with every reason that raised it (the banner shows them all).
public struct GuardDecision: Sendable, Equatable {
    public var level: GuardLevel = .run
    public var reasons: [String] = []
    /// Runbook notes of the protect rules that matched.
    public var notes: [String] = []
    /// Deletions that ask may be quarantined instead (an O(1) rename into a trash folder).
    public var quarantineOffered = false

    public init() {}

    /// Levels only go up: a later, weaker reason never lowers an earlier, stronger one.
    public mutating func raise(to level: GuardLevel, _ reason: String) {
        if level > self.level { self.level = level }
        if level > .run { reasons.append(reason) }
    }
}

/// Decides run / confirm / type the host name / refuse from the command, its targets' facts and
/// the host's identity. Order does not matter: every rule can only raise the level. Config
/// (`[[protect]]`, system files only) adds rules; nothing lowers a built-in one.
public enum GuardPolicy {
    public static func decide(
        _ command: CommandAssessment, targets: [TargetFacts], identity: HostIdentity, forceLive: Bool = false,
        protect: [ProtectRule] = [], protectPaths: [RawPath] = []
    ) -> GuardDecision {
        var decision = GuardDecision()
        guard let harm = command.harm else { return decision }

        let environment = identity.environmentClass
        let production = environment == .production || environment == .unknown
        let envWord = environment == .unknown ? "\(Vocabulary.unknownEnvironment) (\(Vocabulary.unknownEnvironmentMeaning))" : "production"
        let primaryHost = identity.role.mustTreatAsPrimary

        if !command.problems.isEmpty {
            decision.raise(to: .confirm, "could not read the command line the way \(command.command) will: \(command.problems.joined(separator: "; "))")
        }

        if command.hostWide {
            if production { decision.raise(to: .typeHostname, "\(command.summary) on \(envWord)") }
            if primaryHost { decision.raise(to: .typeHostname, "\(command.summary) on a primary (or role unknown)") }
        }

        for name in command.names {
            let label = "\(name.kind) \(TerminalText.visible(name.name))"
            switch name.harm {
            case .destroy:
                if production { decision.raise(to: .typeHostname, "\(command.summary): \(label) from \(envWord)") }
                if primaryHost && (name.kind == "database" || name.kind == "sql") { decision.raise(to: .typeHostname, "drops \(label) on a primary") }
            case .service:
                if production { decision.raise(to: .confirm, "\(command.summary) of \(label) on \(envWord)") }
                if primaryHost && (name.name.contains("postgres") || name.kind == "server") {
                    decision.raise(to: .typeHostname, "stops the database on a primary")
                }
            default:
                if production { decision.raise(to: .confirm, "\(command.summary): \(label) from \(envWord)") }
            }
        }

        // Targets the argv does not spell: decide as if the worst plausible one were named.
        // (Minimal rule from the command-reading side; the live-data-aware version belongs here.)
        for unknown in command.unknownTargets {
            let level: GuardLevel = production || primaryHost ? .typeHostname : .confirm
            decision.raise(to: level, "\(command.summary): targets not on the command line: \(TerminalText.visible(unknown.reason))")
        }

        for target in targets {
            assess(target, harm: harm, command: command, production: production, envWord: envWord,
                   primaryHost: primaryHost, forceLive: forceLive, protect: protect, protectPaths: protectPaths,
                   into: &decision)
        }

        let deletesOnly = targets.allSatisfy { $0.operand.harm == .delete && $0.resolved.exists }
        decision.quarantineOffered = (decision.level == .confirm || decision.level == .typeHostname)
            && ["rm", "rmdir", "unlink"].contains(command.command) && !targets.isEmpty && deletesOnly
            && command.names.isEmpty
        return decision
    }

    static func assess(
        _ target: TargetFacts, harm: Harm, command: CommandAssessment, production: Bool, envWord: String,
        primaryHost: Bool, forceLive: Bool, protect: [ProtectRule], protectPaths: [RawPath],
        into decision: inout GuardDecision
    ) {
        let real = target.resolved.real
        let name = real.description
        let recursive = target.operand.recursive && (target.isDirectory || !target.resolved.exists)
        let sweeping = recursive || target.operand.harm == .wipe

        if let problem = target.resolved.problem {
            decision.raise(to: .typeHostname, "could not resolve \(target.resolved.spelled): \(problem)")
        }
        for error in target.errors {
            decision.raise(to: .typeHostname, "could not check \(name): \(error)")
        }
        if target.isMootNewName { return }
        if !target.resolved.exists && target.resolved.problem == nil {
            // Nothing there to harm: the tool will fail with ENOENT (or create something new).
            return
        }

        let actsOnLinkOnly = target.resolved.isSymlinkItself && target.operand.harm == .delete
        let spellings = [real] + target.aliases
        if !actsOnLinkOnly {
            if let critical = spellings.lazy.compactMap(CriticalPaths.hit).first {
                if sweeping || real == RawPath(critical) && target.operand.harm != .delete {
                    decision.raise(to: .refuse, "\(name) is (or contains) \(critical), which the host needs to run")
                } else {
                    decision.raise(to: .typeHostname, "\(name) is (or contains) \(critical), which the host needs to run")
                }
            }
        }

        for (index, rule) in protect.enumerated() {
            let rulePath = index < protectPaths.count ? protectPaths[index] : RawPath(rule.path)
            let inside = spellings.contains { $0.starts(with: rulePath) || $0.starts(with: RawPath(rule.path)) }
            let contains = sweeping && spellings.contains { rulePath.starts(with: $0) || RawPath(rule.path).starts(with: $0) }
            guard inside || contains else { continue }
            if actsOnLinkOnly && !(real == RawPath(rule.path)) { continue }
            decision.raise(to: GuardLevel(rule.level), "\(name) is \(inside ? "inside" : "above") protected path \(TerminalText.visible(rule.path)) (\(rule.file): \(rule.key), level \(rule.level.rawValue))")
            if let note = rule.note { decision.notes.append(TerminalText.inert(note)) }
        }

        if actsOnLinkOnly {
            if production { decision.raise(to: .confirm, "removes the symbolic link \(name) on \(envWord) (what it points to stays)") }
            return
        }

        for data in target.liveData {
            let directory = RawPath(data.directory)
            let where_ = spellings.contains(directory) ? "is" : spellings.contains { directory.starts(with: $0) } ? "contains" : "is inside"
            let what = "\(name) \(where_) the \(data.summary)"
            switch harm {
            case .service:
                // Promoting a standby while a primary lives is how a split brain starts.
                let promotes = command.summary.contains("promote")
                decision.raise(to: data.isPrimaryOrUnknown || promotes ? .typeHostname : .confirm, what)
            default:
                if data.running != false && data.isPrimaryOrUnknown {
                    // The January 2017 case. Only an explicit --force-live turns this into a question.
                    decision.raise(to: forceLive ? .typeHostname : .refuse,
                                   what + (forceLive ? "; --force-live given" : "; stop the server first, or pass --force-live and type the host name"))
                } else if data.running != false {
                    decision.raise(to: .typeHostname, what)
                } else if data.isPrimaryOrUnknown {
                    decision.raise(to: .typeHostname, what)
                } else {
                    decision.raise(to: .confirm, what)
                }
            }
        }

        if !target.mountsBelow.isEmpty && (sweeping || target.mountsBelow.contains(where: { RawPath($0.mountPoint) == real })) {
            var seen: [String] = []
            for mount in target.mountsBelow where !seen.contains(mount.mountPoint) { seen.append(mount.mountPoint) }
            let network = target.mountsBelow.filter(\.isNetwork)
            let listed = target.mountsBelow.prefix(3).map { "\(TerminalText.visible($0.mountPoint)) (\($0.described))" }
            let more = seen.count > 3 ? " and \(seen.count - 3) more" : ""
            let shared = network.isEmpty ? "" : "; \(network.map { TerminalText.visible($0.mountPoint) }.joined(separator: ", ")) is a network filesystem shared with other hosts, not a local directory"
            decision.raise(to: .typeHostname, "\(seen.count == 1 ? "a mount point" : "\(seen.count) mount points") at or below \(name): \(listed.joined(separator: ", "))\(more)\(shared)")
        }
        if let mount = target.mount, mount.isNetwork {
            decision.raise(to: .confirm, "\(name) is on \(mount.described), shared with other hosts")
        }
        if let namespace = target.namespace {
            decision.raise(to: .typeHostname, namespace.sentence)
        }
        if !target.processes.isEmpty {
            let list = target.processes.prefix(3).map { "\($0.command)[\($0.pid)] (\($0.how))" }.joined(separator: ", ")
            let more = target.processes.count > 3 ? " and \(target.processes.count - 3) more" : ""
            decision.raise(to: .confirm, "\(name) is in use by \(list)\(more)")
        }
        if production && target.resolved.exists {
            if recursive || target.operand.harm == .wipe {
                decision.raise(to: .typeHostname, "\(command.summary) of \(name) on \(envWord)")
            } else {
                decision.raise(to: .confirm, "\(command.summary) of \(name) on \(envWord)")
            }
        }
    }
}
