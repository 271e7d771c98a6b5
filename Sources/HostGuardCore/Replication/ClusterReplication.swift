/// One cluster's replication as the root refresh decided it: what `status --json` shows as
/// `replication`, what the replication state file carries to every prompt, and what the prompt
/// turns into a few characters.
public struct ClusterReplication: Equatable, Sendable {
    public enum StandbyState: String, Sendable {
        /// The WAL receiver streams from its upstream.
        case streaming
        /// A receiver exists but is not streaming yet (starting, waiting, restarting).
        case catchup
        /// No WAL receiver, or it is stopping: nothing arrives from the upstream.
        case stopped
    }

    public struct Standby: Equatable, Sendable {
        public var state: StandbyState
        /// "host:port" of the upstream, from pg_stat_wal_receiver (nil while stopped).
        public var upstream: String?
        /// Received but not yet replayed.
        public var lagBytes: Int64?
        public var replayPaused: Bool
        public var lastMessageAgeSeconds: Double?

        public init(state: StandbyState, upstream: String? = nil, lagBytes: Int64? = nil, replayPaused: Bool = false, lastMessageAgeSeconds: Double? = nil) {
            self.state = state
            self.upstream = upstream
            self.lagBytes = lagBytes
            self.replayPaused = replayPaused
            self.lastMessageAgeSeconds = lastMessageAgeSeconds
        }
    }

    public struct ConnectedStandby: Equatable, Sendable {
        public var name: String
        public var state: String
        public var sync: Bool
        public var lagBytes: Int64?

        public init(name: String, state: String, sync: Bool, lagBytes: Int64?) {
            self.name = name
            self.state = state
            self.sync = sync
            self.lagBytes = lagBytes
        }
    }

    public struct Primary: Equatable, Sendable {
        public var standbys: [ConnectedStandby]
        /// max_wal_senders minus the senders in use (pg_basebackup's included); nil if unknown.
        public var freeWalSenders: Int?

        public init(standbys: [ConnectedStandby], freeWalSenders: Int?) {
            self.standbys = standbys
            self.freeWalSenders = freeWalSenders
        }
    }

    public enum Reading: Equatable, Sendable {
        case standby(Standby)
        case primary(Primary)
        /// Connected-to or queried within the bound, it did not answer (a hung or overloaded
        /// server, a full max_connections); the text says what happened.
        case notAnswering(String)
    }

    public var dataDirectory: String
    public var reading: Reading
    /// When the refresh asked (seconds since the epoch).
    public var checkedAt: Int64
    /// Since when replication has been seen not streaming (standby) or the server not
    /// answering, carried from one refresh to the next; nil while healthy.
    public var downSince: Int64?
    public var expectStandbys: Int
    public var lagAlertBytes: Int64
    /// Where the values came from, for `status --explain`.
    public var source: String

    public init(dataDirectory: String, reading: Reading, checkedAt: Int64, downSince: Int64? = nil,
                expectStandbys: Int = 0, lagAlertBytes: Int64 = ReplicationSettings.defaultLagAlertBytes, source: String = "") {
        self.dataDirectory = dataDirectory
        self.reading = reading
        self.checkedAt = checkedAt
        self.downSince = downSince
        self.expectStandbys = expectStandbys
        self.lagAlertBytes = lagAlertBytes
        self.source = source
    }

    /// The decision: psql's parsed answer (or why there is none), the settings, and the previous
    /// refresh's value for this directory (for "down since").
    public static func decide(
        dataDirectory: String, answer: Result<ReplicationReading, NotAnswering>, settings: ReplicationSettings,
        previous: ClusterReplication?, now: Int64, source: String
    ) -> ClusterReplication {
        let reading: Reading
        switch answer {
        case .failure(let failure):
            reading = .notAnswering(failure.reason)
        case .success(let answer) where answer.inRecovery:
            var standby = Standby(state: .stopped, lagBytes: answer.replayLagBytes, replayPaused: answer.replayPaused ?? false)
            if let receiver = answer.receiver {
                switch receiver.status {
                case "streaming": standby.state = .streaming
                case "starting", "waiting", "restarting": standby.state = .catchup
                default: standby.state = .stopped
                }
                if let host = receiver.senderHost {
                    standby.upstream = receiver.senderPort.map { "\(host):\($0)" } ?? host
                }
                standby.lastMessageAgeSeconds = receiver.lastMessageAgeSeconds
            }
            reading = .standby(standby)
        case .success(let answer):
            let standbys = answer.senders.filter { $0.state != "backup" }.map {
                // "walreceiver" is every standby's default application_name: the address says more.
                ConnectedStandby(name: $0.name.isEmpty || $0.name == "walreceiver" ? $0.clientAddress : $0.name, state: $0.state,
                                 sync: $0.syncState == "sync" || $0.syncState == "quorum", lagBytes: $0.lagBytes)
            }
            reading = .primary(Primary(standbys: standbys, freeWalSenders: answer.maxWalSenders.map { max(0, $0 - answer.sendersInUse) }))
        }
        var result = ClusterReplication(dataDirectory: dataDirectory, reading: reading, checkedAt: now,
                                        expectStandbys: settings.expectStandbys, lagAlertBytes: settings.lagAlertBytes, source: source)
        if result.isDown {
            let carried = previous.flatMap { $0.dataDirectory == dataDirectory && $0.isDown ? $0.downSince : nil }
            result.downSince = carried ?? now
        }
        return result
    }

    /// Why a server gave no reading: the bounded psql timed out, could not connect, failed.
    public struct NotAnswering: Error, Equatable, Sendable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// A standby not streaming, or a server not answering.
    public var isDown: Bool {
        switch reading {
        case .standby(let standby): return standby.state != .streaming
        case .primary: return false
        case .notAnswering: return true
        }
    }

    /// Prompt words and whether they are an alarm (red) or calm.
    public func promptText(now: Int64) -> (text: String, alarm: Bool)? {
        switch reading {
        case .notAnswering:
            return ("PG NOT ANSWERING" + downFor(now), true)
        case .standby(let standby):
            var alarms: [String] = []
            switch standby.state {
            case .streaming: break
            case .catchup: alarms.append("REPLICATION CONNECTING" + downFor(now))
            case .stopped: alarms.append("REPLICATION DOWN" + downFor(now))
            }
            if standby.replayPaused { alarms.append("REPLAY PAUSED") }
            if let lag = standby.lagBytes, lag > lagAlertBytes { alarms.append("lag " + Self.describeBytes(lag)) }
            if !alarms.isEmpty { return (alarms.joined(separator: " "), true) }
            return ("← " + Self.shortUpstream(standby.upstream), false)
        case .primary(let primary):
            var alarms: [String] = []
            let streaming = primary.standbys.filter { $0.state == "streaming" }.count
            if expectStandbys > 0 && streaming < expectStandbys {
                alarms.append(streaming == 0 ? "(no standby)" : "(\(streaming) of \(expectStandbys) standbys)")
            }
            if primary.freeWalSenders == 0 { alarms.append("NO FREE WAL SENDER") }
            if let lag = primary.standbys.compactMap(\.lagBytes).max(), lag > lagAlertBytes { alarms.append("standby lag " + Self.describeBytes(lag)) }
            return alarms.isEmpty ? nil : (alarms.joined(separator: " "), true)
        }
    }

    private func downFor(_ now: Int64) -> String {
        guard let downSince else { return "" }
        return " " + RoleStateFile.describeAge(seconds: now - downSince)
    }

    /// The upstream as a person says it: "db1" for db1.example.com:5432, an address as it is,
    /// "local" for a socket directory.
    static func shortUpstream(_ upstream: String?) -> String {
        guard let upstream, !upstream.isEmpty else { return "?" }
        var host = Substring(upstream)
        if let colon = host.lastIndex(of: ":"), host.filter({ $0 == ":" }).count == 1 { host = host[..<colon] }
        if host.hasPrefix("/") { return "local" }
        if host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) || host.contains(":") { return TerminalText.inert(String(host)) }
        return TerminalText.inert(String(host.split(separator: ".").first ?? host))
    }

    /// "512 B", "3.4 MB", "1.2 GB": decimal units, one decimal under 10.
    public static func describeBytes(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = Double(max(0, bytes))
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) B" }
        if value < 10 {
            let tenths = Int((value * 10).rounded())
            return tenths >= 100 ? "10 \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
        }
        return "\(Int(value.rounded())) \(units[unit])"
    }
}
