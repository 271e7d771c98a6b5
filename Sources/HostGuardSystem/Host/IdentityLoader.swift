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
        let host = HostNameReader.read()
        let config = purpose == .prompt ? ConfigLoader.loadCached(locations) : ConfigLoader.load(locations)
        let probes = config.systemConfigIsBroken ? [] : runProbes(config.probes, purpose)
        return (IdentityResolver.resolve(host: host, config: config, probes: probes), config)
    }

    /// Runs the configured live-role probes. Until probes exist a configured probe gives no
    /// answer, so the role is shown as unknown rather than guessed.
    static func runProbes(_ specs: [ProbeSpec], _ purpose: LoadPurpose) -> [ProbeResult] {
        specs.map {
            ProbeResult(kind: $0.kind, subject: "\($0.file): \($0.key)", role: nil, reason: "probe kind not supported by this build")
        }
    }
}
