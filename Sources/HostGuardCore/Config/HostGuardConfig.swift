/// Everything the config files say, merged: system files in order, then the user's looks.
public struct HostGuardConfig: Equatable, Sendable {
    public var host = HostSection()
    public var inventory: [InventoryRule] = []
    public var probes: [ProbeSpec] = []
    public var protect: [ProtectRule] = []
    public var watch: [WatchRule] = []
    public var prompt = PromptSettings()
    public var guardSettings = GuardSettings()
    public var mounts = MountsSettings()
    public var metrics = MetricsSettings()
    public var replication = ReplicationSettings()
    /// The system files that were read and trusted, in order.
    public var sources: [String] = []
    public var diagnostics: [ConfigDiagnostic] = []

    public init() {}

    /// True when a system file had an error (syntax, wrong type, distrusted): identity must then
    /// be treated as unknown, because the broken part may be exactly where "production" was set.
    public var systemConfigIsBroken: Bool {
        diagnostics.contains { $0.severity == .error && !userFiles.contains($0.file) }
    }

    /// Files read as the user's own config; their errors cost looks, never safety.
    public var userFiles: [String] = []
}
