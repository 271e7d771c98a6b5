/// Everything the banner and the JSON report show, gathered once.
public struct GuardReport: Sendable {
    public var identity: HostIdentity
    /// argv as shown (non-UTF-8 bytes as \xNN, controls escaped).
    public var argv: [String]
    public var command: CommandAssessment
    public var targets: [TargetFacts]
    public var decision: GuardDecision
    /// The host's maintenance flag and switches, when read: one banner line (see `MaintenanceState`).
    public var maintenance: MaintenanceState?
    /// The question was answered on the command line (`--confirm HOST`): the banner must not
    /// tell anyone to answer y (issue 16).
    public var answeredOnCommandLine = false

    public init(identity: HostIdentity, argv: [String], command: CommandAssessment, targets: [TargetFacts], decision: GuardDecision) {
        self.identity = identity
        self.argv = argv
        self.command = command
        self.targets = targets
        self.decision = decision
    }

    var environmentWord: String {
        Vocabulary.environmentLabel(identity.environment)
    }

    var roleWord: String {
        switch identity.role {
        case .notApplicable: return "no role"
        case .unknown: return "\(Vocabulary.unknownRole) (\(Vocabulary.unknownRoleMeaning))"
        case .known(let role):
            let service = role.service.map { Vocabulary.serviceLabel($0) + " " } ?? ""
            return service + Vocabulary.label(role.kind)
        }
    }

    /// The command line as a shell would show it: words with blanks or quotes in single quotes.
    public var commandLine: String {
        argv.map { word in
            if !word.isEmpty && word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+@%^".contains($0) }) { return word }
            return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
        }.joined(separator: " ")
    }
}

/// One banner, coloured like the prompt: who and where, what, what it touches, the decision and
/// why, and the runbook. Renders to any TextOutputStream (the terminal, a string in a test).
public enum GuardBanner {
    public static func render(_ report: GuardReport, depth: ColorDepth, to out: inout some TextOutputStream) {
        let style = EnvironmentStyle.style(for: report.identity.environmentClass, name: report.identity.environment?.name)
        let sgr = style.sgrParameters(at: depth)
        let on = depth == .none || sgr.isEmpty ? "" : "\u{1b}[\(sgr)m"
        let off = on.isEmpty ? "" : "\u{1b}[0m"
        let bold = depth == .none ? "" : "\u{1b}[1m"
        let host = TerminalText.inert(report.identity.hostName.short)
        out.write("\(on) \(report.environmentWord) \(off) \(bold)\(host)\(off) · \(report.roleWord)\n")

        let fqdn = report.identity.hostName.fqdn.map { " (\(TerminalText.inert($0)))" } ?? ""
        line("host", host + fqdn, to: &out)
        line("environment", report.environmentWord + evidence(.environment, report), to: &out)
        line("role", report.roleWord + evidence(.role, report), to: &out)
        if let maintenance = report.maintenance?.bannerLine { line("maint", maintenance, to: &out) }
        line("command", report.commandLine, to: &out)
        if report.command.harm != nil { line("", report.command.summary, to: &out) }
        for target in report.targets {
            line("target", describe(target.resolved), to: &out)
            for fact in facts(target) { line("", "· " + fact, to: &out) }
        }
        for name in report.command.names {
            line("target", "\(name.kind) \(TerminalText.visible(name.name))", to: &out)
        }
        if report.command.hostWide { line("target", "the whole host", to: &out) }
        let decision = report.decision
        line("decision", "\(bold)\(headline(decision, answered: report.answeredOnCommandLine))\(off)", to: &out)
        for (index, reason) in decision.reasons.enumerated() {
            line(index == 0 ? "why" : "", "· " + reason, to: &out)
        }
        for note in decision.notes { line("runbook", note, to: &out) }
        if decision.quarantineOffered && decision.level < .refuse {
            line("undo", "answer q to quarantine instead: an O(1) move into the filesystem's .hostguard-trash, restorable with `hostguard trash restore ID`", to: &out)
        }
    }

    static func headline(_ decision: GuardDecision, answered: Bool = false) -> String {
        if answered && (decision.level == .confirm || decision.level == .typeHostname) {
            return Vocabulary.label(decision.level) + " — answered by --confirm"
        }
        switch decision.level {
        case .run: return Vocabulary.label(decision.level) + " — nothing here needs a question"
        case .confirm: return Vocabulary.label(decision.level) + " — answer y to run it"
        case .typeHostname: return Vocabulary.label(decision.level) + " to run it"
        case .refuse: return Vocabulary.label(decision.level) + " — nothing was run"
        }
    }

    static func evidence(_ field: Evidence.Field, _ report: GuardReport) -> String {
        guard let fact = report.identity.evidence.first(where: { $0.field == field && $0.outcome == .decided }) else { return "" }
        return "  (\(TerminalText.visible(fact.source)): \(TerminalText.visible(fact.detail)))"
    }

    static func describe(_ resolved: ResolvedPath) -> String {
        var text = resolved.real.description
        if resolved.spelled.description != text { text += "   (typed \(resolved.spelled))" }
        if resolved.isSymlinkItself { text += " — the symbolic link itself" }
        if !resolved.exists { text += " — does not exist" }
        return text
    }

    static func facts(_ target: TargetFacts) -> [String] {
        var lines: [String] = []
        for link in target.resolved.followed { lines.append("via symlink " + link) }
        if let mount = target.mount {
            lines.append("on \(TerminalText.visible(mount.mountPoint)): \(mount.described)\(mount.isNetwork ? " (network, shared)" : "")")
        }
        for mount in target.mountsBelow.prefix(8) {
            lines.append("mount point \(TerminalText.visible(mount.mountPoint)): \(mount.described)")
        }
        if target.mountsBelow.count > 8 { lines.append("and \(target.mountsBelow.count - 8) more mount points") }
        if let namespace = target.namespace { lines.append(namespace.sentence) }
        for data in target.liveData { lines.append(data.summary) }
        if !target.processes.isEmpty || !target.processesComplete {
            let list = target.processes.prefix(5).map { "\(TerminalText.visible($0.command))[\($0.pid)] (\($0.how))" }
            let more = target.processes.count > 5 ? ", and \(target.processes.count - 5) more" : ""
            let prefix = target.processesComplete ? "in use by " : "in use by at least "
            let note = target.processScanNote.map { " (\($0))" } ?? ""
            lines.append(list.isEmpty ? "no process seen using it" + note : prefix + list.joined(separator: ", ") + more + note)
        }
        if let size = target.size { lines.append(size.summary) }
        for error in target.errors { lines.append("could not check: " + error) }
        return lines
    }

    static func line(_ label: String, _ text: String, to out: inout some TextOutputStream) {
        let padded = label + String(repeating: " ", count: max(0, 12 - label.count))
        out.write("  \(padded) \(text)\n")
    }

    /// The question for a level, or nil when nothing is asked.
    public static func question(_ decision: GuardDecision, hostName: String) -> String? {
        let quarantine = decision.quarantineOffered ? ", q to quarantine" : ""
        switch decision.level {
        case .run, .refuse: return nil
        case .confirm: return "Run it? [y/N\(quarantine)] "
        case .typeHostname: return "Type the host name to run it (anything else cancels\(quarantine)): "
        }
    }
}

/// The `--json` form of a report (dry run, audit).
public enum GuardReportJSON {
    public static func value(_ report: GuardReport) -> JSONValue {
        .object([
            ("hostname", .string(report.identity.hostName.short)),
            ("environment", .optional(report.identity.environment?.name)),
            ("role", .optional(report.identity.role.role?.name ?? (report.identity.role == .notApplicable ? nil : Vocabulary.unknownValue))),
            ("argv", .array(report.argv.map(JSONValue.string))),
            ("command", .string(report.command.command)),
            ("harm", .optional(report.command.harm?.rawValue)),
            ("summary", .string(report.command.summary)),
            ("decision", .string(report.decision.level.word)),
            ("reasons", .array(report.decision.reasons.map(JSONValue.string))),
            ("notes", .array(report.decision.notes.map(JSONValue.string))),
            ("quarantine_offered", .bool(report.decision.quarantineOffered)),
            ("host_wide", .bool(report.command.hostWide)),
            ("targets", .array(report.targets.map(target))),
            ("names", .array(report.command.names.map { .object([("kind", .string($0.kind)), ("name", .string($0.name))]) })),
        ])
    }

    static func mount(_ fact: MountFact) -> JSONValue {
        .object([("mount_point", .string(fact.mountPoint)), ("fstype", .string(fact.filesystemType)),
                 ("source", .string(fact.source)), ("network", .bool(fact.isNetwork))])
    }

    static func target(_ facts: TargetFacts) -> JSONValue {
        .object([
            ("spelled", .string(facts.resolved.spelled.description)),
            ("path", .string(facts.resolved.real.description)),
            ("exists", .bool(facts.resolved.exists)),
            ("symlink_itself", .bool(facts.resolved.isSymlinkItself)),
            ("followed", .array(facts.resolved.followed.map(JSONValue.string))),
            ("harm", .string(facts.operand.harm.rawValue)),
            ("recursive", .bool(facts.operand.recursive)),
            ("mount", facts.mount.map(mount) ?? .null),
            ("mounts_below", .array(facts.mountsBelow.map(mount))),
            ("namespace", facts.namespace.map { .string($0.sentence) } ?? .null),
            ("live_data", .array(facts.liveData.map {
                .object([("kind", .string($0.kind)), ("directory", .string($0.directory)),
                         ("running", $0.running.map(JSONValue.bool) ?? .null),
                         ("role", .optional($0.role.map(Vocabulary.value))),
                         ("evidence", .string($0.evidence))])
            })),
            ("processes", .array(facts.processes.map {
                .object([("pid", .integer($0.pid)), ("command", .string($0.command)), ("how", .string($0.how))])
            })),
            ("processes_complete", .bool(facts.processesComplete)),
            ("process_scan_note", .optional(facts.processScanNote)),
            ("size", facts.size.map {
                .object([("bytes", .integer(Int($0.bytes))), ("entries", .integer($0.files)), ("complete", .bool($0.complete))])
            } ?? .null),
            ("errors", .array(facts.errors.map(JSONValue.string))),
        ])
    }
}
