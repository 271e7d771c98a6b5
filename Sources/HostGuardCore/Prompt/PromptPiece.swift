/// One run of prompt text in one style. Text is plain (already made inert); escaping for the
/// shell happens only in `PromptRenderer`.
public struct PromptPiece: Equatable, Sendable {
    public var text: String
    public var style: TextStyle?

    public init(_ text: String, style: TextStyle? = nil) {
        self.text = text
        self.style = style
    }
}

/// A short notice shown after the segment ("stale mounts: 2", "config error").
public struct PromptNotice: Equatable, Sendable {
    public var text: String
    public init(_ text: String) { self.text = text }
}

/// Everything a segment may look at. Segments never read the world themselves.
public struct PromptContext: Sendable {
    public var identity: HostIdentity
    public var settings: PromptSettings
    public var notices: [PromptNotice]
    /// Maintenance flag and host switches (nil: not read, e.g. in tests of other segments).
    public var maintenance: MaintenanceState?
    /// The root refresh's replication reading and the time now (nil: none, or not read).
    public var replication: ReplicationView?
    /// A static role label the live probe contradicts (nil: none).
    public var roleConflict: RoleConflict?
    public var depth: ColorDepth
    /// False where no terminal would read a title sequence (TERM=dumb, the Linux console).
    public var terminalTakesTitle: Bool

    public init(
        identity: HostIdentity, settings: PromptSettings, notices: [PromptNotice] = [], depth: ColorDepth,
        terminalTakesTitle: Bool = true, maintenance: MaintenanceState? = nil, replication: ReplicationView? = nil,
        roleConflict: RoleConflict? = nil
    ) {
        self.roleConflict = roleConflict
        self.maintenance = maintenance
        self.replication = replication
        self.identity = identity
        self.settings = settings
        self.notices = notices
        self.depth = depth
        self.terminalTakesTitle = terminalTakesTitle
    }
}

/// Replication as the prompt sees it: the clusters from the state file, and now (for "3m").
public struct ReplicationView: Equatable, Sendable {
    /// The refresh timer runs every 10 s; two minutes without one means it is not running, and
    /// the reading is no longer shown as healthy.
    public static let staleAfterSeconds: Int64 = 120

    public var clusters: [ClusterReplication]
    public var now: Int64

    public init(clusters: [ClusterReplication], now: Int64) {
        self.clusters = clusters
        self.now = now
    }
}
