import ArgumentParser
import HostGuardCore
import HostGuardSystem

/// `hostguard mounts watch`: the long-running mode (hostguard-mounts-watch.service). Rescans
/// when the mount table changes, as the kernel reports it, and on a slow timer for what the
/// events cannot see (other namespaces, processes that start on an old mount).
struct MountsWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch the mount table and report new stale mounts as they appear (a service, not a timer).",
        discussion: """
            Wakes on fanotify mount events (Linux 6.15+) or, on older kernels, on poll(2) of \
            /proc/self/mountinfo; rescans, and for each new finding writes one line to stderr, \
            the prompt's notice and (with --prometheus) the metrics. Sits in / and opens \
            nothing on any mount, so it never holds a watched mount busy. A scan that does not \
            finish (a /proc read stuck behind a dead server) is reported, and the watch goes on.
            """
    )

    enum EventSource: String, ExpressibleByArgument, CaseIterable {
        case auto, fanotify, poll
    }

    @OptionGroup var scan: MountScanArguments

    @Option(help: ArgumentHelp("How to learn of mount-table changes: auto (fanotify where the kernel has it), fanotify, poll.", valueName: "SOURCE"))
    var events: EventSource = .auto

    @Option(help: ArgumentHelp("Also rescan every SECONDS without an event (namespaces other than ours change silently).", valueName: "SECONDS"))
    var rescan: Int32 = 300

    @Option(name: .customLong("scan-timeout"), help: ArgumentHelp("A scan not done in SECONDS is reported as stuck; the watch goes on.", valueName: "SECONDS"))
    var scanTimeout: Int = 30

    func validate() throws {
        if rescan < 1 || rescan > 86_400 { throw ValidationError("--rescan: expected 1 to 86400 seconds") }
        if scanTimeout < 1 || scanTimeout > 3600 { throw ValidationError("--scan-timeout: expected 1 to 3600 seconds") }
    }

    func run() throws {
        try? system_changeDirectory("/")
        let watcher: MountTableEvents
        do {
            watcher = try MountTableEvents(prefer: events == .auto ? nil : MountTableEvents.Source(rawValue: events.rawValue), procRoot: scan.procRoot)
        } catch {
            system_printError("mounts watch: could not watch the mount table: \(TerminalText.visible(error.description))")
            throw ExitCode(ExitCodes.couldNotCheck)
        }
        var note = "mounts watch: watching the mount table (\(watcher.source.rawValue))"
        if let reason = watcher.fallbackReason { note += "; fanotify mount events unavailable: \(TerminalText.visible(reason))" }
        system_printError(note)

        var known = Set<String>()
        var first = true
        while true {
            let config = ConfigLoader.load(.fromEnvironment())
            let options = scan.options(config: config)
            let started = system_monotonicNanoseconds()
            let outcome = system_runWithDeadline([{ @Sendable () -> Result<MountScanResult, MountScanFailure> in
                Result { () throws(MountScanFailure) in try StaleMountScanner(options: options).scan() }
            }], milliseconds: scanTimeout * 1000)[0]
            let elapsed = Double(system_monotonicNanoseconds() - started) / 1e9
            switch outcome {
            case .none:
                system_printError("mounts watch: the scan did not finish in \(scanTimeout) s (a /proc read stuck behind a mount that does not answer?); still watching")
                scan.publish(nil, success: false, durationSeconds: elapsed)
            case .failure(let error)?:
                system_printError("mounts watch: could not check: \(TerminalText.visible(error.description)); still watching")
                scan.publish(nil, success: false, durationSeconds: elapsed)
            case .success(var result)?:
                result.findings = MountAcknowledgement.apply(scan.accepted(config: config), to: result.findings)
                scan.publish(result, success: true, durationSeconds: result.durationSeconds)
                let current = Set(result.findings.map(MountAcknowledgement.id))
                for finding in result.findings where !known.contains(MountAcknowledgement.id(of: finding)) && !finding.acknowledged {
                    system_printError("mounts watch: " + MountReport.line(finding))
                }
                for gone in known.subtracting(current) {
                    system_printError("mounts watch: resolved: \(gone)")
                }
                if first || known != current {
                    system_printError("mounts watch: \(MountReport.summary(result))")
                }
                known = current
            }
            first = false
            // Wait for the next change (or the slow rescan); a burst of mounts is one rescan.
            do {
                if try watcher.wait(milliseconds: rescan * 1000) {
                    system_sleep(milliseconds: 50)
                    _ = try watcher.wait(milliseconds: 0)
                }
            } catch {
                system_printError("mounts watch: \(TerminalText.visible(error.description))")
                system_sleep(milliseconds: 1000)
            }
        }
    }
}
