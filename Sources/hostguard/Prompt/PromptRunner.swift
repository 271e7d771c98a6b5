import HostGuardCore
import HostGuardSystem

/// Prints the prompt segment. Never fails loudly and never hangs: a prompt must always appear,
/// so every problem becomes "unknown" or a notice inside the segment, the exit status stays 0,
/// and whatever has not answered by the deadline is left out ("config: home not answering").
enum PromptRunner {
    /// The budget before the watchdog looks: a normal run takes about 1 ms; only a read below a
    /// mount whose server does not answer (an NFS home, a FUSE data directory) gets near. A main
    /// thread still running (a busy machine) is given up to 0.9 s (`system_Watchdog`).
    static let deadlineMilliseconds = 40

    static func run(_ request: FastPromptArguments) -> Int32 {
        system_Watchdog.arm(milliseconds: deadlineMilliseconds)
        // If even the system config does not answer, the prompt stays as the user had it.
        if request.integration != nil {
            system_Watchdog.setFallback(Array(("\n" + retrySoon()).utf8))
        }
        let environment = ColorEnvironment(system_getenv)
        let locations = ConfigLocations.fromEnvironment()
        let loaded = IdentityLoader.load(.prompt, locations: locations) { progress in
            switch progress {
            case .readingUserConfig(let host, let config):
                fallback(request, environment, host, config, notice: "config: home not answering")
            case .probing(let host, let config):
                fallback(request, environment, host, config, notice: "role: not answering")
            }
        }
        let config = loaded.config
        var notices: [PromptNotice] = []
        if config.systemConfigIsBroken { notices.append(PromptNotice("config error: run hostguard status")) }
        notices += loaded.notices
        // Written by the hostguard-mounts timer; a count from a run over a day old is not news.
        if let record = StaleMountNotice.readRecord(), record.staleProcesses > 0,
           record.finishedAt.map({ system_wallClockSeconds() - Double($0) < 86_400 }) ?? true {
            notices.append(PromptNotice("stale mounts: \(record.staleProcesses)"))
        }
        // /run and the switch files: local, read without blocking (a regular file or nothing).
        let maintenance = MaintenanceStore.read(details: false)
        // The root refresh's replication reading: one small read, only where PostgreSQL is probed.
        var replication: ReplicationView?
        if config.probes.contains(where: { $0.kind == "postgresql" }), let state = ReplicationStore.read() {
            replication = ReplicationView(clusters: state.clusters, now: Int64(system_wallClockSeconds()))
        }
        var text = render(request, environment, loaded.identity, config, notices: notices, maintenance: maintenance,
                          replication: replication)
        if let session = request.integration {
            let plan = PromptWatchReader.plan(locations: locations, config: config, results: loaded.probeResults,
                                              maintenance: maintenance, replication: replication, mounts: .current())
            text += "\n" + plan.encoded(stamp: PromptWatchReader.writeStamp(plan, session: session))
        }
        system_Watchdog.finish()
        var output = StandardOutput()
        output.write(text)
        output.flush()
        return 0
    }

    static func render(
        _ request: FastPromptArguments, _ environment: ColorEnvironment, _ identity: HostIdentity, _ config: HostGuardConfig,
        notices: [PromptNotice], maintenance: MaintenanceState? = nil, replication: ReplicationView? = nil
    ) -> String {
        var settings = config.prompt
        if let color = request.color { settings.color = color }
        // The shell captures the segment for the terminal: auto colour does not ask isatty.
        let depth = ColorDepth.detect(settings.color, outputIsTerminal: true, environment: environment)
        let context = PromptContext(identity: identity, settings: settings, notices: notices, depth: depth,
                                    terminalTakesTitle: environment.terminalTakesTitle, maintenance: maintenance,
                                    replication: replication, roleConflict: RoleConflict.find(identity: identity, config: config))
        return PromptRenderer.render(context, dialect: request.dialect)
    }

    /// What the watchdog prints if the next step does not answer: the segment from what is
    /// known (a configured probe counts as unanswered: the role is unknown, never the static
    /// label), with `notice`, and for the integration "render again in 5 s" instead of a stamp.
    static func fallback(
        _ request: FastPromptArguments, _ environment: ColorEnvironment, _ host: HostName, _ config: HostGuardConfig, notice: String
    ) {
        let pending = config.systemConfigIsBroken ? [] : config.probes.map {
            ProbeResult(kind: $0.kind, subject: "\($0.file): \($0.key)", role: nil, reason: "did not answer within the prompt's deadline")
        }
        let identity = IdentityResolver.resolve(host: host, config: config, probes: pending)
        var text = render(request, environment, identity, config, notices: [PromptNotice(notice)])
        if request.integration != nil { text += "\n" + retrySoon() }
        system_Watchdog.setFallback(Array(text.utf8))
    }

    /// A plan with no stamp and a time limit 5 s away: the shell renders again then.
    static func retrySoon() -> String {
        PromptRefreshPlan(stampNanoseconds: 0, present: [], absent: [], until: Int64(system_wallClockSeconds()) + 5).encoded(stamp: nil)
    }
}
