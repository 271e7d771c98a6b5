import HostGuardCore

/// How much a run of the probes may do.
public enum ProbeMode: Sendable {
    /// Every Enter: only cheap reads (pg_control of known directories, getifaddrs, a file);
    /// no /proc scan, no commands. What it cannot read comes from the state file.
    case prompt
    /// `status`, the guard: every probe, live; the state file only where this user may not read.
    case fresh
    /// `status --refresh`: every probe, live, nothing from the state file (this writes it).
    case refresh
}

/// What a run of the probes found: results for the resolver, notices for the prompt, and
/// the live results per probe (what `--refresh` writes).
public struct ProbeRun: Sendable {
    public var results: [ProbeResult] = []
    public var notices: [PromptNotice] = []
    public var live: [(fingerprint: String, results: [ProbeResult])] = []
}

/// Runs configured probes for a purpose. Probe failures never throw: each becomes a result
/// with a reason, so the role is shown unknown rather than guessed.
public enum ProbeRunner {
    public static func run(
        _ specs: [ProbeSpec], mode: ProbeMode, state: RoleStateFile?, statePath: String = RoleStateStore.path(),
        now: Int64 = Int64(system_wallClockSeconds()), procRoot: String = "/proc", root: String = ""
    ) -> ProbeRun {
        run(specs, mode: mode, loadState: { state }, statePath: statePath, now: now, procRoot: procRoot, root: root)
    }

    /// As above, reading the state file only if some probe needs it (root's prompt with a
    /// readable data directory never does: a few syscalls saved on every Enter).
    public static func run(
        _ specs: [ProbeSpec], mode: ProbeMode, loadState: () -> RoleStateFile?, statePath: String = RoleStateStore.path(),
        now: Int64 = Int64(system_wallClockSeconds()), procRoot: String = "/proc", root: String = ""
    ) -> ProbeRun {
        var loaded = false
        var cachedState: RoleStateFile?
        func stateFile() -> RoleStateFile? {
            if !loaded { loaded = true; cachedState = loadState() }
            return cachedState
        }
        var run = ProbeRun()
        var staleNoticeGiven = false
        var missingNoticeGiven = false
        for spec in specs {
            let configuration: ProbeConfiguration
            switch ProbeConfiguration.from(spec) {
            case .failure(let diagnostic):
                run.results.append(ProbeResult(kind: spec.kind, subject: "\(spec.file): \(spec.key)", role: nil,
                                               reason: "invalid settings: \(diagnostic.description)"))
                continue
            case .success(let decoded):
                configuration = decoded
            }
            // The state is consulted only where it can matter: discovery on the prompt path (the
            // directories the last refresh found), a command on the prompt path, and any probe
            // this user lacks the privilege to run.
            func saved() -> [ProbeResult]? { mode == .refresh ? nil : stateFile()?.results(for: spec.fingerprint) }
            var answer: LiveAnswer?
            switch configuration {
            case .postgresql(let directory):
                let known = directory == nil && mode == .prompt ? (saved()?.map(\.subject).filter { $0.hasPrefix("/") } ?? []) : []
                answer = PostgresProbe.run(dataDirectory: directory, discover: mode != .prompt, knownDirectories: known,
                                           procRoot: procRoot, root: root)
            case .address(let settings):
                answer = AddressProbe.run(settings)
            case .command(let settings):
                if mode != .prompt { answer = CommandProbe.run(settings) }
            case .file(let settings):
                answer = FileProbe.run(settings, now: now)
            }
            if let answer, mode == .refresh || !answer.needsPrivilege || saved() == nil {
                var results = answer.results
                if answer.needsPrivilege && mode != .refresh {
                    if !missingNoticeGiven {
                        missingNoticeGiven = true
                        run.notices.append(PromptNotice("no role state: enable hostguard-refresh.timer"))
                    }
                    results = results.map { result in
                        var copy = result
                        copy.facts.append("no state file at \(statePath) (run hostguard status --refresh as root)")
                        return copy
                    }
                }
                run.results += results
                run.live.append((fingerprint: spec.fingerprint, results: answer.results))
                // Several clusters, some unknown: the prompt shows the one that matters most,
                // and says that not all could be read.
                let unknown = results.filter { $0.role == nil }.count
                if results.count > 1, unknown > 0, unknown < results.count {
                    run.notices.append(PromptNotice("\(unknown) of \(results.count) \(spec.kind) unknown"))
                }
                continue
            }
            // Not run here (a command on the prompt path) or not readable by this user: the
            // answer root's last refresh wrote.
            if let saved = saved(), let state = stateFile() {
                let age = now - state.written
                let ageText = RoleStateFile.describeAge(seconds: age)
                run.results += saved.map { result in
                    var copy = result
                    copy.facts.append("from \(statePath), written \(ageText) ago by hostguard status --refresh")
                    return copy
                }
                if age > RoleStateStore.staleAfterSeconds, !staleNoticeGiven {
                    staleNoticeGiven = true
                    run.notices.append(PromptNotice("role state \(ageText) old"))
                }
            } else {
                if !missingNoticeGiven {
                    missingNoticeGiven = true
                    run.notices.append(PromptNotice("no role state: enable hostguard-refresh.timer"))
                }
                run.results.append(ProbeResult(
                    kind: spec.kind, subject: subject(of: configuration),
                    role: nil, reason: "not run on the prompt path and no state file at \(statePath) (run hostguard status --refresh as root, or enable hostguard-refresh.timer)"))
            }
        }
        return run
    }

    static func subject(of configuration: ProbeConfiguration) -> String {
        switch configuration {
        case .postgresql(let directory): return directory ?? "discovery"
        case .address(let settings): return settings.addresses.joined(separator: ", ")
        case .command(let settings): return settings.arguments.joined(separator: " ")
        case .file(let settings): return settings.path
        }
    }
}
