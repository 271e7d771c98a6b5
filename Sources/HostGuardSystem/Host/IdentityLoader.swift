import HostGuardCore

/// Why identity is being loaded: the prompt must be fast and never block; status and the guard
/// must be fresh and complete.
public enum LoadPurpose: Sendable {
    /// Every Enter of every engineer: cached config, cheap probe reads only, bounded in time.
    case prompt
    /// `hostguard status`, the guard: read everything now.
    case fresh
}

/// Gathers what Core needs to decide identity (host name, config, live probe results) and asks
/// Core to decide. The only place that wires the live system to `IdentityResolver`.
public enum IdentityLoader {
    public static func load(
        _ locations: ConfigLocations = .fromEnvironment(), purpose: LoadPurpose = .fresh
    ) -> (HostIdentity, HostGuardConfig) {
        let (identity, config, _) = loadWithNotices(locations, purpose: purpose)
        return (identity, config)
    }

    /// As `load`, plus the notices the probes want shown in the prompt ("role state 10m old",
    /// "no role state: enable hostguard-refresh.timer").
    public static func loadWithNotices(
        _ locations: ConfigLocations = .fromEnvironment(), purpose: LoadPurpose = .fresh
    ) -> (HostIdentity, HostGuardConfig, [PromptNotice]) {
        let host = HostNameReader.read()
        let config = purpose == .prompt ? ConfigLoader.loadCached(locations) : ConfigLoader.load(locations)
        let run = config.systemConfigIsBroken ? ProbeRun() : runProbes(config.probes, purpose == .prompt ? .prompt : .fresh)
        return (IdentityResolver.resolve(host: host, config: config, probes: run.results), config, run.notices)
    }

    /// `hostguard status --refresh`: runs every probe live and writes the state file the prompt
    /// reads when it cannot probe itself. Returns the identity and the write error, if any.
    public static func refresh(
        _ locations: ConfigLocations = .fromEnvironment(), statePath: String = RoleStateStore.path()
    ) -> (HostIdentity, HostGuardConfig, SystemError?) {
        let host = HostNameReader.read()
        let config = ConfigLoader.load(locations)
        let run = config.systemConfigIsBroken ? ProbeRun() : ProbeRunner.run(config.probes, mode: .refresh, state: nil, statePath: statePath)
        var failure: SystemError?
        if !config.systemConfigIsBroken {
            do {
                try RoleStateStore.write(RoleStateFile(written: Int64(system_wallClockSeconds()), probes: run.live), to: statePath)
            } catch {
                failure = error
            }
        }
        return (IdentityResolver.resolve(host: host, config: config, probes: run.results), config, failure)
    }

    /// Runs the configured live-role probes for a mode; see `ProbeRunner`.
    public static func runProbes(_ specs: [ProbeSpec], _ mode: ProbeMode) -> ProbeRun {
        guard !specs.isEmpty else { return ProbeRun() }
        let statePath = RoleStateStore.path()
        return ProbeRunner.run(specs, mode: mode, loadState: { RoleStateStore.read(statePath) }, statePath: statePath)
    }
}
