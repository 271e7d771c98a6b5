/// Replication for scripts (`status --json`, per cluster) and for people (`status`, `--explain`).
public enum ReplicationReport {
    /// The `replication` object, exactly as issue 14 shows it:
    /// a standby `{"state", "upstream", "lag_bytes", "replay_paused", "last_message_age_s"}`,
    /// a primary `{"standbys": [{"name", "state", "sync", "lag_bytes"}], "free_wal_senders"}`,
    /// a server that did not answer `{"state": "not answering", "reason"}`.
    public static func json(_ cluster: ClusterReplication) -> JSONValue {
        switch cluster.reading {
        case .standby(let standby):
            return .object([
                ("state", .string(standby.state.rawValue)),
                ("upstream", .optional(standby.upstream)),
                ("lag_bytes", standby.lagBytes.map { .integer(Int($0)) } ?? .null),
                ("replay_paused", .bool(standby.replayPaused)),
                ("last_message_age_s", standby.lastMessageAgeSeconds.map { .number(($0 * 10).rounded() / 10) } ?? .null),
            ])
        case .primary(let primary):
            return .object([
                ("standbys", .array(primary.standbys.map { standby in
                    .object([
                        ("name", .string(standby.name)), ("state", .string(standby.state)), ("sync", .bool(standby.sync)),
                        ("lag_bytes", standby.lagBytes.map { .integer(Int($0)) } ?? .null),
                    ])
                })),
                ("free_wal_senders", primary.freeWalSenders.map(JSONValue.integer) ?? .null),
            ])
        case .notAnswering(let reason):
            return .object([("state", .string("not answering")), ("reason", .string(reason))])
        }
    }

    /// `"clusters": [{"data_dir", "checked_at", "down_since", "replication"}]`.
    public static func clustersJSON(_ clusters: [ClusterReplication]) -> JSONValue {
        .array(clusters.map { cluster in
            .object([
                ("data_dir", .string(cluster.dataDirectory)),
                ("checked_at", .string(UTCStamp.iso(cluster.checkedAt))),
                ("down_since", cluster.downSince.map { .string(UTCStamp.iso($0)) } ?? .null),
                ("replication", json(cluster)),
            ])
        })
    }

    /// Lines for `status`: one per cluster; with `explain`, where each value came from.
    public static func text(_ clusters: [ClusterReplication], now: Int64, explain: Bool) -> String {
        var out = ""
        for cluster in clusters {
            let directory = TerminalText.visible(cluster.dataDirectory)
            var summary: String
            switch cluster.reading {
            case .standby(let standby):
                summary = "standby, \(standby.state.rawValue)"
                if let upstream = standby.upstream { summary += " from \(TerminalText.visible(upstream))" }
                if let lag = standby.lagBytes { summary += ", replay lag \(ClusterReplication.describeBytes(lag))" }
                if standby.replayPaused { summary += ", REPLAY PAUSED" }
                if let age = standby.lastMessageAgeSeconds { summary += ", last message \(Int(age.rounded()))s ago" }
            case .primary(let primary):
                let names = primary.standbys.map { "\(TerminalText.visible($0.name)) (\($0.state)\($0.sync ? ", sync" : ""))" }
                summary = "primary, \(primary.standbys.count) standby" + (primary.standbys.count == 1 ? "" : "s")
                if !names.isEmpty { summary += ": " + names.joined(separator: ", ") }
                if let free = primary.freeWalSenders { summary += "; \(free) free WAL sender" + (free == 1 ? "" : "s") }
            case .notAnswering(let reason):
                summary = "NOT ANSWERING: \(TerminalText.visible(reason))"
            }
            if let downSince = cluster.downSince { summary += " (down \(RoleStateFile.describeAge(seconds: now - downSince)))" }
            out += IdentityReport.pad("replication", 12) + directory + ": " + summary + "\n"
            if explain {
                out += IdentityReport.pad("", 12) + IdentityReport.pad("from", 6)
                    + "\(TerminalText.visible(cluster.source)), \(RoleStateFile.describeAge(seconds: now - cluster.checkedAt)) ago\n"
            }
        }
        return out
    }
}
