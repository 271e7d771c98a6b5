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
            Run as root to see every process.
            """
    )

    @Flag(help: "Print one JSON object: {\"stale\": [{pid, command, unit, kind, path, mount_point, held_source, current_source, …}], …}.")
    var json = false

    @Option(name: .customLong("prometheus"), help: ArgumentHelp("Also write metrics for node_exporter's textfile collector to FILE (atomically).", valueName: "FILE"))
    var prometheusFile: String?

    @Option(name: .customLong("path"), help: ArgumentHelp("Compare every namespace's view of PATH with this host's (repeatable; adds to [[watch]] in the config). Default: every network file system and every shadowed mount point.", valueName: "PATH"))
    var paths: [String] = []

    @Flag(name: .customLong("include-private"), help: "Also compare containers and systemd-sandboxed namespaces (PrivateTmp, ProtectHome), which differ on purpose.")
    var includePrivate = false

    @Option(name: .customLong("reference-pid"), help: ArgumentHelp("Compare with the mount namespace of PID (e.g. 1) instead of hostguard's own.", valueName: "PID"))
    var referencePID: Int32?

    @Flag(name: .customLong("proc-only"), help: "Read /proc files only: no statx(2), not even of cached attributes (about twice as slow; a descriptor inherited from a namespace no readable process is in then counts as detached).")
    var procOnly = false

    @Option(help: ArgumentHelp("Give up after SECONDS with exit 2 (a /proc read can block behind a task stuck on a dead NFS server).", valueName: "SECONDS"))
    var timeout: UInt32 = 60

    @Option(name: .customLong("proc"), help: .hidden)
    var procRoot = "/proc"

    func validate() throws {
        for path in paths where !path.hasPrefix("/") {
            throw ValidationError("--path \(TerminalText.visible(path)): expected an absolute path")
        }
    }

    func run() throws {
        var options = MountScanOptions()
        options.procRoot = procRoot
        options.includePrivateNamespaces = includePrivate
        options.referencePID = referencePID
        options.useStatx = !procOnly
        let config = ConfigLoader.load(.fromEnvironment())
        options.watchedPaths = paths + config.watch.map(\.path)
        let fullScan = paths.isEmpty

        let started = system_monotonicNanoseconds()
        if timeout > 0 {
            let failure = prometheusFile.map { path in
                (path, MountReport.prometheus(nil, success: false, finishedAt: system_wallClockSeconds() + Double(timeout), durationSeconds: Double(timeout)))
            }
            system_Deadline.arm(seconds: timeout, message: "the scan did not finish in \(timeout) s", metrics: failure)
        }
        let result: MountScanResult
        do {
            result = try StaleMountScanner(options: options).scan()
            system_Deadline.disarm()
        } catch {
            system_printError("mounts: could not check: \(TerminalText.visible(error.description))")
            if let prometheusFile {
                let elapsed = Double(system_monotonicNanoseconds() - started) / 1e9
                writeMetrics(MountReport.prometheus(nil, success: false, finishedAt: system_wallClockSeconds(), durationSeconds: elapsed), to: prometheusFile)
            }
            throw ExitCode(ExitCodes.couldNotCheck)
        }

        var output = StandardOutput()
        if json {
            output.write(MountReport.json(result).serialized(pretty: true) + "\n")
        } else {
            // The one colour rule (an empty NO_COLOR counts as unset, as no-color.org says).
            let styled = ColorDepth.detect(.auto, outputIsTerminal: system_isTerminal(1), environment: ColorEnvironment(system_getenv)) != .none
            MountReport.text(result, styled: styled, to: &output)
        }
        output.flush()
        if json && result.processesUnreadable > 0 {
            system_printError("mounts: " + MountReport.summary(result))
        }

        if let prometheusFile {
            writeMetrics(MountReport.prometheus(result, success: true, finishedAt: result.finishedAt, durationSeconds: result.durationSeconds), to: prometheusFile)
        }
        if fullScan {
            // Best effort: an unprivileged run cannot write /run/hostguard, and that is fine.
            try? StaleMountNotice.write(staleProcesses: result.staleProcessCount, finishedAt: result.finishedAt)
        }
        for diagnostic in config.diagnostics {
            system_printError("\(diagnostic.severity.rawValue): \(TerminalText.visible(diagnostic.description))")
        }
        if !result.isClean { throw ExitCode(ExitCodes.staleFound) }
    }

    private func writeMetrics(_ text: String, to path: String) {
        do {
            try system_writeFileAtomically(path, Array(text.utf8))
        } catch {
            system_printError("mounts: --prometheus: \(TerminalText.visible(error.description))")
        }
    }
}
