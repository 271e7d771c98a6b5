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

/// One live reading of one probe: its results, and whether it failed only for lack of
/// privilege (then a root-written state file may answer instead).
public struct LiveProbeAnswer: Equatable, Sendable {
    public var results: [ProbeResult]
    public var needsPrivilege: Bool

    public init(results: [ProbeResult], needsPrivilege: Bool = false) {
        self.results = results
        self.needsPrivilege = needsPrivilege
    }
}

/// What a run of the probes found: results for the resolver, notices for the prompt, and
/// the live results per probe (what `--refresh` writes).
public struct ProbeRun: Sendable {
    public var results: [ProbeResult] = []
    public var notices: [PromptNotice] = []
    public var live: [(fingerprint: String, results: [ProbeResult])] = []

    public init() {}
}

/// The decisions around running probes, apart from the reading itself (HostGuardSystem's
/// `ProbeRunner` reads): which probes run live in a mode, when the root-written state file is
/// needed, and how live answers and saved ones merge into results and prompt notices.
public enum ProbeMerge {
    /// Whether a probe is read live in this mode. A command probe never runs on the prompt's
    /// path: it spawns a process and may take seconds.
    public static func runsLive(_ configuration: ProbeConfiguration, mode: ProbeMode) -> Bool {
        if case .command = configuration { return mode != .prompt }
        return true
    }

    /// A PostgreSQL probe with no data_dir: scan /proc for postmasters everywhere but the prompt,
    /// which inspects the directories the last refresh found instead (no /proc scan per Enter).
    public static func discoversByProcessScan(mode: ProbeMode) -> Bool { mode != .prompt }

    /// Whether the state file must be read for this probe's answer (nil: not run live).
    public static func needsSavedState(_ answer: LiveProbeAnswer?, mode: ProbeMode) -> Bool {
        mode != .refresh && (answer?.needsPrivilege ?? true)
    }

    /// One probe as gathered: its spec, and its live answer (nil when not run in this mode or
    /// when its settings are invalid).
    public struct Gathered: Sendable {
        public var spec: ProbeSpec
        public var answer: LiveProbeAnswer?

        public init(spec: ProbeSpec, answer: LiveProbeAnswer?) {
            self.spec = spec
            self.answer = answer
        }
    }

    /// Merges live answers with the state file (`state`, read only when some probe needed it):
    /// - a live answer counts, except where it failed for lack of privilege and root's last
    ///   refresh has an answer for the same probe (fingerprint);
    /// - a probe not run live, or not readable by this user, takes the saved answer with its age,
    ///   and "role state 10m old" once when older than `staleAfter`;
    /// - with neither, the result is unknown and the prompt says "no role state: enable
    ///   hostguard-refresh.timer" once.
    public static func merge(
        _ probes: [Gathered], mode: ProbeMode, state: RoleStateFile?, statePath: String, now: Int64, staleAfter: Int64
    ) -> ProbeRun {
        var run = ProbeRun()
        var staleNoticeGiven = false
        var missingNoticeGiven = false
        func missingNotice() {
            if !missingNoticeGiven {
                missingNoticeGiven = true
                run.notices.append(PromptNotice("no role state: enable hostguard-refresh.timer"))
            }
        }
        for probe in probes {
            let spec = probe.spec
            let configuration: ProbeConfiguration
            switch spec.configuration {
            case .failure(let diagnostic):
                run.results.append(ProbeResult(kind: spec.kind, subject: "\(spec.file): \(spec.key)", role: nil,
                                               reason: "invalid settings: \(diagnostic.description)"))
                continue
            case .success(let decoded):
                configuration = decoded
            }
            let saved = mode == .refresh ? nil : state?.results(for: spec.fingerprint)
            if let answer = probe.answer, mode == .refresh || !answer.needsPrivilege || saved == nil {
                var results = answer.results
                if answer.needsPrivilege && mode != .refresh {
                    missingNotice()
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
            if let saved, let state {
                let age = now - state.written
                let ageText = RoleStateFile.describeAge(seconds: age)
                run.results += saved.map { result in
                    var copy = result
                    copy.facts.append("from \(statePath), written \(ageText) ago by hostguard status --refresh")
                    return copy
                }
                if age > staleAfter, !staleNoticeGiven {
                    staleNoticeGiven = true
                    run.notices.append(PromptNotice("role state \(ageText) old"))
                }
            } else {
                missingNotice()
                run.results.append(ProbeResult(
                    kind: spec.kind, subject: subject(of: configuration),
                    role: nil, reason: "not run on the prompt path and no state file at \(statePath) (run hostguard status --refresh as root, or enable hostguard-refresh.timer)"))
            }
        }
        return run
    }

    /// What a probe looks at, in words, when it has no result of its own to say so.
    public static func subject(of configuration: ProbeConfiguration) -> String {
        switch configuration {
        case .postgresql(let directory): return directory ?? "discovery"
        case .address(let settings): return settings.addresses.joined(separator: ", ")
        case .command(let settings): return settings.arguments.joined(separator: " ")
        case .file(let settings): return settings.path
        }
    }
}
