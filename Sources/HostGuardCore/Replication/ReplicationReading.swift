/// What one server said about its replication: the rows of `ReplicationQuery`, parsed.
public struct ReplicationReading: Equatable, Sendable {
    public struct Receiver: Equatable, Sendable {
        /// pg_stat_wal_receiver.status: starting, streaming, waiting, restarting, stopping.
        public var status: String
        public var senderHost: String?
        public var senderPort: Int?
        public var lastMessageAgeSeconds: Double?

        public init(status: String, senderHost: String? = nil, senderPort: Int? = nil, lastMessageAgeSeconds: Double? = nil) {
            self.status = status
            self.senderHost = senderHost
            self.senderPort = senderPort
            self.lastMessageAgeSeconds = lastMessageAgeSeconds
        }
    }

    public struct Sender: Equatable, Sendable {
        public var name: String
        public var clientAddress: String
        /// pg_stat_replication.state: startup, catchup, streaming, backup, stopping.
        public var state: String
        /// sync_state: async, potential, sync, quorum.
        public var syncState: String
        public var lagBytes: Int64?

        public init(name: String, clientAddress: String, state: String, syncState: String, lagBytes: Int64?) {
            self.name = name
            self.clientAddress = clientAddress
            self.state = state
            self.syncState = syncState
            self.lagBytes = lagBytes
        }
    }

    public var inRecovery: Bool
    public var maxWalSenders: Int?
    public var sendersInUse: Int
    public var replayPaused: Bool?
    /// Received but not yet replayed (standby), bytes.
    public var replayLagBytes: Int64?
    public var serverVersionNumber: Int?
    public var receiver: Receiver?
    public var senders: [Sender]

    public init(inRecovery: Bool, maxWalSenders: Int? = nil, sendersInUse: Int = 0, replayPaused: Bool? = nil,
                replayLagBytes: Int64? = nil, serverVersionNumber: Int? = nil, receiver: Receiver? = nil, senders: [Sender] = []) {
        self.inRecovery = inRecovery
        self.maxWalSenders = maxWalSenders
        self.sendersInUse = sendersInUse
        self.replayPaused = replayPaused
        self.replayLagBytes = replayLagBytes
        self.serverVersionNumber = serverVersionNumber
        self.receiver = receiver
        self.senders = senders
    }

    public enum ParseError: Error, Equatable, Sendable {
        /// No `node` row: the server did not answer the first statement (or this is not psql's output).
        case noNodeRow
        case malformed(line: Int, String)
    }

    /// Parses psql's output. Unknown tags are an error, not skipped: output this code did not
    /// ask for means something else answered.
    public static func parse(_ text: Substring) -> Result<ReplicationReading, ParseError> {
        var reading: ReplicationReading?
        var receiver: Receiver?
        var senders: [Sender] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.last == "\r" ? $0.dropLast() : $0 }
            func optional(_ field: Int) -> Substring? { field < fields.count && !fields[field].isEmpty ? fields[field] : nil }
            switch fields.first {
            case "node"?:
                guard fields.count == 7, let recovery = boolean(fields[1]), let inUse = Int(fields[3]) else {
                    return .failure(.malformed(line: index + 1, String(line.prefix(200))))
                }
                reading = ReplicationReading(
                    inRecovery: recovery, maxWalSenders: optional(2).flatMap { Int($0) }, sendersInUse: inUse,
                    replayPaused: optional(4).flatMap(boolean), replayLagBytes: optional(5).flatMap(bytes),
                    serverVersionNumber: optional(6).flatMap { Int($0) })
            case "receiver"?:
                guard fields.count == 5, !fields[1].isEmpty else { return .failure(.malformed(line: index + 1, String(line.prefix(200)))) }
                receiver = Receiver(status: String(fields[1]), senderHost: optional(2).map(String.init),
                                    senderPort: optional(3).flatMap { Int($0) }, lastMessageAgeSeconds: optional(4).flatMap { Double($0) })
            case "standby"?:
                guard fields.count == 6 else { return .failure(.malformed(line: index + 1, String(line.prefix(200)))) }
                senders.append(Sender(name: String(fields[1]), clientAddress: String(fields[2]), state: String(fields[3]),
                                      syncState: String(fields[4]), lagBytes: optional(5).flatMap(bytes)))
            default:
                return .failure(.malformed(line: index + 1, String(line.prefix(200))))
            }
        }
        guard var result = reading else { return .failure(.noNodeRow) }
        result.receiver = receiver
        result.senders = senders
        return .success(result)
    }

    static func boolean(_ text: Substring) -> Bool? {
        switch text {
        case "t", "true", "on": return true
        case "f", "false", "off": return false
        default: return nil
        }
    }

    /// pg_wal_lsn_diff returns numeric: "1234" (or "1234.0" on some builds); never negative
    /// here in practice, but a standby ahead of its sender's view is shown as 0.
    static func bytes(_ text: Substring) -> Int64? {
        let whole = text.split(separator: ".", maxSplits: 1).first ?? text
        guard let value = Int64(whole) else { return nil }
        return max(0, value)
    }
}
