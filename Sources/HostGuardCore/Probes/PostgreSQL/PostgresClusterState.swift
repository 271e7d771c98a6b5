/// What was read from one PostgreSQL data directory, before any decision: gathered by
/// `PostgresCluster.inspect` in HostGuardSystem, or built by hand in a test.
public struct PostgresDataDirectoryReading: Equatable, Sendable {
    public var dataDirectory: String
    /// The decoded pg_control, or why it could not be read or decoded (already in words).
    public var control: Result<PostgresControlFile, PostgresReadFailure>
    /// PG_VERSION, trimmed ("15").
    public var versionFile: String?
    public var standbySignal: Bool
    public var recoverySignal: Bool
    /// Present only when the file exists (PostgreSQL 11 and older read it).
    public var recoveryConf: RecoveryConf?
    public var postmaster: PostmasterStatus

    public init(
        dataDirectory: String, control: Result<PostgresControlFile, PostgresReadFailure>, versionFile: String? = nil,
        standbySignal: Bool = false, recoverySignal: Bool = false, recoveryConf: RecoveryConf? = nil,
        postmaster: PostmasterStatus = .noPidFile
    ) {
        self.dataDirectory = dataDirectory
        self.control = control
        self.versionFile = versionFile
        self.standbySignal = standbySignal
        self.recoverySignal = recoverySignal
        self.recoveryConf = recoveryConf
        self.postmaster = postmaster
    }
}

/// Why pg_control gave no state: the file could not be read, or its bytes did not decode.
public enum PostgresReadFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    /// Not allowed to read it (not root or postgres): someone who is may know.
    case permissionDenied(String)
    case undecodable(PostgresControlFile.Problem)

    public var description: String {
        switch self {
        case .unreadable(let why), .permissionDenied(let why): return why
        case .undecodable(let problem): return problem.description
        }
    }
}

/// Whether a postmaster is running for a data directory, as far as /proc can tell.
public enum PostmasterStatus: Equatable, Sendable {
    /// No postmaster.pid: not running (PostgreSQL removes it on a clean stop).
    case noPidFile
    /// postmaster.pid exists but could not be read or parsed.
    case unreadablePidFile(String)
    /// postmaster.pid names a pid that is gone, or is not a postmaster for this directory.
    case stale(pid: Int32, why: String)
    /// The pid is alive and is a postmaster for this directory; `how` says what was checked.
    case running(PostmasterPidFile, how: String)

    public var isRunning: Bool? {
        switch self {
        case .noPidFile, .stale: return false
        case .running: return true
        case .unreadablePidFile: return nil
        }
    }
}

/// The decision for one data directory: primary or standby, running or stopped, or unknown
/// with the reason; with every fact that led there. This is what the prompt, `status` and the
/// guard use.
public struct PostgresClusterState: Equatable, Sendable {
    public var dataDirectory: String
    /// `.known` with service "postgresql" and `running`, or `.unknown` with the reason (treat
    /// as a running primary: fail safe). Never `.notApplicable`.
    public var reading: RoleReading
    /// nil when it could not be told (postmaster.pid unreadable).
    public var running: Bool?
    public var postmasterPID: Int32?
    public var controlState: PostgresControlFile.State?
    /// PG_VERSION, else the releases the pg_control version belongs to.
    public var version: String?
    public var facts: [String]
    /// True when the verdict is unknown only because this user may not read the directory.
    public var needsPrivilege: Bool = false

    /// `kind` nil: unknown, for `unknownReason`.
    public init(
        dataDirectory: String, kind: Role.Kind?, unknownReason: String = "unknown", running: Bool?,
        postmasterPID: Int32? = nil, controlState: PostgresControlFile.State? = nil, version: String? = nil,
        facts: [String] = []
    ) {
        self.dataDirectory = dataDirectory
        self.reading = kind.map { .known(Role($0, service: "postgresql", running: running)) } ?? .unknown(reason: unknownReason)
        self.running = running
        self.postmasterPID = postmasterPID
        self.controlState = controlState
        self.version = version
        self.facts = facts
    }

    /// The role to show, nil when unknown.
    public var role: Role? { reading.role }

    /// What the guard must assume: an unknown cluster counts as a primary.
    public var mustTreatAsPrimary: Bool { reading.mustTreatAsPrimary }

    /// What the guard must assume about liveness: unknown counts as running.
    public var mustTreatAsRunning: Bool { running ?? true }

    /// Lower matters more: the prompt shows the cluster with the lowest rank.
    public var rank: Int {
        switch (role?.kind, running) {
        case (.primary?, true?): return 0
        case (.standby?, true?): return 1
        case (.primary?, _): return 2
        case (.standby?, _): return 3
        default: return 4
        }
    }

    public var probeResult: ProbeResult {
        ProbeResult(kind: "postgresql", subject: dataDirectory, reading: reading, facts: facts)
    }

    /// Decides from what was read. Rules, in words:
    /// - pg_control unreadable or undecodable: unknown, with the reason.
    /// - running: in production or shutting down → primary; in archive recovery → standby;
    ///   crash recovery or not yet updated (starting) → standby when a standby is configured
    ///   (standby.signal / recovery.signal; recovery.conf before 12), else primary.
    /// - stopped: standby when a standby is configured (it will come back as one), else primary.
    ///   Where the evidence disagrees (stopped in recovery but nothing configures a standby),
    ///   the answer is primary: the stronger protection (fail safe), with the disagreement noted.
    public static func decide(_ reading: PostgresDataDirectoryReading) -> PostgresClusterState {
        var facts: [String] = []
        var pid: Int32?
        switch reading.postmaster {
        case .noPidFile:
            facts.append("no postmaster.pid")
        case .unreadablePidFile(let why):
            facts.append("postmaster.pid: \(why)")
        case .stale(let stalePID, let why):
            facts.append("postmaster.pid pid \(stalePID) \(why): not running")
        case .running(let file, let how):
            pid = file.pid
            var text = "postmaster pid \(file.pid) running (\(how))"
            if let port = file.port { text += ", port \(port)" }
            if let status = file.status { text += ", status \(status)" }
            facts.append(text)
        }
        let running = reading.postmaster.isRunning

        let control: PostgresControlFile
        switch reading.control {
        case .failure(let failure):
            if let version = reading.versionFile { facts.insert("PG_VERSION \(version)", at: 0) }
            var state = PostgresClusterState(
                dataDirectory: reading.dataDirectory, kind: nil, unknownReason: failure.description, running: running,
                postmasterPID: pid, version: reading.versionFile, facts: facts)
            if case .permissionDenied = failure { state.needsPrivilege = true }
            return state
        case .success(let decoded):
            control = decoded
        }
        facts.insert(control.summary, at: 0)
        if let version = reading.versionFile { facts.insert("PG_VERSION \(version)", at: 1) }

        let standbyConfigured: Bool
        if control.layout.usesRecoveryConf {
            if let conf = reading.recoveryConf {
                facts.append("recovery.conf present" + (conf.standbyMode ? " (standby_mode on)" : " (archive recovery)"))
            }
            standbyConfigured = reading.recoveryConf != nil
        } else {
            if reading.standbySignal { facts.append("standby.signal present") }
            if reading.recoverySignal { facts.append("recovery.signal present (targeted recovery)") }
            if reading.recoveryConf != nil {
                facts.append("recovery.conf present: ignored since PostgreSQL 12 (the server refuses to start with it)")
            }
            standbyConfigured = reading.standbySignal || reading.recoverySignal
        }

        let state = control.state
        let verdict: Role.Kind
        if running == true {
            switch state {
            case .inProduction, .shuttingDown:
                verdict = .primary
                if standbyConfigured { facts.append("a standby is configured: it will restart as a standby") }
            case .inArchiveRecovery:
                verdict = .standby
            case .inCrashRecovery, .startup, .shutDown, .shutDownInRecovery:
                verdict = standbyConfigured ? .standby : .primary
                if state != .inCrashRecovery { facts.append("server starting: pg_control not yet updated") }
            }
        } else {
            verdict = standbyConfigured ? .standby : .primary
            switch state {
            case .shutDown, .shutDownInRecovery:
                if state == .shutDownInRecovery && !standbyConfigured {
                    facts.append("stopped as a standby, but no standby is configured: it would start as a primary")
                }
                if state == .shutDown && standbyConfigured {
                    facts.append("stopped as a primary, now configured to start as a standby")
                }
            case .inProduction, .inArchiveRecovery, .inCrashRecovery, .shuttingDown, .startup:
                if running == false { facts.append("not shut down cleanly (state \"\(state.description)\" with no postmaster): crashed or killed") }
            }
        }
        return PostgresClusterState(
            dataDirectory: reading.dataDirectory, kind: verdict, running: running, postmasterPID: pid,
            controlState: state, version: reading.versionFile ?? control.layout.releases, facts: facts)
    }
}
