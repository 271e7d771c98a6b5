import HostGuardCore

/// Every decision, to syslog (authpriv, like sudo) and, when configured, one JSON line to the
/// audit file: time, user and SUDO_USER, tty, cwd, argv (escaped), targets, decision, reason.
/// Logging never blocks the decision: a failure to log is reported on stderr and that is all.
public enum AuditLog {
    public static func record(_ outcome: String, report: GuardReport, cwd: [UInt8], auditFile: String?, detail: String? = nil) {
        let uid = system_realUserID()
        let user = system_userName(uid) ?? "uid \(uid)"
        let sudoUser = system_getenv("SUDO_USER")
        let tty = system_terminalName()
        let targets = report.targets.map { $0.resolved.real.description } + report.command.names.map { "\($0.kind) \(TerminalText.visible($0.name))" }
        let reason = report.decision.reasons.joined(separator: "; ")
        var line = "guard \(outcome): user=\(user)"
        if let sudoUser { line += " sudo_user=\(TerminalText.visible(sudoUser))" }
        line += " tty=\(tty ?? "none") cwd=\(RawPath(cwd)) argv=\(report.commandLine)"
        if !targets.isEmpty { line += " targets=\(targets.joined(separator: ","))" }
        line += " level=\(report.decision.level.word)"
        if !reason.isEmpty { line += " reason=\(reason)" }
        if let detail { line += " detail=\(detail)" }
        system_syslog(line, warning: outcome != "ran")
        guard let auditFile else { return }
        let json = JSONValue.object([
            ("time", .string(UTCStamp.iso(Int64(system_wallClockSeconds())))),
            ("host", .string(report.identity.hostName.short)),
            ("environment", .optional(report.identity.environment?.name)),
            ("user", .string(user)),
            ("uid", .integer(Int(uid))),
            ("sudo_user", .optional(sudoUser)),
            ("tty", .optional(tty)),
            ("cwd", .string(RawPath(cwd).description)),
            ("argv", .array(report.argv.map(JSONValue.string))),
            ("targets", .array(targets.map(JSONValue.string))),
            ("decision", .string(outcome)),
            ("level", .string(report.decision.level.word)),
            ("reason", .array(report.decision.reasons.map(JSONValue.string))),
            ("detail", .optional(detail)),
        ])
        do {
            try system_appendLine(auditFile, json.serialized())
        } catch {
            system_printError("could not write the audit log: \(error)")
        }
    }
}
