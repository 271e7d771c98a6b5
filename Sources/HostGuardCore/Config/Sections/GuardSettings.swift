/// `[guard]`: how the guard behaves on this host. System config only (policy, not looks): a
/// user's own file cannot switch the aliases off for everyone or hide the audit trail.
public struct GuardSettings: Equatable, Sendable {
    /// `hostguard init` defines `rm`, `mv` … aliases through the guard in interactive shells.
    public var aliases = true
    /// A JSON-lines file getting one line per decision, beside syslog. nil: syslog only.
    public var auditLog: String?
    /// Offer quarantine (an O(1) rename into `.hostguard-trash` on the same filesystem) for
    /// deletions that ask.
    public var quarantine = true
    /// Upper bound for the size estimate and the process scan, each (DESIGN.md: bounded, and
    /// "at least" when cut short).
    public var scanBudgetMilliseconds = 200

    public init() {}

    static func decode(_ reader: inout TableReader, into settings: inout GuardSettings) {
        if let flag = reader.bool("aliases") { settings.aliases = flag }
        if let path = reader.string("audit_log") {
            if path.hasPrefix("/") {
                settings.auditLog = path
            } else {
                reader.error("audit_log", "expected an absolute path, found \"\(path)\"")
            }
        }
        if let flag = reader.bool("quarantine") { settings.quarantine = flag }
        if let value = reader.value("scan_budget_ms") {
            if case .integer(let number) = value, number >= 10, number <= 10_000 {
                settings.scanBudgetMilliseconds = number
            } else {
                reader.error("scan_budget_ms", "expected a whole number of milliseconds from 10 to 10000")
            }
        }
    }
}
