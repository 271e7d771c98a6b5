import HostGuardCore
import HostGuardSystem

/// Prints the prompt segment. Never fails loudly and never hangs: a prompt must always appear,
/// so every problem becomes "unknown" or a notice inside the segment, the exit status stays 0,
/// and whatever has not answered by the deadline is left out ("config: home not answering").
enum PromptRunner {
    /// The whole run's budget. A normal run takes about 1 ms; only a read below a mount whose
    /// server does not answer (an NFS home, a FUSE data directory) or a planted FIFO gets near.
    static let deadlineMilliseconds = 40

    static func run(_ request: FastPromptArguments) -> Int32 {
        system_Watchdog.arm(milliseconds: deadlineMilliseconds)
        // If even the system config does not answer, the prompt stays as the user had it.
        if request.integration != nil {
            system_Watchdog.setFallback(Array(("\n" + PromptRefreshPlan(stampNanoseconds: 0, present: [], absent: [], until: now() + 5).encoded(stamp: nil)).utf8))
        }
        let environment = ColorEnvironment(system_getenv)
        let locations = ConfigLocations.fromEnvironment()
        let host = HostNameReader.read()
        let system = ConfigLoader.loadSystemCached(locations)
        let systemConfig = ConfigDecoder.decode(system.documents, readFailures: system.failures)
        let pending = systemConfig.systemConfigIsBroken ? [] : systemConfig.probes.map {
            ProbeResult(kind: $0.kind, subject: "\($0.file): \($0.key)", role: nil, reason: "did not answer within \(deadlineMilliseconds) ms")
        }

        // The user's file: looks only, and the one most likely to sit on NFS.
        var config = systemConfig
        if let userFile = locations.userFile {
            fallback(request, environment, host, systemConfig, pending, notice: "config: home not answering")
            let user = ConfigLoader.readUser(userFile)
            config = ConfigDecoder.decode(system.documents + user.documents, readFailures: system.failures + user.failures)
        }

        // The probes: cheap reads on the prompt path, but a data directory may be on a mount
        // that does not answer, and pg_control may be a FIFO.
        var results: [ProbeResult] = []
        var notices: [PromptNotice] = []
        if config.systemConfigIsBroken {
            notices.append(PromptNotice("config error: run hostguard status"))
        } else if !config.probes.isEmpty {
            fallback(request, environment, host, config, pending, notice: "role: not answering")
            let run = IdentityLoader.runProbes(config.probes, .prompt)
            results = run.results
            notices += run.notices
        }
        // Written by the hostguard-mounts timer; a count from a run over a day old is not news.
        if let record = StaleMountNotice.readRecord(), record.staleProcesses > 0,
           record.finishedAt.map({ system_wallClockSeconds() - Double($0) < 86_400 }) ?? true {
            notices.append(PromptNotice("stale mounts: \(record.staleProcesses)"))
        }
        // /run and the switch files: local, read without blocking (a regular file or nothing).
        let maintenance = MaintenanceStore.read(details: false)
        var text = render(request, environment, host, config, results, notices: notices, maintenance: maintenance)
        if let session = request.integration {
            let plan = PromptWatchReader.plan(locations: locations, config: config, results: results,
                                              maintenance: maintenance, mounts: .current())
            text += "\n" + plan.encoded(stamp: PromptWatchReader.writeStamp(plan, session: session))
        }
        system_Watchdog.finish()
        var output = StandardOutput()
        output.write(text)
        output.flush()
        return 0
    }

    static func render(
        _ request: FastPromptArguments, _ environment: ColorEnvironment, _ host: HostName, _ config: HostGuardConfig,
        _ results: [ProbeResult], notices: [PromptNotice], maintenance: MaintenanceState? = nil
    ) -> String {
        var settings = config.prompt
        if let color = request.color { settings.color = color }
        // The shell captures the segment for the terminal: auto colour does not ask isatty.
        let depth = ColorDepth.detect(settings.color, outputIsTerminal: true, environment: environment)
        let identity = IdentityResolver.resolve(host: host, config: config, probes: results)
        let context = PromptContext(identity: identity, settings: settings, notices: notices, depth: depth,
                                    terminalTakesTitle: environment.terminalTakesTitle, maintenance: maintenance)
        return PromptRenderer.render(context, dialect: request.dialect)
    }

    /// What the watchdog prints if the next step does not answer: the segment from what is
    /// known, with `notice`, and (for the integration) "render again in 5 s" instead of a stamp.
    static func fallback(
        _ request: FastPromptArguments, _ environment: ColorEnvironment, _ host: HostName, _ config: HostGuardConfig,
        _ pending: [ProbeResult], notice: String
    ) {
        var text = render(request, environment, host, config, pending, notices: [PromptNotice(notice)])
        if request.integration != nil {
            text += "\n" + PromptRefreshPlan(stampNanoseconds: 0, present: [], absent: [], until: now() + 5).encoded(stamp: nil)
        }
        system_Watchdog.setFallback(Array(text.utf8))
    }

    static func now() -> Int64 { Int64(system_wallClockSeconds()) }
}
