/// What the last `hostguard mounts` timer run found, per mount point and kind of use, kept in
/// the state directory (`mounts.summary`) so that whichever timer writes the fleet's metrics
/// next (the refresh every 10 s, or the mounts run itself) exports the same numbers.
///
/// Text, one record per line, tab-separated, `\\`, `\t` and `\n` escaped as in `RoleStateFile`:
///
///     hostguard-mounts-summary	1
///     finished	1763750000	1
///     stale	/srv/pages	cwd	2
///
/// `finished` holds the run's end (seconds since the epoch) and whether it could check (1) or
/// not (0). A reader that meets anything else ignores the whole file.
public struct StaleMountSummary: Equatable, Sendable {
    public static let magic = "hostguard-mounts-summary"
    public static let version = "1"

    public var finishedAt: Int64
    public var succeeded: Bool
    public var stale: [FleetMetrics.StaleMount]

    public init(finishedAt: Int64, succeeded: Bool, stale: [FleetMetrics.StaleMount]) {
        self.finishedAt = finishedAt
        self.succeeded = succeeded
        self.stale = stale
    }

    /// Counts processes per (mount point, kind) from a run's findings, in first-seen order.
    public static func counting(_ findings: [(mountPoint: String, kind: String, pid: Int)], finishedAt: Int64, succeeded: Bool) -> StaleMountSummary {
        var order: [String] = []
        var pids: [String: Set<Int>] = [:]
        var keys: [String: (String, String)] = [:]
        for finding in findings {
            let key = finding.mountPoint + "\u{0}" + finding.kind
            if keys[key] == nil {
                keys[key] = (finding.mountPoint, finding.kind)
                order.append(key)
            }
            pids[key, default: []].insert(finding.pid)
        }
        let stale = order.map { key in
            FleetMetrics.StaleMount(mountPoint: keys[key]!.0, kind: keys[key]!.1, processes: pids[key]!.count)
        }
        return StaleMountSummary(finishedAt: finishedAt, succeeded: succeeded, stale: stale)
    }

    public func encoded() -> String {
        var out = Self.magic + "\t" + Self.version + "\n"
        out += "finished\t\(finishedAt)\t\(succeeded ? 1 : 0)\n"
        for entry in stale {
            out += "stale\t" + RoleStateFile.escape(entry.mountPoint) + "\t" + RoleStateFile.escape(entry.kind) + "\t\(entry.processes)\n"
        }
        return out
    }

    /// nil for anything that is not a complete file of this version.
    public static func decode(_ text: Substring) -> StaleMountSummary? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring(magic + "\t" + version), let finished = lines.popFirst() else { return nil }
        let head = finished.split(separator: "\t", omittingEmptySubsequences: false)
        guard head.count == 3, head[0] == "finished", let time = Int64(head[1]), head[2] == "0" || head[2] == "1" else { return nil }
        var summary = StaleMountSummary(finishedAt: time, succeeded: head[2] == "1", stale: [])
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, fields[0] == "stale", let count = Int(fields[3]), count >= 0 else { return nil }
            summary.stale.append(FleetMetrics.StaleMount(
                mountPoint: RoleStateFile.unescape(fields[1]), kind: RoleStateFile.unescape(fields[2]), processes: count))
        }
        return summary
    }
}
