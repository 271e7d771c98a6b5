import ArgumentParser
import HostGuardCore
import HostGuardSystem

struct MountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mounts",
        abstract: "Find processes still using a stale mount (over-mounted, lazily unmounted, or an old namespace view).",
        discussion: """
            Reads /proc only: never touches the mounts themselves, so a dead NFS server cannot \
            hang it. Exit status: 0 nothing stale, 1 stale mounts found, 2 could not check. \
            Run as root to see every process. `mounts watch` reports changes as they happen; \
            `mounts wait --source SRC` blocks until nothing holds a mount of SRC.
            """,
        subcommands: [MountsScanCommand.self, MountsWaitCommand.self, MountsWatchCommand.self],
        defaultSubcommand: MountsScanCommand.self
    )
}

/// Options every scanning mode shares.
struct MountScanArguments: ParsableArguments {
    @Option(name: .customLong("path"), help: ArgumentHelp("Compare every namespace's view of PATH with this host's (repeatable; adds to [[watch]] in the config). Default: every network file system and every over-mounted mount point.", valueName: "PATH"))
    var paths: [String] = []

    @Flag(name: .customLong("include-private"), help: "Also compare containers and systemd-sandboxed namespaces (PrivateTmp, ProtectHome), which differ on purpose.")
    var includePrivate = false

    @Option(name: .customLong("reference-pid"), help: ArgumentHelp("Compare with the mount namespace of PID (e.g. 1) instead of hostguard's own.", valueName: "PID"))
    var referencePID: Int32?

    @Flag(name: .customLong("proc-only"), help: "Read /proc files only: no statx(2), not even of cached attributes (about twice as slow; a descriptor inherited from a namespace no readable process is in then counts as detached).")
    var procOnly = false

    @Option(name: .customLong("maps"), help: ArgumentHelp("Memory mappings: auto (read them when a table shows an over-mounted mount a mapping could be on), all (every process, every mapping: about doubles the scan), off. The program file of every process is checked in any case.", valueName: "auto|all|off"))
    var maps: StaleMountFinder.MappingScan = .auto

    @Option(name: .customLong("ack"), help: ArgumentHelp("Accept finding ID (as listed): it stays listed, marked acknowledged, but leaves the exit status and the prompt's notice until it changes (repeatable; adds to [mounts] acknowledged).", valueName: "ID"))
    var acknowledged: [String] = []

    @Option(name: .customLong("prometheus"), help: ArgumentHelp("Also write metrics for node_exporter's textfile collector to FILE (atomically).", valueName: "FILE"))
    var prometheusFile: String?

    @Option(name: .customLong("proc"), help: .hidden)
    var procRoot = "/proc"

    func validate() throws {
        for path in paths where !path.hasPrefix("/") {
            throw ValidationError("--path \(TerminalText.visible(path)): expected an absolute path")
        }
    }

    func options(config: HostGuardConfig) -> MountScanOptions {
        var options = MountScanOptions()
        options.procRoot = procRoot
        options.includePrivateNamespaces = includePrivate
        options.referencePID = referencePID
        options.useStatx = !procOnly
        options.mappings = maps
        options.watchedPaths = paths + config.watch.map(\.path)
        return options
    }

    func accepted(config: HostGuardConfig) -> [String] { acknowledged + config.mounts.acknowledged }

    /// Writes the metrics file (if asked), and the prompt's notice for full scans.
    func publish(_ result: MountScanResult?, success: Bool, durationSeconds: Double) {
        if let prometheusFile {
            let text = MountReport.prometheus(result, success: success, finishedAt: result?.finishedAt ?? system_wallClockSeconds(), durationSeconds: durationSeconds)
            do {
                try system_writeFileAtomically(prometheusFile, Array(text.utf8))
            } catch {
                system_printError("mounts: --prometheus: \(TerminalText.visible(error.description))")
            }
        }
        if let result, paths.isEmpty {
            // Best effort: an unprivileged run cannot write /run/hostguard, and that is fine.
            try? StaleMountNotice.write(staleProcesses: result.staleProcessCount, finishedAt: result.finishedAt)
        }
        if paths.isEmpty {
            publishFleetMetrics(result, success: success)
        }
    }

    /// A full scan's numbers per mount point and kind go to the state directory, and the fleet's
    /// metrics file is rendered again from it and the role state (the refresh does the same every
    /// 10 s; see `FleetMetricsFile`). Acknowledged holders are left out, as from the exit status.
    func publishFleetMetrics(_ result: MountScanResult?, success: Bool) {
        let findings = (result?.findings ?? []).filter { !$0.acknowledged }
            .map { (mountPoint: $0.mountPoint ?? $0.path, kind: $0.kind.rawValue, pid: Int($0.pid)) }
        let summary = StaleMountSummary.counting(findings, finishedAt: Int64(result?.finishedAt ?? system_wallClockSeconds()), succeeded: success)
        do {
            try FleetMetricsFile.writeSummary(summary)
        } catch {
            return  // not root, or no state directory: nothing for the fleet from this run
        }
        let loaded = IdentityLoader.load(.status)
        if let failure = FleetMetricsFile.write(identity: loaded.identity, config: loaded.config, refreshSucceeded: nil,
                                                version: BuildInfo.version) {
            system_printError("mounts: cannot write the fleet metrics ([metrics] textfile): \(failure)")
        }
    }
}

struct MountsScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan once (the default): list every process holding a stale mount."
    )

    @OptionGroup var scan: MountScanArguments

    @Flag(help: "Print one JSON object: {\"stale\": [{pid, command, unit, kind, path, mount_point, held_source, current_source, …}], …}.")
    var json = false

    @Option(help: ArgumentHelp("Give up after SECONDS with exit 2 (a /proc read can block behind a task stuck on a dead NFS server).", valueName: "SECONDS"))
    var timeout: UInt32 = 60

    func run() throws {
        let config = ConfigLoader.load(.fromEnvironment())
        let options = scan.options(config: config)
        let started = system_monotonicNanoseconds()
        if timeout > 0 {
            let failure = scan.prometheusFile.map { path in
                (path, MountReport.prometheus(nil, success: false, finishedAt: system_wallClockSeconds() + Double(timeout), durationSeconds: Double(timeout)))
            }
            system_Deadline.arm(seconds: timeout, message: "the scan did not finish in \(timeout) s", metrics: failure)
        }
        var result: MountScanResult
        do {
            result = try StaleMountScanner(options: options).scan()
            system_Deadline.disarm()
        } catch {
            system_Deadline.disarm()
            system_printError("mounts: could not check: \(TerminalText.visible(error.description))")
            scan.publish(nil, success: false, durationSeconds: Double(system_monotonicNanoseconds() - started) / 1e9)
            throw ExitCode(ExitCodes.couldNotCheck)
        }
        result.findings = MountAcknowledgement.apply(scan.accepted(config: config), to: result.findings)

        var output = StandardOutput()
        if json {
            output.write(MountReport.json(result).serialized(pretty: true) + "\n")
        } else {
            MountReport.text(result, styled: MountsColour.enabled(), to: &output)
        }
        output.flush()
        if json && result.processesUnreadable > 0 {
            system_printError("mounts: " + MountReport.summary(result))
        }
        scan.publish(result, success: true, durationSeconds: result.durationSeconds)
        for diagnostic in config.diagnostics {
            system_printError("\(diagnostic.severity.rawValue): \(TerminalText.visible(diagnostic.description))")
        }
        if !result.isClean { throw ExitCode(ExitCodes.staleFound) }
    }
}

extension StaleMountFinder.MappingScan: ExpressibleByArgument {}

/// The one colour decision (Core's `ColorDepth.detect`, as the prompt makes it: an empty
/// NO_COLOR does not switch colour off, per no-color.org), for a report on standard output.
enum MountsColour {
    static func enabled() -> Bool {
        ColorDepth.detect(.auto, outputIsTerminal: system_isTerminal(1), environment: ColorEnvironment(system_getenv)) != .none
    }
}
