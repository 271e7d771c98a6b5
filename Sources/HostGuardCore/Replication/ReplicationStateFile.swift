/// What the root refresh (`hostguard status --refresh`) learnt of each cluster's replication,
/// kept in the state directory (`replication.state`) for every prompt and for the next refresh
/// ("down since"). Line-based, tab-separated, escaped like the role state; a file of another
/// version, or with a line this reader does not know, is ignored whole:
///
///     hostguard-replication-state	1
///     cluster	/var/lib/postgresql/15/main	1763750000	-	1	268435456	psql …
///     standby-status	streaming	10.0.0.1:5432	0	0	0.4
///     cluster	/srv/pg/other	1763750000	1763749000	0	268435456	psql …
///     primary-status	8
///     sender	db2	streaming	0	0
///     cluster	…
///     not-answering	timed out after 3000 ms
public struct ReplicationStateFile: Equatable, Sendable {
    public static let magic = "hostguard-replication-state"
    public static let version = "1"

    public var clusters: [ClusterReplication]

    public init(clusters: [ClusterReplication]) { self.clusters = clusters }

    public func encoded() -> String {
        var out = Self.magic + "\t" + Self.version + "\n"
        func line(_ fields: [String]) { out += fields.map(RoleStateFile.escape).joined(separator: "\t") + "\n" }
        func optional<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "-" }
        for cluster in clusters {
            line(["cluster", cluster.dataDirectory, "\(cluster.checkedAt)", optional(cluster.downSince),
                  "\(cluster.expectStandbys)", "\(cluster.lagAlertBytes)", cluster.source])
            switch cluster.reading {
            case .standby(let standby):
                line(["standby-status", standby.state.rawValue, standby.upstream ?? "-", optional(standby.lagBytes),
                      standby.replayPaused ? "1" : "0", optional(standby.lastMessageAgeSeconds)])
            case .primary(let primary):
                line(["primary-status", optional(primary.freeWalSenders)])
                for standby in primary.standbys {
                    line(["sender", standby.name, standby.state, standby.sync ? "1" : "0", optional(standby.lagBytes)])
                }
            case .notAnswering(let reason):
                line(["not-answering", reason])
            }
        }
        return out
    }

    public static func decode(_ text: Substring) -> ReplicationStateFile? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring(magic + "\t" + version) else { return nil }
        var clusters: [ClusterReplication] = []
        var pending: (directory: String, checked: Int64, down: Int64?, expect: Int, lag: Int64, source: String)?
        var primary: ClusterReplication.Primary?
        func finish(_ reading: ClusterReplication.Reading) -> Bool {
            guard let header = pending else { return false }
            clusters.append(ClusterReplication(dataDirectory: header.directory, reading: reading, checkedAt: header.checked,
                                               downSince: header.down, expectStandbys: header.expect, lagAlertBytes: header.lag,
                                               source: header.source))
            pending = nil
            return true
        }
        func flushPrimary() -> Bool {
            guard let done = primary else { return true }
            primary = nil
            return finish(.primary(done))
        }
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { RoleStateFile.unescape($0) }
            func number(_ index: Int) -> Int64?? { fields[index] == "-" ? .some(nil) : Int64(fields[index]).map { .some($0) } }
            switch fields.first {
            case "cluster"?:
                guard flushPrimary(), pending == nil, fields.count == 7, let checked = Int64(fields[2]), let down = number(3),
                      let expect = Int(fields[4]), let lag = Int64(fields[5]) else { return nil }
                pending = (fields[1], checked, down, expect, lag, fields[6])
            case "standby-status"?:
                guard fields.count == 6, let state = ClusterReplication.StandbyState(rawValue: fields[1]), let lag = number(3) else { return nil }
                let age: Double? = fields[5] == "-" ? nil : Double(fields[5])
                let standby = ClusterReplication.Standby(state: state, upstream: fields[2] == "-" ? nil : fields[2], lagBytes: lag,
                                                         replayPaused: fields[4] == "1", lastMessageAgeSeconds: age)
                guard finish(.standby(standby)) else { return nil }
            case "primary-status"?:
                guard fields.count == 2, pending != nil, primary == nil, let free = number(1) else { return nil }
                primary = ClusterReplication.Primary(standbys: [], freeWalSenders: free.map { Int($0) })
            case "sender"?:
                guard fields.count == 5, primary != nil, let lag = number(4) else { return nil }
                primary?.standbys.append(ClusterReplication.ConnectedStandby(name: fields[1], state: fields[2], sync: fields[3] == "1", lagBytes: lag))
            case "not-answering"?:
                guard fields.count == 2, finish(.notAnswering(fields[1])) else { return nil }
            default:
                return nil
            }
        }
        guard flushPrimary(), pending == nil else { return nil }
        return ReplicationStateFile(clusters: clusters)
    }
}
