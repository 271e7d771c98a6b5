import Testing
@testable import HostGuardCore

@Suite("replication: psql output, decision, prompt, state file")
struct ReplicationTests {
    static let now: Int64 = 1_796_400_000

    static func decide(_ fixture: String, settings: ReplicationSettings = ReplicationSettings(), previous: ClusterReplication? = nil,
                       now: Int64 = now) -> ClusterReplication {
        let parsed = ReplicationReading.parse(Fixture.text("replication/" + fixture)[...]).mapError { ClusterReplication.NotAnswering("\($0)") }
        return ClusterReplication.decide(dataDirectory: "/d", answer: parsed, settings: settings, previous: previous, now: now, source: "psql")
    }

    @Test("captured PostgreSQL 15 output parses to what the server said")
    func parseCaptured() throws {
        let standby = try ReplicationReading.parse(Fixture.text("replication/pg15-standby-streaming.out")[...]).get()
        #expect(standby == ReplicationReading(
            inRecovery: true, maxWalSenders: 10, sendersInUse: 0, replayPaused: false, replayLagBytes: 0, serverVersionNumber: 150018,
            receiver: .init(status: "streaming", senderHost: "127.0.0.1", senderPort: 55432, lastMessageAgeSeconds: 2.799424)))
        let primary = try ReplicationReading.parse(Fixture.text("replication/pg15-primary-one-standby.out")[...]).get()
        #expect(primary == ReplicationReading(
            inRecovery: false, maxWalSenders: 10, sendersInUse: 1, serverVersionNumber: 150018,
            senders: [.init(name: "walreceiver", clientAddress: "127.0.0.1", state: "streaming", syncState: "async", lagBytes: 0)]))
        let stopped = try ReplicationReading.parse(Fixture.text("replication/pg15-standby-primary-stopped.out")[...]).get()
        #expect(stopped.receiver == nil)
        #expect(stopped.replayLagBytes == 120)
        #expect(stopped.replayPaused == true)
    }

    @Test("output that is not ours is an error, never a guess", arguments: [
        "", "\n", "receiver\tstreaming\th\t1\t0\n", "node\tt\t10\n", "node\tmaybe\t10\t0\tf\t0\t150018\n",
        "node\tt\t10\t0\tf\t0\t150018\nERROR:  permission denied\n", "node\tt\t10\t0\tf\t0\t150018\nstandby\tx\n",
    ])
    func parseRejects(_ text: String) {
        #expect((try? ReplicationReading.parse(text[...]).get()) == nil)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var cluster: ClusterReplication
        var prompt: String?
        var alarm: Bool
        var json: String
        var testDescription: String { name }
    }

    static func cluster(_ reading: ClusterReplication.Reading, down: Int64? = nil, expect: Int = 0, checked: Int64 = now) -> ClusterReplication {
        ClusterReplication(dataDirectory: "/d", reading: reading, checkedAt: checked, downSince: down, expectStandbys: expect, lagAlertBytes: 1_000_000_000)
    }

    @Test("decision to prompt words and JSON", arguments: [
        Row(name: "healthy standby: calm, its upstream's short name",
            cluster: cluster(.standby(.init(state: .streaming, upstream: "db1.example.com:5432", lagBytes: 0, lastMessageAgeSeconds: 0.44))),
            prompt: "← db1", alarm: false,
            json: #"{"state":"streaming","upstream":"db1.example.com:5432","lag_bytes":0,"replay_paused":false,"last_message_age_s":0.4}"#),
        Row(name: "receiver down for 3 minutes",
            cluster: cluster(.standby(.init(state: .stopped, lagBytes: 0)), down: now - 180),
            prompt: "REPLICATION DOWN 3m", alarm: true,
            json: #"{"state":"stopped","upstream":null,"lag_bytes":0,"replay_paused":false,"last_message_age_s":null}"#),
        Row(name: "replay paused",
            cluster: cluster(.standby(.init(state: .streaming, upstream: "10.0.0.1:5432", lagBytes: 5, replayPaused: true))),
            prompt: "REPLAY PAUSED", alarm: true,
            json: #"{"state":"streaming","upstream":"10.0.0.1:5432","lag_bytes":5,"replay_paused":true,"last_message_age_s":null}"#),
        Row(name: "lag past the threshold",
            cluster: cluster(.standby(.init(state: .streaming, upstream: "10.0.0.1:5432", lagBytes: 1_234_567_890))),
            prompt: "lag 1.2 GB", alarm: true,
            json: #"{"state":"streaming","upstream":"10.0.0.1:5432","lag_bytes":1234567890,"replay_paused":false,"last_message_age_s":null}"#),
        Row(name: "primary expecting a standby and having none",
            cluster: cluster(.primary(.init(standbys: [], freeWalSenders: 10)), expect: 1),
            prompt: "(no standby)", alarm: true, json: #"{"standbys":[],"free_wal_senders":10}"#),
        Row(name: "primary with its standby: quiet",
            cluster: cluster(.primary(.init(standbys: [.init(name: "db2", state: "streaming", sync: false, lagBytes: 0)], freeWalSenders: 8)), expect: 1),
            prompt: nil, alarm: false,
            json: #"{"standbys":[{"name":"db2","state":"streaming","sync":false,"lag_bytes":0}],"free_wal_senders":8}"#),
        Row(name: "primary with every WAL sender in use (the 2017 silent hang)",
            cluster: cluster(.primary(.init(standbys: [.init(name: "db2", state: "streaming", sync: true, lagBytes: 0)], freeWalSenders: 0))),
            prompt: "NO FREE WAL SENDER", alarm: true,
            json: #"{"standbys":[{"name":"db2","state":"streaming","sync":true,"lag_bytes":0}],"free_wal_senders":0}"#),
        Row(name: "not answering",
            cluster: cluster(.notAnswering("no answer within 5000 ms (psql killed)"), down: now - 30),
            prompt: "PG NOT ANSWERING 30s", alarm: true, json: #"{"state":"not answering","reason":"no answer within 5000 ms (psql killed)"}"#),
    ])
    func words(_ row: Row) {
        let words = row.cluster.promptText(now: Self.now)
        #expect(words?.text == row.prompt)
        #expect((words?.alarm ?? false) == row.alarm)
        #expect(ReplicationReport.json(row.cluster).serialized() == row.json)
    }

    @Test("captured outputs decide: streaming, one standby with free senders, paused, down since carried over")
    func decideCaptured() {
        let streaming = Self.decide("pg15-standby-streaming.out")
        #expect(streaming.reading == .standby(.init(state: .streaming, upstream: "127.0.0.1:55432", lagBytes: 0, replayPaused: false, lastMessageAgeSeconds: 2.799424)))
        #expect(streaming.downSince == nil)
        let primary = Self.decide("pg15-primary-one-standby.out")
        #expect(primary.reading == .primary(.init(standbys: [.init(name: "127.0.0.1", state: "streaming", sync: false, lagBytes: 0)], freeWalSenders: 9)))
        #expect(Self.decide("pg15-standby-replay-paused.out").promptText(now: Self.now)?.text == "REPLAY PAUSED")

        let firstDown = Self.decide("pg15-standby-primary-stopped.out", now: Self.now)
        #expect(firstDown.downSince == Self.now)
        let later = Self.decide("pg15-standby-primary-stopped.out", previous: firstDown, now: Self.now + 200)
        #expect(later.downSince == Self.now, "down since the first refresh that saw it")
        #expect(later.promptText(now: Self.now + 200)?.text == "REPLICATION DOWN 3m REPLAY PAUSED")
        let healed = Self.decide("pg15-standby-streaming.out", previous: later, now: Self.now + 300)
        #expect(healed.downSince == nil)
        let downAgain = Self.decide("pg15-standby-primary-stopped.out", previous: healed, now: Self.now + 400)
        #expect(downAgain.downSince == Self.now + 400)
    }

    @Test("prompt segment: calm after the role; red when it matters; a stale reading is never shown healthy")
    func segment() {
        let healthy = Self.cluster(.standby(.init(state: .streaming, upstream: "db1:5432", lagBytes: 0)))
        #expect(ReplicationSegment.summary([healthy], now: Self.now)! == ("← db1", false))
        #expect(ReplicationSegment.summary([healthy], now: Self.now + 600)! == ("replication? (10m old)", true))
        let identity = HostIdentity(hostName: HostName(nodeName: "db2"), environment: "production",
                                    role: .known(Role(.standby, service: "postgresql", running: true)), cluster: nil, evidence: [])
        let context = PromptContext(identity: identity, settings: PromptSettings(), depth: .none,
                                    replication: ReplicationView(clusters: [healthy], now: Self.now))
        #expect(PromptRenderer.render(context, dialect: .plain) == "[PRODUCTION] pg standby ← db1 db2 ")
        let down = Self.cluster(.standby(.init(state: .stopped)), down: Self.now - 180)
        let loud = PromptContext(identity: identity, settings: PromptSettings(), depth: .basic,
                                 replication: ReplicationView(clusters: [down], now: Self.now))
        #expect(PromptRenderer.render(loud, dialect: .plain).contains("\u{1B}[1;97;41m REPLICATION DOWN 3m \u{1B}[0m"))
    }

    @Test("upstream short names", arguments: [
        ("db1.example.com:5432", "db1"), ("10.0.0.1:5432", "10.0.0.1"), ("/var/run/postgresql:5432", "local"),
        ("fe80::1", "fe80::1"), ("db1", "db1"),
    ])
    func upstream(_ upstream: String, _ expected: String) {
        #expect(ClusterReplication.shortUpstream(upstream) == expected)
    }

    @Test("byte sizes", arguments: [
        (Int64(0), "0 B"), (999, "999 B"), (1000, "1.0 kB"), (1_234_567_890, "1.2 GB"), (9_990_000, "10 MB"), (25_000_000_000, "25 GB"),
    ] as [(Int64, String)])
    func bytes(_ value: Int64, _ expected: String) {
        #expect(ClusterReplication.describeBytes(value) == expected)
    }

    @Test("state file round trip; foreign or damaged files are not believed")
    func stateFile() {
        let file = ReplicationStateFile(clusters: [
            Self.cluster(.standby(.init(state: .streaming, upstream: "db1:5432", lagBytes: 12, replayPaused: true, lastMessageAgeSeconds: 0.5))),
            Self.cluster(.primary(.init(standbys: [.init(name: "tab\there", state: "streaming", sync: true, lagBytes: nil)], freeWalSenders: nil)), expect: 2),
            Self.cluster(.primary(.init(standbys: [], freeWalSenders: 3))),
            Self.cluster(.notAnswering("timed\nout"), down: Self.now - 5),
        ])
        #expect(ReplicationStateFile.decode(file.encoded()[...]) == file)
        for text in ["", "hostguard-replication-state\t2\n", "hostguard-replication-state\t1\nstandby-status\tstreaming\t-\t-\t0\t-\n",
                     "hostguard-replication-state\t1\ncluster\t/d\t1\t-\t0\t1\tpsql\n",
                     "hostguard-replication-state\t1\ncluster\t/d\t1\t-\t0\t1\tpsql\nstandby-status\tfloating\t-\t-\t0\t-\n"] {
            #expect(ReplicationStateFile.decode(text[...]) == nil, "\(text)")
        }
    }

    @Test("psql gets a connection string with both timeouts, quoted for libpq")
    func connection() {
        let text = ReplicationQuery.connectionString(socketDirectory: "/run/it's\\here", port: 5433)
        #expect(text == #"host='/run/it\'s\\here' port=5433 dbname='postgres' connect_timeout=2 application_name=hostguard options='-c statement_timeout=2000 -c default_transaction_read_only=on'"#)
        let arguments = ReplicationQuery.psqlArguments(connection: text)
        #expect(arguments.prefix(10) == ["-X", "-A", "-t", "-q", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", text])
        #expect(arguments.filter { $0 == "-c" }.count == ReplicationQuery.statements.count)
    }
}
