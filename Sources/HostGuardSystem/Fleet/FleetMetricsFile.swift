import HostGuardCore

/// Writes the fleet's metrics (`[metrics] textfile`, by default node_exporter's
/// /var/lib/prometheus/node-exporter/hostguard.prom) from the state files, for both timers: the
/// refresh after it wrote the role state, the mounts run after it wrote its summary. Each renders
/// the whole file from both states, so neither overwrites the other's numbers with nothing.
public enum FleetMetricsFile {
    /// The mounts run's summary beside the role state: `$HOSTGUARD_STATE_DIR/mounts.summary`.
    public static func summaryPath() -> String { HostLocations.stateDirectory() + "/mounts.summary" }

    /// Believed on the role state's terms (`RoleStateFile.believed`), checked on the file that was
    /// read: one open, non-blocking, regular files only.
    public static func readSummary(_ path: String = summaryPath()) -> StaleMountSummary? {
        guard let read = try? system_readFileAndStatus(path, limit: 1 << 20, followSymlinks: false),
              RoleStateFile.believed(owner: read.status.owner, permissions: read.status.permissions,
                                     reader: system_effectiveUserID()) else { return nil }
        return StaleMountSummary.decode(String(decoding: read.bytes, as: UTF8.self)[...])
    }

    public static func writeSummary(_ summary: StaleMountSummary, to path: String = summaryPath()) throws(SystemError) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try system_makeDirectory(String(path[..<slash]), mode: 0o755, existingIsFine: true)
        }
        try system_writeFileAtomically(path, Array(summary.encoded().utf8), mode: 0o644)
    }

    /// Gathers the state files, decides the metrics (`FleetMetrics.observe`) and writes them
    /// atomically (temporary file + rename in the same directory, as node_exporter's textfile
    /// collector asks). Nothing is written when metrics are off or the directory does not exist
    /// (no node_exporter here): nil then, as on success.
    public static func write(identity: HostIdentity, config: HostGuardConfig, refreshSucceeded: Bool?, version: String) -> SystemError? {
        guard let path = config.metrics.textfile, let slash = path.lastIndex(of: "/") else { return nil }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        guard let info = try? system_stat(directory), info.isDirectory else { return nil }
        var observation = FleetObservation(
            version: version, identity: identity, config: config, roleState: RoleStateStore.read(),
            mounts: readSummary(), now: system_wallClockSeconds())
        observation.refreshSucceeded = refreshSucceeded
        observation.replication = ReplicationStore.read()
        observation.maintenance = MaintenanceStore.read(details: false)
        let text = FleetMetrics.observe(observation).rendered()
        do {
            try system_writeFileAtomically(path, Array(text.utf8), mode: 0o644)
            return nil
        } catch {
            return error
        }
    }
}
