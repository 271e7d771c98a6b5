/// What one host tells the fleet, as node_exporter's textfile collector reads it
/// (`hostguard.prom` in its `--collector.textfile.directory`). The role a host *observes* (from
/// pg_control, a probe) is exported beside the role it is *declared* to have (config,
/// inventory): the 2017 db1/db2 confusion is that pair disagreeing, and two hosts observing
/// `primary` for one cluster is a split brain. Prometheus's rules
/// (Packaging/prometheus/hostguard.rules.yml) turn these into alerts across hosts.
///
/// Conventions (node_exporter's textfile collector, docs/TEXTFILE.md in its source): no sample
/// timestamps, the same HELP and TYPE on every host, no pid labels; `timer` rather than `job`,
/// which Prometheus sets on every target itself.
public struct FleetMetrics: Sendable, Equatable {
    public struct ObservedRole: Sendable, Equatable {
        public var cluster: String
        public var service: String
        public var dataDirectory: String
        /// "primary", "standby", another name as written, or "unknown".
        public var role: String
        /// Where it was read: "pg_control", "probe:address", "probe:command", "config" …
        public var source: String

        public init(cluster: String, service: String, dataDirectory: String, role: String, source: String) {
            self.cluster = cluster
            self.service = service
            self.dataDirectory = dataDirectory
            self.role = role
            self.source = source
        }
    }

    public struct Replication: Sendable, Equatable {
        public var cluster: String
        public var dataDirectory: String
        /// Streaming (a standby's receiver, or a primary's expected standbys) as last read.
        public var up: Bool
        /// Bytes the standby's replay is behind what it received; nil when not read.
        public var lagBytes: Int64?

        public init(cluster: String, dataDirectory: String, up: Bool, lagBytes: Int64?) {
            self.cluster = cluster
            self.dataDirectory = dataDirectory
            self.up = up
            self.lagBytes = lagBytes
        }
    }

    public struct StaleMount: Sendable, Equatable {
        public var mountPoint: String
        /// cwd, root, fd, mmap, namespace (the `mounts --json` kinds).
        public var kind: String
        public var processes: Int

        public init(mountPoint: String, kind: String, processes: Int) {
            self.mountPoint = mountPoint
            self.kind = kind
            self.processes = processes
        }
    }

    public var version: String
    /// The environment label; "unknown" when no trusted config says.
    public var environment: String
    /// This host's cluster; empty when none is configured.
    public var cluster: String
    public var observed: [ObservedRole] = []
    /// Declared role per cluster (config `[host] role` or the inventory rule that matched).
    public var declared: [(cluster: String, role: String)] = []
    public var replication: [Replication] = []
    /// Reasons of the maintenance switches in force (empty: none).
    public var maintenance: [String] = []
    public var staleMounts: [StaleMount] = []
    /// Age in seconds of each state file at the time of writing ("role", "mounts").
    public var stateAges: [(state: String, seconds: Double)] = []
    /// Whether the last run of each timer ("refresh", "mounts") succeeded.
    public var lastRunSuccess: [(timer: String, success: Bool)] = []

    public init(version: String, environment: String, cluster: String) {
        self.version = version
        self.environment = environment
        self.cluster = cluster
    }

    public static func == (lhs: FleetMetrics, rhs: FleetMetrics) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Clusters where the observed role differs from the declared one. A cluster with a declared
    /// role but no observation is no conflict (nothing observed to disagree); "unknown" observed
    /// is (the live system does not confirm the label).
    public var conflicts: [(cluster: String, conflict: Bool)] {
        var clusters: [String] = []
        for name in declared.map(\.cluster) + observed.map(\.cluster) where !clusters.contains(name) { clusters.append(name) }
        return clusters.map { cluster in
            let declaredRoles = declared.filter { $0.cluster == cluster }.map(\.role)
            let observedRoles = observed.filter { $0.cluster == cluster }.map(\.role)
            let conflict = !declaredRoles.isEmpty && observedRoles.contains { !declaredRoles.contains($0) }
            return (cluster, conflict)
        }
    }

    /// The textfile: every family's HELP and TYPE, then its samples, in a fixed order.
    public func rendered() -> String {
        var out = PrometheusText()
        out.family("hostguard_info", type: "gauge", help: "hostguard on this host: its environment, cluster and version (always 1).")
        out.sample("hostguard_info", [("environment", environment), ("cluster", cluster), ("version", version)], 1)

        out.family("hostguard_role", type: "gauge", help: "The role this host observes for a cluster's service, and where it was read (always 1).")
        for role in observed {
            out.sample("hostguard_role", [("cluster", role.cluster), ("service", role.service), ("data_dir", role.dataDirectory),
                                          ("role", role.role), ("source", role.source)], 1)
        }
        out.family("hostguard_role_declared", type: "gauge", help: "The role config or inventory declares for this host in a cluster (always 1).")
        for role in declared {
            out.sample("hostguard_role_declared", [("cluster", role.cluster), ("role", role.role)], 1)
        }
        out.family("hostguard_role_conflict", type: "gauge", help: "1 when the observed role differs from the declared one.")
        for entry in conflicts {
            out.sample("hostguard_role_conflict", [("cluster", entry.cluster)], entry.conflict ? 1 : 0)
        }

        out.family("hostguard_replication_up", type: "gauge", help: "1 when replication was streaming at the last refresh, 0 when not.")
        for entry in replication {
            out.sample("hostguard_replication_up", [("cluster", entry.cluster), ("data_dir", entry.dataDirectory)], entry.up ? 1 : 0)
        }
        out.family("hostguard_replication_lag_bytes", type: "gauge", help: "Bytes a standby's replay is behind what it received.")
        for entry in replication {
            if let lag = entry.lagBytes {
                out.sample("hostguard_replication_lag_bytes", [("cluster", entry.cluster), ("data_dir", entry.dataDirectory)], Double(lag))
            }
        }

        out.family("hostguard_maintenance", type: "gauge", help: "1 while a maintenance switch is in force on this host, with its reason.")
        if maintenance.isEmpty {
            out.sample("hostguard_maintenance", [("reason", "")], 0)
        }
        for reason in maintenance {
            out.sample("hostguard_maintenance", [("reason", reason)], 1)
        }

        out.family("hostguard_stale_mount_processes", type: "gauge", help: "Processes still using a stale mount, per mount point and kind of use.")
        for mount in staleMounts {
            out.sample("hostguard_stale_mount_processes", [("mount_point", mount.mountPoint), ("kind", mount.kind)], Double(mount.processes))
        }

        out.family("hostguard_state_age_seconds", type: "gauge", help: "Age of a hostguard state file when this file was written.")
        for age in stateAges {
            out.sample("hostguard_state_age_seconds", [("state", age.state)], age.seconds)
        }
        out.family("hostguard_last_run_success", type: "gauge", help: "1 when the last run of a hostguard timer succeeded.")
        for run in lastRunSuccess {
            out.sample("hostguard_last_run_success", [("timer", run.timer)], run.success ? 1 : 0)
        }
        return out.text
    }
}
