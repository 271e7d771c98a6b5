import HostGuardCore

/// Why identity is being loaded: each purpose reads what it needs and no more.
public enum LoadPurpose: Sendable, Equatable {
    /// Every Enter of every engineer: cached config, cheap probe reads only, bounded in time;
    /// /etc/machine-info only when config does not name the environment.
    case prompt
    /// `hostguard status`: config parsed afresh, every probe live, every source looked at (so
    /// `--explain` can show what was set aside).
    case status
    /// The guard: every probe live. For root the config comes through the prompt's cache: the
    /// same result as parsing (the cache holds only while no config file, drop-in directory or
    /// directory or link on the way to them has changed), in a directory only root can write,
    /// and it saves the TOML parse (~0.8 ms of a 3 ms budget). Other users parse afresh: their
    /// cache is theirs to write.
    case guardDecision
    /// `hostguard status --refresh`: every probe live, nothing from the state file, which this
    /// then writes to `statePath`.
    case refresh(statePath: String)
}

/// What loading found: the identity Core decided, the config it came from, the notices the
/// probes want shown in the prompt ("role state 10m old"), and for a refresh the state file's
/// write error.
public struct LoadedIdentity: Sendable {
    public var identity: HostIdentity
    public var config: HostGuardConfig
    public var notices: [PromptNotice]
    public var stateWriteFailure: SystemError?
    /// The probes' results, in config order (the prompt watches the files they read).
    public var probeResults: [ProbeResult] = []
}

/// Where a load has got to, for a caller that must show something if the next step does not
/// answer (the prompt's watchdog): the user's file may sit on a network home, a data directory
/// on a dead mount.
public enum LoadProgress: Sendable {
    /// The system config is read; the user's file is next.
    case readingUserConfig(HostName, HostGuardConfig)
    /// All config is read; the probes are next.
    case probing(HostName, HostGuardConfig)
}

/// Gathers what Core needs to decide identity (host name, config, live probe results,
/// machine-info) and asks Core to decide. The one place that wires the live system to
/// `IdentityResolver`: the prompt, `status`, the guard and the refresh all load through `load`.
public enum IdentityLoader {
    /// `/etc/machine-info`, or `$HOSTGUARD_MACHINE_INFO` (tests; an operator with the file
    /// elsewhere).
    public static func machineInfoPath() -> String {
        if let override = system_getenv("HOSTGUARD_MACHINE_INFO"), override.hasPrefix("/") { return override }
        return "/etc/machine-info"
    }

    public static func load(
        _ purpose: LoadPurpose, locations: ConfigLocations = .fromEnvironment(), timings: StepTimer? = nil,
        progress: ((LoadProgress) -> Void)? = nil
    ) -> LoadedIdentity {
        let host = timings.measure("host name (uname, /etc/hosts)") { HostNameReader.read() }
        let config: HostGuardConfig
        let mode: ProbeMode
        var statePath = RoleStateStore.path()
        switch purpose {
        case .prompt:
            config = ConfigLoader.loadCached(locations, timings: timings,
                                             beforeUserFile: progress.map { report in { report(.readingUserConfig(host, $0)) } })
            mode = .prompt
        case .status:
            config = ConfigLoader.load(locations, timings: timings)
            mode = .fresh
        case .guardDecision:
            config = system_effectiveUserID() == 0
                ? ConfigLoader.loadCached(locations, timings: timings) : ConfigLoader.load(locations, timings: timings)
            mode = .fresh
        case .refresh(let path):
            config = ConfigLoader.load(locations, timings: timings)
            mode = .refresh
            statePath = path
        }
        var run = ProbeRun()
        if !config.systemConfigIsBroken && !config.probes.isEmpty {
            progress?(.probing(host, config))
            run = ProbeRunner.run(config.probes, mode: mode, loadState: { [statePath] in RoleStateStore.read(statePath) },
                                  statePath: statePath, timings: timings)
        }
        var machineInfo = MachineInfoReading.notRead
        if purpose != .prompt && !config.systemConfigIsBroken || IdentityResolver.needsMachineInfo(host: host, config: config) {
            machineInfo = timings.measure("machine-info \(machineInfoPath())") { readMachineInfo(machineInfoPath()) }
        }
        var failure: SystemError?
        if case .refresh = purpose, !config.systemConfigIsBroken {
            do {
                try RoleStateStore.write(RoleStateFile(written: Int64(system_wallClockSeconds()), probes: run.live), to: statePath)
            } catch {
                failure = error
            }
        }
        let identity = timings.measure("decide identity") {
            IdentityResolver.resolve(host: host, config: config, probes: run.results, machineInfo: machineInfo)
        }
        return LoadedIdentity(identity: identity, config: config, notices: run.notices, stateWriteFailure: failure,
                              probeResults: run.results)
    }

    /// Reads DEPLOYMENT= with the safe reader (a FIFO or device planted there is refused, not
    /// waited on).
    static func readMachineInfo(_ path: String) -> MachineInfoReading {
        do {
            let text = try system_readText(path, limit: 64 << 10)
            guard let value = MachineInfo.deployment(in: text[...]) else { return .absent(path: path, why: "no DEPLOYMENT= line") }
            return .deployment(path: path, value: value)
        } catch {
            return .absent(path: path, why: error.isNotFound ? "absent" : "\(error)")
        }
    }
}
