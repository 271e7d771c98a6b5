/// The state file `hostguard status --refresh` (root, from hostguard-refresh.timer) writes to
/// /run/hostguard/role.state and the prompt reads when it cannot probe for itself (a user who
/// cannot read the data directory; a command probe, too slow for every Enter).
///
/// Line-based text, one record per line, fields separated by tabs, with `\\`, `\t`, `\n`
/// escaped; a reader that meets a version it does not know ignores the file:
///
///     hostguard-role-state	1
///     written	1763750000
///     probe	postgresql|data_dir="/var/lib/postgresql/15/main"
///     result	postgresql	/var/lib/postgresql/15/main	primary	postgresql	1		pg_control: in production …
///
/// `result` fields: kind, subject, role (empty: unknown), service, running (1, 0 or empty),
/// reason, then the facts. Results belong to the `probe` line above them (its fingerprint).
public struct RoleStateFile: Equatable, Sendable {
    public static let magic = "hostguard-role-state"
    public static let version = "1"

    /// Seconds since the epoch when the refresh ran.
    public var written: Int64
    /// Per probe fingerprint (`ProbeSpec.fingerprint`), its results in order.
    public var probes: [(fingerprint: String, results: [ProbeResult])]

    public init(written: Int64, probes: [(fingerprint: String, results: [ProbeResult])]) {
        self.written = written
        self.probes = probes
    }

    public static func == (lhs: RoleStateFile, rhs: RoleStateFile) -> Bool {
        lhs.written == rhs.written && lhs.probes.count == rhs.probes.count
            && zip(lhs.probes, rhs.probes).allSatisfy { $0.fingerprint == $1.fingerprint && $0.results == $1.results }
    }

    /// Whether a state file may be believed: written by root (the refresh) or by the reader
    /// itself, and writable by nobody else (another user could otherwise claim "standby" for
    /// every prompt on the host).
    public static func believed(owner: UInt32, permissions: UInt32, reader: UInt32) -> Bool {
        (owner == 0 || owner == reader) && permissions & 0o022 == 0
    }

    public func results(for fingerprint: String) -> [ProbeResult]? {
        probes.first(where: { $0.fingerprint == fingerprint })?.results
    }

    public func encoded() -> String {
        var out = Self.magic + "\t" + Self.version + "\n"
        out += "written\t\(written)\n"
        for probe in probes {
            out += "probe\t" + Self.escape(probe.fingerprint) + "\n"
            for result in probe.results {
                var fields = ["result", result.kind, result.subject, result.role?.name ?? "", result.role?.service ?? ""]
                fields.append(result.role?.running.map { $0 ? "1" : "0" } ?? "")
                fields.append(result.reason ?? "")
                fields += result.facts
                out += fields.enumerated().map { $0.offset == 0 ? $0.element : Self.escape($0.element) }.joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// nil for anything that is not a complete file of this version (never half-trusted).
    public static func decode(_ text: Substring) -> RoleStateFile? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst(), header == Substring(magic + "\t" + version) else { return nil }
        guard let writtenLine = lines.popFirst(), writtenLine.hasPrefix("written\t"),
              let written = Int64(writtenLine.dropFirst(8)) else { return nil }
        var file = RoleStateFile(written: written, probes: [])
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
            switch fields.first {
            case "probe"?:
                guard fields.count == 2 else { return nil }
                file.probes.append((fingerprint: fields[1], results: []))
            case "result"?:
                guard fields.count >= 7, !file.probes.isEmpty else { return nil }
                var role: Role?
                if !fields[3].isEmpty {
                    role = Role(Role.kind(named: fields[3]), service: fields[4].isEmpty ? nil : fields[4],
                                running: fields[5] == "1" ? true : fields[5] == "0" ? false : nil)
                }
                let result = ProbeResult(kind: fields[1], subject: fields[2], role: role,
                                         reason: fields[6].isEmpty ? nil : fields[6], facts: Array(fields[7...]))
                file.probes[file.probes.count - 1].results.append(result)
            default:
                return nil
            }
        }
        return file
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// "45s", "10m", "3h", "2d": how old, for the prompt and evidence.
    public static func describeAge(seconds: Int64) -> String {
        let value = max(0, seconds)
        if value < 120 { return "\(value)s" }
        if value < 2 * 3600 { return "\(value / 60)m" }
        if value < 2 * 86400 { return "\(value / 3600)h" }
        return "\(value / 86400)d"
    }
}
