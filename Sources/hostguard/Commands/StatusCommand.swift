import ArgumentParser
import HostGuardCore
import HostGuardSystem

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

    func run() throws {
        var writeFailure: SystemError?
        let (identity, config): (HostIdentity, HostGuardConfig)
        // Replication: asked live in the root refresh only; otherwise the last refresh's reading.
        var replication: [ClusterReplication] = []
        var replicationWriteFailure: SystemError?
        if refresh {
            (identity, config, writeFailure) = IdentityLoader.refresh()
            if !config.systemConfigIsBroken {
                (replication, replicationWriteFailure) = ReplicationRefresh.run(config)
            }
        } else {
            (identity, config) = IdentityLoader.load()
            replication = ReplicationStore.read()?.clusters ?? []
        }
        let now = Int64(system_wallClockSeconds())
        let maintenance = MaintenanceStore.read()
        var output = StandardOutput()
        if json {
            var report = IdentityReport.json(identity, diagnostics: config.diagnostics)
            if case .object(var members) = report {
                members.append(("maintenance", MaintenanceReport.json(maintenance)))
                members.append(("host_switches", MaintenanceReport.switchesJSON(maintenance)))
                members.append(("clusters", ReplicationReport.clustersJSON(replication)))
                report = .object(members)
            }
            output.write(report.serialized(pretty: true) + "\n")
        } else {
            output.write(IdentityReport.text(identity, explain: explain))
            output.write(ReplicationReport.text(replication, now: now, explain: explain))
            if let line = MaintenanceReport.field(maintenance) { output.write("maint       " + TerminalText.visible(line) + "\n") }
        }
        output.flush()
        if !json {
            for diagnostic in config.diagnostics {
                system_printError("\(diagnostic.severity.rawValue): \(TerminalText.visible(diagnostic.description))")
            }
        }
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
}
