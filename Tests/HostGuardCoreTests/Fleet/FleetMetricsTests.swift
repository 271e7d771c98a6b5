import Testing
@testable import HostGuardCore

@Suite("Fleet metrics (node_exporter textfile)")
struct FleetMetricsTests {
    static func standbyHost() -> FleetMetrics {
        var metrics = FleetMetrics(version: "0.2.0", environment: "production", cluster: "db")
        metrics.observed = [.init(cluster: "db", service: "postgresql", dataDirectory: "/var/lib/postgresql/15/main", role: "standby", source: "pg_control")]
        metrics.declared = [(cluster: "db", role: "standby")]
        metrics.replication = [.init(cluster: "db", dataDirectory: "/var/lib/postgresql/15/main", up: true, lagBytes: 4096)]
        metrics.stateAges = [(state: "role", seconds: 3)]
        metrics.lastRunSuccess = [(timer: "refresh", success: true)]
        return metrics
    }

    @Test("a healthy standby: every family declared, samples without timestamps")
    func standby() {
        let text = Self.standbyHost().rendered()
        #expect(text == """
            # HELP hostguard_info hostguard on this host: its environment, cluster and version (always 1).
            # TYPE hostguard_info gauge
            hostguard_info{environment="production",cluster="db",version="0.2.0"} 1
            # HELP hostguard_role The role this host observes for a cluster's service, and where it was read (always 1).
            # TYPE hostguard_role gauge
            hostguard_role{cluster="db",service="postgresql",data_dir="/var/lib/postgresql/15/main",role="standby",source="pg_control"} 1
            # HELP hostguard_role_declared The role config or inventory declares for this host in a cluster (always 1).
            # TYPE hostguard_role_declared gauge
            hostguard_role_declared{cluster="db",role="standby"} 1
            # HELP hostguard_role_conflict 1 when the observed role differs from the declared one.
            # TYPE hostguard_role_conflict gauge
            hostguard_role_conflict{cluster="db"} 0
            # HELP hostguard_replication_up 1 when replication was streaming at the last refresh, 0 when not.
            # TYPE hostguard_replication_up gauge
            hostguard_replication_up{cluster="db",data_dir="/var/lib/postgresql/15/main"} 1
            # HELP hostguard_replication_lag_bytes Bytes a standby's replay is behind what it received.
            # TYPE hostguard_replication_lag_bytes gauge
            hostguard_replication_lag_bytes{cluster="db",data_dir="/var/lib/postgresql/15/main"} 4096
            # HELP hostguard_maintenance 1 while a maintenance switch is in force on this host, with its reason.
            # TYPE hostguard_maintenance gauge
            hostguard_maintenance{reason=""} 0
            # HELP hostguard_stale_mount_processes Processes still using a stale mount, per mount point and kind of use.
            # TYPE hostguard_stale_mount_processes gauge
            # HELP hostguard_state_age_seconds Age of a hostguard state file when this file was written.
            # TYPE hostguard_state_age_seconds gauge
            hostguard_state_age_seconds{state="role"} 3
            # HELP hostguard_last_run_success 1 when the last run of a hostguard timer succeeded.
            # TYPE hostguard_last_run_success gauge
            hostguard_last_run_success{timer="refresh"} 1

            """)
    }

    @Test("HELP and TYPE lines are the same on every host, whatever it has")
    func sameFamiliesEverywhere() {
        func declarations(_ metrics: FleetMetrics) -> [Substring] {
            metrics.rendered().split(separator: "\n").filter { $0.hasPrefix("#") }
        }
        let bare = FleetMetrics(version: "0.2.0", environment: "unknown", cluster: "")
        var busy = Self.standbyHost()
        busy.maintenance = ["kernel upgrade"]
        busy.staleMounts = [.init(mountPoint: "/srv/pages", kind: "cwd", processes: 2)]
        #expect(declarations(bare) == declarations(busy))
        #expect(!bare.rendered().contains("hostguard_role{"))
    }

    // One row per case: (declared, observed, conflict).
    @Test("declared vs observed", arguments: [
        ([("db", "standby")], [("db", "primary")], [("db", true)]),
        ([("db", "primary")], [("db", "primary")], [("db", false)]),
        ([("db", "primary")], [], [("db", false)]),                        // nothing observed: no disagreement
        ([], [("db", "primary")], [("db", false)]),                         // nothing declared: nothing to disagree with
        ([("db", "standby")], [("db", "unknown")], [("db", true)]),        // live system does not confirm the label
        ([("db", "primary"), ("cache", "standby")], [("db", "primary"), ("cache", "primary")], [("db", false), ("cache", true)]),
    ] as [([(String, String)], [(String, String)], [(String, Bool)])])
    func conflicts(declared: [(String, String)], observed: [(String, String)], expected: [(String, Bool)]) {
        var metrics = FleetMetrics(version: "1", environment: "production", cluster: "db")
        metrics.declared = declared.map { (cluster: $0.0, role: $0.1) }
        metrics.observed = observed.map { .init(cluster: $0.0, service: "postgresql", dataDirectory: "/d", role: $0.1, source: "pg_control") }
        #expect(metrics.conflicts.map(\.cluster) == expected.map(\.0))
        #expect(metrics.conflicts.map(\.conflict) == expected.map(\.1))
    }

    @Test("label values keep every byte as one valid line (quotes, backslashes, newlines)")
    func escaping() {
        var metrics = FleetMetrics(version: "1", environment: "prod \"eu\"", cluster: "a\\b")
        metrics.maintenance = ["disk swap\nby alice"]
        metrics.staleMounts = [.init(mountPoint: "/srv/odd\"dir", kind: "fd", processes: 1)]
        let text = metrics.rendered()
        #expect(text.contains(#"hostguard_info{environment="prod \"eu\"",cluster="a\\b",version="1"} 1"#))
        #expect(text.contains(#"hostguard_maintenance{reason="disk swap\nby alice"} 1"#))
        #expect(text.contains(#"hostguard_stale_mount_processes{mount_point="/srv/odd\"dir",kind="fd"} 1"#))
        #expect(!text.contains("hostguard_maintenance{reason=\"\"}"))
    }

    @Test("numbers: integers plain, fractions kept, no exponent for byte counts")
    func numbers() {
        #expect(PrometheusText.number(0) == "0")
        #expect(PrometheusText.number(1_234_567_890_123) == "1234567890123")
        #expect(PrometheusText.number(0.25) == "0.25")
        #expect(PrometheusText.number(.nan) == "NaN")
    }
}

@Suite("Prometheus label escaping, shared by the mounts metrics")
struct PrometheusLabelTests {
    @Test("a CR LF in a mount point is escaped, not a line break (it was one grapheme to the old copy)")
    func crlf() {
        #expect(MountReport.label("/srv/a\r\nb\"c\\") == "/srv/a\r\\nb\\\"c\\\\")
        #expect(!MountReport.label("x\r\ny").contains("\n"))
    }
}
