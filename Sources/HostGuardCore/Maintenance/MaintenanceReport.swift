/// The maintenance state for scripts (`status --json`: "maintenance" and "host_switches") and
/// for people (`hostguard maint status`).
public enum MaintenanceReport {
    /// `{"reason", "by", "since", "until"}` (times as ISO 8601 UTC; until null when open-ended),
    /// or null when no maintenance is in force.
    public static func json(_ state: MaintenanceState) -> JSONValue {
        guard let record = state.active else { return .null }
        return .object([
            ("reason", .string(record.reason)),
            ("by", .string(record.by)),
            ("since", .string(UTCStamp.iso(record.since))),
            ("until", record.until.map { .string(UTCStamp.iso($0)) } ?? .null),
        ])
    }

    /// `[{"kind": "nologin"|"reboot-required", "path", "detail"}]`.
    public static func switchesJSON(_ state: MaintenanceState) -> JSONValue {
        .array(state.switches.map { item in
            .object([("kind", .string(item.kind.rawValue)), ("path", .string(item.path)), ("detail", .optional(item.detail))])
        })
    }

    /// `status --field maint`: the prompt's words on one line, or nil when quiet (exit 3).
    public static func field(_ state: MaintenanceState) -> String? {
        state.isQuiet ? nil : state.promptTexts.joined(separator: ", ")
    }

    /// `hostguard maint status`, for people.
    public static func text(_ state: MaintenanceState, path: String) -> String {
        var out = ""
        if let record = state.active {
            out += "maintenance ON: \(TerminalText.visible(record.reason))\n"
            out += "  by      \(TerminalText.visible(record.by))\n"
            out += "  since   \(UTCStamp.iso(record.since))\n"
            if let until = record.until {
                out += "  until   \(UTCStamp.iso(until)) (\(MaintenanceState.remaining(until - state.now)) left)\n"
            } else {
                out += "  until   hostguard maint off\n"
            }
        } else if let record = state.expired, let until = record.until {
            out += "maintenance off (expired \(UTCStamp.iso(until)): \(TerminalText.visible(record.reason)), by \(TerminalText.visible(record.by)))\n"
        } else {
            out += "maintenance off\n"
        }
        if let ignored = state.ignored { out += "  ignored \(TerminalText.visible(path)): \(TerminalText.visible(ignored))\n" }
        for item in state.switches {
            switch item.kind {
            case .nologin:
                out += "logins disabled: \(TerminalText.visible(item.path)) exists" + (item.detail.map { " (\"\(TerminalText.visible($0))\")" } ?? "") + "\n"
            case .rebootRequired:
                out += "reboot required: \(TerminalText.visible(item.path)) exists" + (item.detail.map { " (packages: \(TerminalText.visible($0)))" } ?? "") + "\n"
            }
        }
        return out
    }
}
