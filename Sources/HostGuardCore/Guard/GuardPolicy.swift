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

/// Decides run / confirm / type the host name / refuse from one `GuardFacts` value: the command,
/// its targets' facts, the live servers and their live sets, the host's identity, settings and
/// config health. Order does not matter: every rule can only raise the level. Config
/// (`[[protect]]`, system files only) adds rules; nothing lowers a built-in one. The System
/// layer never changes a decision after this returns.
public enum GuardPolicy {
    /// The same decision from loose parts (tables written before `GuardFacts`, the corpus test).
    public static func decide(
        _ command: CommandAssessment, targets: [TargetFacts], identity: HostIdentity, forceLive: Bool = false,
        protect: [ProtectRule] = [], protectPaths: [RawPath] = []
    ) -> GuardDecision {
        decide(GuardFacts(command: command, targets: targets, identity: identity,
                          settings: GuardRunSettings(forceLive: forceLive, protect: protect, protectPaths: protectPaths)))
    }

    public static func decide(_ given: GuardFacts) -> GuardDecision {
        let facts = given.attachingLiveData()
        let command = facts.command
        let settings = facts.settings
        var decision = GuardDecision()
        guard let harm = command.harm else { return decision }

        let identity = facts.identity
        let environment = identity.environmentClass
        let production = environment == .production || environment == .unknown
        let envWord = environment == .unknown ? "\(Vocabulary.unknownEnvironment) (\(Vocabulary.unknownEnvironmentMeaning))" : "production"
        let primaryHost = identity.role.mustTreatAsPrimary

        if settings.systemConfigIsBroken {
            decision.raise(to: .typeHostname, "the system config has errors (run hostguard status): its environment and [[protect]] rules may be missing")
        }
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
                // A primary running here counts whatever the host's configured role says.
                if name.kind == "database" || name.kind == "sql",
                   let server = facts.servers.first(where: { $0.kind == .postgresql && $0.running(scan: facts.processScan) != false
                       && $0.fact(scan: facts.processScan, relation: nil).isPrimaryOrUnknown }) {
                    decision.raise(to: .typeHostname, "\(command.summary): \(label) with a PostgreSQL primary running here (\(server.directory))")
                }
            case .service:
                let database = name.kind == "server" || isDatabaseUnit(name.name)
                if primaryHost && database {
                    decision.raise(to: .typeHostname, "stops the database on a primary")
                } else if production && database {
                    decision.raise(to: .confirm, "\(command.summary) of \(label) on \(envWord)")
                } else if production && stopsForGood(command.summary) {
                    // A restart or reload comes back by itself; a stop does not.
                    decision.raise(to: .confirm, "\(command.summary) of \(label) on \(envWord)")
                }
            default:
                if production { decision.raise(to: .confirm, "\(command.summary): \(label) from \(envWord)") }
            }
        }

        // Targets the argv does not spell (names on stdin, a script the guard cannot split,
        // -files0-from): decided as if the worst plausible one were named. On a host with live
        // data that is the live data; elsewhere the host's highest question.
        for unknown in command.unknownTargets {
            let why = "\(command.summary): targets not on the command line: \(TerminalText.visible(unknown.reason))"
            let liveHere = facts.servers.contains { $0.running(scan: facts.processScan) != false }
            let destructive = [.delete, .overwrite, .wipe, .relink, .permissions, .unmount, .destroy].contains(unknown.harm)
            if liveHere && destructive {
                decision.raise(to: settings.forceLive ? .typeHostname : .refuse,
                               why + "; live data is on this host (\(facts.servers.map { $0.directory.description }.joined(separator: ", ")))"
                               + (settings.forceLive ? "; --force-live given" : ": pass --force-live and type the host name"))
            } else {
                decision.raise(to: production || primaryHost ? .typeHostname : .confirm, why)
            }
        }

        for target in facts.targets {
            assess(target, harm: harm, facts: facts, production: production, envWord: envWord, into: &decision)
        }

        let deletesOnly = facts.targets.allSatisfy { $0.operand.harm == .delete && $0.resolved.exists }
        decision.quarantineOffered = settings.quarantineEnabled
            && (decision.level == .confirm || decision.level == .typeHostname)
            && ["rm", "rmdir", "unlink"].contains(command.command) && !facts.targets.isEmpty && deletesOnly
            && command.names.isEmpty
        return decision
    }

    /// Units whose stop or restart takes a database (or its pooler or failover manager) away.
    static func isDatabaseUnit(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["postgres", "mysql", "mariadb", "patroni", "pgbouncer", "redis", "mongod", "etcd", "cassandra",
                "elasticsearch", "clickhouse", "repmgr"].contains { lower.contains($0) }
    }

    static func stopsForGood(_ summary: String) -> Bool {
        ["stop", "kill", "mask", "disable", "freeze", "clean"].contains { summary.hasSuffix(" " + $0) || summary.contains(" \($0) ") }
    }

    /// Where a lone file's deletion or overwrite still deserves a question on production: the
    /// host's own files. A log file, a file in a home directory or /tmp does not.
    static let systemPathPrefixes: [RawPath] = [
        "/etc", "/usr", "/boot", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/var/lib",
        "/var/spool", "/var/backups", "/root", "/srv", "/dev",
    ].map { RawPath($0 as String) }

    static func assess(
        _ target: TargetFacts, harm: Harm, facts: GuardFacts, production: Bool, envWord: String,
        into decision: inout GuardDecision
    ) {
        let command = facts.command
        let settings = facts.settings
        let forceLive = settings.forceLive
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
        for mount in target.unansweredMounts {
            decision.raise(to: .refuse, "cannot inspect \(name) (mount \(TerminalText.visible(mount)) not answering)")
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
                // A non-recursive mode or owner change of one critical file is put back as easily
                // as it was made: it asks for the host name rather than refusing.
                if sweeping || real == RawPath(critical) && target.operand.harm != .delete && target.operand.harm != .permissions {
                    decision.raise(to: .refuse, "\(name) is (or contains) \(critical), which the host needs to run")
                } else {
                    decision.raise(to: .typeHostname, "\(name) is (or contains) \(critical), which the host needs to run")
                }
            }
        }

        for (index, rule) in settings.protect.enumerated() {
            let rulePath = index < settings.protectPaths.count ? settings.protectPaths[index] : RawPath(rule.path)
            let inside = spellings.contains { $0.starts(with: rulePath) || $0.starts(with: RawPath(rule.path)) }
            let contains = sweeping && spellings.contains { rulePath.starts(with: $0) || RawPath(rule.path).starts(with: $0) }
            guard inside || contains else { continue }
            if actsOnLinkOnly && !(real == RawPath(rule.path)) { continue }
            decision.raise(to: GuardLevel(rule.level), "\(name) is \(inside ? "inside" : "above") protected path \(TerminalText.visible(rule.path)) (\(rule.file): \(rule.key), level \(rule.level.rawValue))")
            if let note = rule.note { decision.notes.append(TerminalText.inert(note)) }
        }

        // A symlink inside a live data directory (pg_wal → /srv/wal) is part of the live set:
        // removing it breaks the server as surely as removing what it points to.
        if actsOnLinkOnly && target.liveData.isEmpty {
            if production { decision.raise(to: .confirm, "removes the symbolic link \(name) on \(envWord) (what it points to stays)") }
            return
        }

        for data in target.liveData {
            let directory = RawPath(data.directory)
            let where_ = data.relation
                ?? (spellings.contains(directory) ? "is" : spellings.contains { directory.starts(with: $0) } ? "contains" : "is inside")
            let what = "\(name) \(where_) the \(data.summary)"
            switch harm {
            case .service:
                // Promoting a standby while a primary lives is how a split brain starts.
                let promotes = command.summary.contains("promote")
                decision.raise(to: data.isPrimaryOrUnknown || promotes ? .typeHostname : .confirm, what)
            default:
                if data.running == true && data.isPrimaryOrUnknown {
                    // The January 2017 case. Only an explicit --force-live turns this into a question.
                    decision.raise(to: forceLive ? .typeHostname : .refuse,
                                   what + (forceLive ? "; --force-live given" : "; stop the server first, or pass --force-live and type the host name"))
                } else if data.running == nil && data.isPrimaryOrUnknown {
                    // Not known to run, not known to be stopped: the worst case, said as such.
                    decision.raise(to: forceLive ? .typeHostname : .refuse,
                                   what + (forceLive ? "; --force-live given" : "; treated as running since that could not be ruled out: pass --force-live and type the host name"))
                } else if data.running != false {
                    decision.raise(to: .typeHostname, what)
                } else if data.isPrimaryOrUnknown {
                    decision.raise(to: .typeHostname, what)
                } else {
                    decision.raise(to: .confirm, what)
                }
            }
        }
        for part in target.dataParts where target.liveData.isEmpty {
            decision.raise(to: .typeHostname, "\(name) holds a \(part) whose server is not known here")
        }
        if let device = target.blockDevice, harm != .service {
            for disk in facts.systemDisks where disk.device == device {
                decision.raise(to: forceLive ? .typeHostname : .refuse,
                               "\(name) is \(disk.why), which the host needs to run" + (forceLive ? "; --force-live given" : ""))
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
            let device = target.blockDevice != nil || real.starts(with: RawPath("/dev"))
            if recursive || target.operand.harm == .wipe || device {
                decision.raise(to: .typeHostname, "\(command.summary) of \(name) on \(envWord)")
            } else if (target.isDirectory && target.operand.harm != .overwrite) || systemPathPrefixes.contains(where: { real.starts(with: $0) }) {
                // (A directory named as cp/mv/install's destination receives the files inside it;
                // it is not itself overwritten.)
                decision.raise(to: .confirm, "\(command.summary) of \(name) on \(envWord)")
            }
            // A lone file elsewhere (a log, a file in a home directory or /tmp) runs: friction
            // where it does not matter teaches people to remove the tool.
        }
    }
}

extension GuardFacts {
    /// The facts with every live server each target meets attached to it (`liveData`, with the
    /// relation in words) and the process scan's state on each target. Idempotent.
    public func attachingLiveData() -> GuardFacts {
        if liveDataAttached { return self }
        var copy = self
        copy.liveDataAttached = true
        for index in copy.targets.indices {
            var target = copy.targets[index]
            for server in servers {
                let relations = LiveSetRelation.relations(target, server)
                guard let strongest = relations.first else { continue }
                if target.liveData.contains(where: { RawPath($0.directory) == server.directory }) { continue }
                target.liveData.append(server.fact(scan: processScan, relation: strongest.words))
            }
            if processScan != .notRun {
                target.processesComplete = processScan.isComplete
                target.processScanNote = processScan.sentence
            }
            copy.targets[index] = target
        }
        return copy
    }
}
