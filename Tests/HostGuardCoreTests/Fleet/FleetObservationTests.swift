import Testing
@testable import HostGuardCore

@Suite("Fleet metrics from what the timers know")
struct FleetObservationTests {
    static func identity(role: RoleReading, cluster: String? = "db", environment: String? = "production") -> HostIdentity {
        HostIdentity(hostName: HostName(nodeName: "db2", fqdn: nil), environment: environment.map { EnvironmentName($0) }, role: role, cluster: cluster, evidence: [])
    }

    static func config(_ text: [(String, ConfigValue)]) -> HostGuardConfig {
        ConfigDecoder.decode([ConfigDocument(path: "/etc/hostguard/hostguard.toml", authority: .system, root: .table(text))])
    }

    @Test("a probed standby that was promoted: observed primary from pg_control, declared standby, in conflict")
    func promoted() {
        let config = Self.config([
            ("host", .table([("role", .string("replica")), ("cluster", .string("db"))])),
            ("probe", .array([.table([("kind", .string("postgresql")), ("data_dir", .string("/srv/pg"))])])),
        ])
        let fingerprint = config.probes[0].fingerprint
        let state = RoleStateFile(written: 100, probes: [(fingerprint: fingerprint, results: [
            ProbeResult(kind: "postgresql", subject: "/srv/pg", role: Role(.primary, service: "postgresql", running: true)),
        ])])
        var observation = FleetObservation(version: "0.2.0", identity: Self.identity(role: .known(Role(.primary))), config: config,
                                           roleState: state, mounts: nil, now: 104)
        observation.refreshSucceeded = true
        let metrics = FleetMetrics.observe(observation)
        #expect(metrics.observed == [.init(cluster: "db", service: "postgresql", dataDirectory: "/srv/pg", role: "primary", source: "pg_control")])
        #expect(metrics.declared.map(\.role) == ["standby"])   // "replica" is a standby, in the one vocabulary
        #expect(metrics.conflicts.map(\.conflict) == [true])
        #expect(metrics.stateAges.map(\.seconds) == [4])
        #expect(metrics.lastRunSuccess.map(\.success) == [true])
    }

    @Test("a state file from another probe configuration is not this host's observation")
    func foreignState() {
        let config = Self.config([("probe", .array([.table([("kind", .string("postgresql")), ("data_dir", .string("/srv/new"))])]))])
        let state = RoleStateFile(written: 1, probes: [(fingerprint: "postgresql|data_dir=\"/srv/old\"", results: [
            ProbeResult(kind: "postgresql", subject: "/srv/old", role: Role(.primary)),
        ])])
        let metrics = FleetMetrics.observe(FleetObservation(version: "1", identity: Self.identity(role: .unknown(reason: "no state")),
                                                            config: config, roleState: state, mounts: nil, now: 2))
        #expect(metrics.observed.isEmpty)
    }

    @Test("no probe: the static label is reported with its source; no label, no role sample")
    func staticLabel() {
        let labelled = FleetMetrics.observe(FleetObservation(
            version: "1", identity: Self.identity(role: .known(Role(.standby))),
            config: Self.config([("host", .table([("role", .string("standby"))]))]), roleState: nil, mounts: nil, now: 0))
        #expect(labelled.observed.map(\.source) == ["config"])
        let bare = FleetMetrics.observe(FleetObservation(
            version: "1", identity: Self.identity(role: .notApplicable, cluster: nil, environment: nil),
            config: Self.config([]), roleState: nil, mounts: nil, now: 0))
        #expect(bare.observed.isEmpty && bare.declared.isEmpty)
        #expect(bare.environment == "unknown" && bare.cluster == "")
    }

    @Test("the mounts summary: counted per mount point and kind, round-trips, and a damaged file is ignored whole")
    func summary() {
        let summary = StaleMountSummary.counting([
            (mountPoint: "/srv/pages", kind: "cwd", pid: 10), (mountPoint: "/srv/pages", kind: "cwd", pid: 11),
            (mountPoint: "/srv/pages", kind: "cwd", pid: 10), (mountPoint: "/srv/odd\tname", kind: "fd", pid: 12),
        ], finishedAt: 50, succeeded: true)
        #expect(summary.stale == [.init(mountPoint: "/srv/pages", kind: "cwd", processes: 2),
                                  .init(mountPoint: "/srv/odd\tname", kind: "fd", processes: 1)])
        #expect(StaleMountSummary.decode(summary.encoded()[...]) == summary)
        #expect(StaleMountSummary.decode((summary.encoded() + "stale\t/x\tcwd\tmany\n")[...]) == nil)
        #expect(StaleMountSummary.decode("hostguard-mounts-summary\t2\nfinished\t1\t1\n") == nil)
        let metrics = FleetMetrics.observe(FleetObservation(version: "1", identity: Self.identity(role: .notApplicable),
                                                            config: Self.config([]), roleState: nil, mounts: summary, now: 60))
        #expect(metrics.staleMounts.count == 2)
        #expect(metrics.stateAges.map(\.state) == ["mounts"] && metrics.lastRunSuccess.map(\.timer) == ["mounts"])
    }
}

@Suite("Fleet metrics: replication and maintenance")
struct FleetReplicationMaintenanceTests {
    @Test("a stopped standby is down with its lag; a primary is up while it has the standbys it expects; maintenance and switches are reasons")
    func replicationAndMaintenance() {
        let standby = ClusterReplication(dataDirectory: "/srv/standby", reading: .standby(.init(state: .stopped, lagBytes: 7)),
                                         checkedAt: 1, downSince: 1, expectStandbys: 0, lagAlertBytes: 1 << 30, source: "psql")
        let lonely = ClusterReplication(dataDirectory: "/srv/primary", reading: .primary(.init(standbys: [], freeWalSenders: 10)),
                                        checkedAt: 1, downSince: nil, expectStandbys: 1, lagAlertBytes: 1 << 30, source: "psql")
        let served = ClusterReplication(dataDirectory: "/srv/p2", reading: .primary(.init(standbys: [.init(name: "db2", state: "streaming", sync: false, lagBytes: 0)], freeWalSenders: 9)),
                                        checkedAt: 1, downSince: nil, expectStandbys: 1, lagAlertBytes: 1 << 30, source: "psql")
        var observation = FleetObservation(version: "1", identity: FleetObservationTests.identity(role: .notApplicable),
                                           config: FleetObservationTests.config([]), roleState: nil, mounts: nil, now: 5)
        observation.replication = ReplicationStateFile(clusters: [standby, lonely, served])
        observation.maintenance = MaintenanceState.decide(
            record: MaintenanceRecord(reason: "kernel upgrade", by: "alice", since: 0, until: 100),
            switches: [HostSwitch(kind: .rebootRequired, path: "/run/reboot-required")], now: 5)
        let metrics = FleetMetrics.observe(observation)
        #expect(metrics.replication == [
            .init(cluster: "db", dataDirectory: "/srv/standby", up: false, lagBytes: 7),
            .init(cluster: "db", dataDirectory: "/srv/primary", up: false, lagBytes: nil),
            .init(cluster: "db", dataDirectory: "/srv/p2", up: true, lagBytes: nil),
        ])
        #expect(metrics.maintenance == ["kernel upgrade", "reboot-required"])
        observation.maintenance = MaintenanceState.decide(
            record: MaintenanceRecord(reason: "over", by: "alice", since: 0, until: 4), switches: [], now: 5)
        #expect(FleetMetrics.observe(observation).maintenance.isEmpty)   // expired by itself
    }
}
