/// What `hostguard maint on` writes to the state directory (`maintenance`, root-owned, 0644) and
/// every prompt on the host reads: why the host is under maintenance, who said so, since when,
/// and until when (nil: until `maint off`).
///
/// Line-based text, one `key<TAB>value` per line, `\\`, `\t`, `\n`, `\r` escaped as in the role
/// state; a reader that meets another version, an unknown key or a missing field ignores the
/// whole file (never half-trusted):
///
///     hostguard-maintenance	1
///     reason	kernel upgrade, db2 re-seed
///     by	alice
///     since	1763750000
///     until	1763752400
public struct MaintenanceRecord: Equatable, Sendable {
    public static let magic = "hostguard-maintenance"
    public static let version = "1"
    /// Longest reason kept; the prompt shows less (see `MaintenanceState`).
    public static let reasonLimit = 200

    public var reason: String
    /// The person: the sudo caller when root was reached through sudo, else the login name.
    public var by: String
    /// Seconds since the epoch.
    public var since: Int64
    public var until: Int64?

    public init(reason: String, by: String, since: Int64, until: Int64?) {
        self.reason = reason
        self.by = by
        self.since = since
        self.until = until
    }

    public func encoded() -> String {
        var out = Self.magic + "\t" + Self.version + "\n"
        out += "reason\t" + RoleStateFile.escape(reason) + "\n"
        out += "by\t" + RoleStateFile.escape(by) + "\n"
        out += "since\t\(since)\n"
        if let until { out += "until\t\(until)\n" }
        return out
    }

    /// nil for anything but a complete file of this version.
    public static func decode(_ text: Substring) -> MaintenanceRecord? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring(magic + "\t" + version) else { return nil }
        var reason: String?, by: String?, since: Int64?, until: Int64?
        for line in lines {
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            let value = line[line.index(after: tab)...]
            switch line[..<tab] {
            case "reason": reason = RoleStateFile.unescape(value)
            case "by": by = RoleStateFile.unescape(value)
            case "since": guard let number = Int64(value) else { return nil }; since = number
            case "until": guard let number = Int64(value) else { return nil }; until = number
            default: return nil
            }
        }
        guard let reason, let by, let since else { return nil }
        if let until, until < since { return nil }
        return MaintenanceRecord(reason: reason, by: by, since: since, until: until)
    }
}
