import HostGuardCore

/// Reads the configured probes for a mode and hands what it read to Core's `ProbeMerge`.
/// Probe failures never throw: each becomes a result with a reason, so the role is shown
/// unknown rather than guessed.
public enum ProbeRunner {
    public static func run(
        _ specs: [ProbeSpec], mode: ProbeMode, state: RoleStateFile?, statePath: String = RoleStateStore.path(),
        now: Int64 = Int64(system_wallClockSeconds()), procRoot: String = "/proc", root: String = ""
    ) -> ProbeRun {
        run(specs, mode: mode, loadState: { state }, statePath: statePath, now: now, procRoot: procRoot, root: root)
    }

    /// As above, reading the state file only if some probe needs it (root's prompt with a
    /// readable data directory never does: a few syscalls saved on every Enter). `timings`, when
    /// given, gets the wall time of each probe and of the state file read.
    public static func run(
        _ specs: [ProbeSpec], mode: ProbeMode, loadState: () -> RoleStateFile?, statePath: String = RoleStateStore.path(),
        now: Int64 = Int64(system_wallClockSeconds()), procRoot: String = "/proc", root: String = "",
        timings: StepTimer? = nil
    ) -> ProbeRun {
        var loaded = false
        var cachedState: RoleStateFile?
        func stateFile() -> RoleStateFile? {
            if !loaded {
                loaded = true
                cachedState = timings.measure("state file \(statePath)") { loadState() }
            }
            return cachedState
        }
        var gathered: [ProbeMerge.Gathered] = []
        for (index, spec) in specs.enumerated() {
            guard case .success(let configuration) = spec.configuration, ProbeMerge.runsLive(configuration, mode: mode) else {
                gathered.append(ProbeMerge.Gathered(spec: spec, answer: nil))
                continue
            }
            let answer = timings.measure("probe \(index + 1) (\(spec.kind): \(ProbeMerge.subject(of: configuration)))") {
                read(configuration, spec: spec, mode: mode, saved: stateFile, now: now, procRoot: procRoot, root: root)
            }
            gathered.append(ProbeMerge.Gathered(spec: spec, answer: answer))
        }
        let needed = gathered.contains { ProbeMerge.needsSavedState($0.answer, mode: mode) }
        return ProbeMerge.merge(gathered, mode: mode, state: needed ? stateFile() : nil, statePath: statePath,
                                now: now, staleAfter: RoleStateStore.staleAfterSeconds)
    }

    /// One probe, read live.
    static func read(
        _ configuration: ProbeConfiguration, spec: ProbeSpec, mode: ProbeMode, saved: () -> RoleStateFile?,
        now: Int64, procRoot: String, root: String
    ) -> LiveProbeAnswer {
        switch configuration {
        case .postgresql(let directory):
            let discover = ProbeMerge.discoversByProcessScan(mode: mode)
            // The directories the last refresh found, for a prompt that does not scan /proc.
            let known = directory == nil && !discover && mode != .refresh
                ? (saved()?.results(for: spec.fingerprint)?.map(\.subject).filter { $0.hasPrefix("/") } ?? []) : []
            return PostgresProbe.run(dataDirectory: directory, discover: discover, knownDirectories: known,
                                     procRoot: procRoot, root: root)
        case .address(let settings):
            return AddressProbe.run(settings)
        case .command(let settings):
            return CommandProbe.run(settings)
        case .file(let settings):
            return FileProbe.run(settings, now: now)
        }
    }
}
