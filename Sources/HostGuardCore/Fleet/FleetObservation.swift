/// Everything the timers know about this host, gathered by the system layer, from which the
/// fleet's metrics are decided (`FleetMetrics.observe`). Plain values: a test is a table.
public struct FleetObservation: Sendable {
    public var version: String
    public var identity: HostIdentity
    public var config: HostGuardConfig
    /// The refresh's role state file, as written (nil: none yet, or unreadable).
    public var roleState: RoleStateFile?
    /// The last mounts run's summary (nil: the mounts timer has not run).
    public var mounts: StaleMountSummary?
    /// The refresh's replication reading per cluster (nil: none yet).
    public var replication: ReplicationStateFile?
    /// The maintenance record and well-known switches in force (nil: not read).
    public var maintenance: MaintenanceState?
    /// Whether the refresh that is writing now succeeded (nil when the mounts run writes).
    public var refreshSucceeded: Bool?
    /// Now, seconds since the epoch (for the state ages).
    public var now: Double

    public init(version: String, identity: HostIdentity, config: HostGuardConfig, roleState: RoleStateFile?,
                mounts: StaleMountSummary?, now: Double) {
        self.version = version
        self.identity = identity
        self.config = config
        self.roleState = roleState
        self.mounts = mounts
        self.now = now
    }
}

extension FleetMetrics {
    /// Where a probe kind's role is read, as the `source` label says it.
    static func source(ofProbe kind: String) -> String {
        kind == "postgresql" ? "pg_control" : "probe:" + kind
    }

    /// The metrics one host exports. Observed roles are what its probes last read (the role state
    /// file, one per probe result); where no probe is configured, a static label counts as
    /// observed from `config` or `inventory`, so every host with a role reports one. The declared
    /// role is the label config or inventory gives, whether or not a probe overrides it.
    public static func observe(_ observation: FleetObservation) -> FleetMetrics {
        let identity = observation.identity
        let config = observation.config
        let cluster = identity.cluster ?? ""
        var metrics = FleetMetrics(version: observation.version, environment: identity.environment?.name ?? Vocabulary.unknownValue, cluster: cluster)

        let inventoryRole = config.inventory.first { $0.match(identity.hostName) != nil }?.role
        let declared = config.host.role.map { ($0.value, "config") } ?? inventoryRole.map { ($0, "inventory") }
        if let declared, !config.systemConfigIsBroken {
            metrics.declared = [(cluster: cluster, role: Role(Role.kind(named: declared.0)).name)]
        }

        if !config.probes.isEmpty {
            let fingerprints = Set(config.probes.map(\.fingerprint))
            for probe in observation.roleState?.probes ?? [] where fingerprints.contains(probe.fingerprint) {
                for result in probe.results {
                    metrics.observed.append(ObservedRole(
                        cluster: cluster, service: result.role?.service ?? result.kind,
                        dataDirectory: result.kind == "postgresql" ? result.subject : "",
                        role: result.role?.name ?? Vocabulary.unknownValue, source: source(ofProbe: result.kind)))
                }
            }
        } else if let declared, case .known(let role) = identity.role {
            metrics.observed.append(ObservedRole(cluster: cluster, service: role.service ?? "", dataDirectory: "",
                                                 role: role.name, source: declared.1))
        }

        for entry in observation.replication?.clusters ?? [] {
            let up: Bool
            var lag: Int64?
            switch entry.reading {
            case .standby(let standby):
                up = standby.state == .streaming
                lag = standby.lagBytes
            case .primary(let primary):
                // A primary's replication is up while it has the standbys config expects.
                up = primary.standbys.filter { $0.state == "streaming" }.count >= entry.expectStandbys
            case .notAnswering:
                up = false
            }
            metrics.replication.append(Replication(cluster: cluster, dataDirectory: entry.dataDirectory, up: up, lagBytes: lag))
        }
        if let maintenance = observation.maintenance {
            if let record = maintenance.active { metrics.maintenance.append(record.reason) }
            metrics.maintenance += maintenance.switches.map(\.kind.rawValue)
        }
        metrics.staleMounts = observation.mounts?.stale ?? []
        if let written = observation.roleState?.written {
            metrics.stateAges.append((state: "role", seconds: max(0, observation.now - Double(written))))
        }
        if let mounts = observation.mounts {
            metrics.stateAges.append((state: "mounts", seconds: max(0, observation.now - Double(mounts.finishedAt))))
        }
        if let refreshed = observation.refreshSucceeded {
            metrics.lastRunSuccess.append((timer: "refresh", success: refreshed))
        }
        if let mounts = observation.mounts {
            metrics.lastRunSuccess.append((timer: "mounts", success: mounts.succeeded))
        }
        return metrics
    }
}
