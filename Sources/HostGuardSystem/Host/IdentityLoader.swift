import HostGuardCore

/// Gathers what Core needs to decide identity (host name, config, live probe results) and asks
/// Core to decide. The only place that wires the live system to `IdentityResolver`.
public enum IdentityLoader {
    /// Runs the configured live-role probes. Replaced by the probe runner once probes exist;
    /// until then a configured probe gives no answer, so the role is shown as unknown.
    public nonisolated(unsafe) static var runProbes: ([ProbeSpec]) -> [ProbeResult] = { specs in
        specs.map { ProbeResult(kind: $0.kind, subject: "\($0.file): \($0.key)", role: nil, reason: "probe kind not supported by this build") }
    }

    public static func load(_ locations: ConfigLocations = .fromEnvironment()) -> (HostIdentity, HostGuardConfig) {
        let host = HostNameReader.read()
        let config = ConfigLoader.load(locations)
        let probes = config.systemConfigIsBroken ? [] : runProbes(config.probes)
        return (IdentityResolver.resolve(host: host, config: config, probes: probes), config)
    }
}
