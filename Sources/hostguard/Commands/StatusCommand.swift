import ArgumentParser
import HostGuardCore
import HostGuardSystem

extension StatusField: ExpressibleByArgument {}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show this host's name, environment, role and cluster, and where each came from."
    )

    @Flag(help: "Print one JSON object (hostname, environment, role, cluster, evidence).")
    var json = false

    @Flag(help: "List every source consulted for each value, including the ones that did not decide.")
    var explain = false

    @Flag(help: "Run every probe now and write the role state file the prompt reads (/run/hostguard/role.state) and the fleet metrics ([metrics] textfile); run as root, e.g. by hostguard-refresh.timer.")
    var refresh = false

    @Option(help: ArgumentHelp(
        "Print one value on one bare line: environment, role, cluster or maint (exit 3 when it is not known).",
        valueName: "name"))
    var field: StatusField?

    @Flag(help: "Show the wall time of each step of the prompt and of loading the identity on this host (config, cache, each probe).")
    var timings = false

    func validate() throws {
        let modes = [json, timings, field != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("--json, --field and --timings each print their own report: give one of them") }
        if refresh && (field != nil || timings) { throw ValidationError("--refresh cannot be combined with --field or --timings") }
    }

    func run() throws {
        if timings { return try runTimings() }
        let loaded = IdentityLoader.load(refresh ? .refresh(statePath: RoleStateStore.path()) : .status)
        let (identity, config, writeFailure) = (loaded.identity, loaded.config, loaded.stateWriteFailure)
        // Replication: asked live in the root refresh only; otherwise the last refresh's reading.
        var replication: [ClusterReplication] = []
        var replicationWriteFailure: SystemError?
        if refresh {
            if !config.systemConfigIsBroken { (replication, replicationWriteFailure) = ReplicationRefresh.run(config) }
        } else {
            replication = ReplicationStore.read()?.clusters ?? []
        }
        let now = Int64(system_wallClockSeconds())
        let maintenance = MaintenanceStore.read()
        var output = StandardOutput()
        if let field {
            let line = StatusField.line(field, identity: identity, configBroken: config.systemConfigIsBroken, maintenance: maintenance)
            output.write(line.text + "\n")
            output.flush()
            printDiagnostics(config, errorsOnly: true)
            if !line.known { throw ExitCode(ExitCodes.unknownField) }
            return
        }
        if json {
            var report = IdentityReport.json(identity, diagnostics: config.diagnostics)
            if case .object(var members) = report {
                members.append(("maintenance", MaintenanceReport.json(maintenance)))
                members.append(("host_switches", MaintenanceReport.switchesJSON(maintenance)))
                members.append(("clusters", ReplicationReport.clustersJSON(replication)))
                members += RoleConflict.json(RoleConflict.find(identity: identity, config: config))
                report = .object(members)
            }
            output.write(report.serialized(pretty: true) + "\n")
        } else {
            output.write(IdentityReport.text(identity, explain: explain))
            if let conflict = RoleConflict.find(identity: identity, config: config) {
                output.write("conflict    " + conflict.statusLine + "\n")
            }
            output.write(ReplicationReport.text(replication, now: now, explain: explain))
            if let line = MaintenanceReport.field(maintenance) { output.write("maint       " + TerminalText.visible(line) + "\n") }
        }
        output.flush()
        if !json { printDiagnostics(config, errorsOnly: false) }
        if refresh, let failure = FleetMetricsFile.write(identity: identity, config: config,
                                                          refreshSucceeded: writeFailure == nil && !config.systemConfigIsBroken,
                                                          version: BuildInfo.version) {
            system_printError("cannot write the fleet metrics ([metrics] textfile): \(failure)")
        }
        if let replicationWriteFailure {
            system_printError("cannot write the replication state: \(replicationWriteFailure)")
            throw ExitCode(ExitCodes.couldNotCheck)
        }
        if let writeFailure {
            let hint = system_effectiveUserID() == 0 ? "" : " (run as root)"
            system_printError("cannot write the role state: \(writeFailure)\(hint)")
            throw ExitCode(ExitCodes.couldNotCheck)
        }
        if config.systemConfigIsBroken { throw ExitCode(ExitCodes.couldNotCheck) }
    }

    /// One line per problem on stderr; `errorsOnly` for `--field`, whose caller wants the value
    /// and hears only about what made it unknown.
    func printDiagnostics(_ config: HostGuardConfig, errorsOnly: Bool) {
        for diagnostic in config.diagnostics where !errorsOnly || diagnostic.severity == .error {
            system_printError("\(diagnostic.severity.rawValue): \(diagnostic.line)")
        }
    }

    /// `--timings`: the prompt's steps as the prompt runs them (its cache, cheap probe reads),
    /// then `status`'s (config parsed afresh, every probe live), each with its wall time.
    func runTimings() throws {
        let prompt = StepTimer()
        let loaded = prompt.measure("prompt: load identity") { IdentityLoader.load(.prompt, timings: prompt) }
        _ = prompt.measure("prompt: stale-mount notice (\(HostLocations.stateDirectory()))") { StaleMountNotice.readRecord() }
        _ = prompt.measure("prompt: maintenance state") { MaintenanceStore.read(details: false) }
        prompt.measure("prompt: render the segment") {
            var text = ""
            let context = PromptContext(identity: loaded.identity, settings: loaded.config.prompt, notices: loaded.notices,
                                        depth: .truecolor, terminalTakesTitle: true)
            PromptRenderer.render(context, dialect: .bash, to: &text)
        }
        let status = StepTimer()
        let fresh = status.measure("status: load identity") { IdentityLoader.load(.status, timings: status) }
        var output = StandardOutput()
        output.write(prompt.timings.report(title: "prompt (hostguard prompt, every Enter):"))
        output.write("\n")
        output.write(status.timings.report(title: "status (hostguard status, and the guard's identity):"))
        output.flush()
        printDiagnostics(fresh.config, errorsOnly: true)
        if fresh.config.systemConfigIsBroken { throw ExitCode(ExitCodes.couldNotCheck) }
    }
}
