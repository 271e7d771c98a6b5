import HostGuardCore
import HostGuardSystem

/// Prints the prompt segment. Never fails loudly: a prompt must always appear, so every
/// problem becomes "unknown" or a notice inside the segment, and the exit status stays 0.
enum PromptRunner {
    static func run(_ request: FastPromptArguments) -> Int32 {
        let loaded = IdentityLoader.load(.prompt)
        let (identity, config, probeNotices) = (loaded.identity, loaded.config, loaded.notices)
        var settings = config.prompt
        if let color = request.color { settings.color = color }
        let term = system_getenv("TERM")
        let depth = ColorDepthDetector.depth(
            setting: settings.color, noColor: system_getenv("NO_COLOR"), term: term, colorTerm: system_getenv("COLORTERM"))
        var notices: [PromptNotice] = []
        if config.systemConfigIsBroken { notices.append(PromptNotice("config error: run hostguard status")) }
        notices += probeNotices
        // Written by the hostguard-mounts timer; a count from a run over a day old is not news.
        if let record = StaleMountNotice.readRecord(), record.staleProcesses > 0,
           record.finishedAt.map({ system_wallClockSeconds() - Double($0) < 86_400 }) ?? true {
            notices.append(PromptNotice("stale mounts: \(record.staleProcesses)"))
        }
        // The root refresh's replication reading: one small read, only where PostgreSQL is probed.
        var replication: ReplicationView?
        if config.probes.contains(where: { $0.kind == "postgresql" }), let state = ReplicationStore.read() {
            replication = ReplicationView(clusters: state.clusters, now: Int64(system_wallClockSeconds()))
        }
        let context = PromptContext(
            identity: identity, settings: settings, notices: notices, depth: depth,
            terminalTakesTitle: ColorDepthDetector.terminalTakesTitle(term: term),
            maintenance: MaintenanceStore.read(details: false), replication: replication)
        var output = StandardOutput()
        PromptRenderer.render(context, dialect: request.dialect, to: &output)
        output.flush()
        return 0
    }
}
