import ArgumentParser
import HostGuardCore
import HostGuardSystem

/// `hostguard mounts wait --source SRC [--timeout T]`: the gate after a migration ("is it safe
/// to power off the old NFS server?").
struct MountsWaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until no process, in any mount namespace, holds anything on a mount whose source is SRC.",
        discussion: """
            Holders are cwd, root, open files and mappings on a mount of SRC, attached or lazily \
            unmounted (a mount detached while this waits is still recognised; one detached \
            before it started cannot be told by its source). Prints the holders while waiting. \
            Exit status: 0 nothing holds SRC, 1 still held at --timeout, 2 could not check.
            """
    )

    @Option(help: ArgumentHelp("The mount source as mountinfo shows it (\"nfs1:/export/pages\", \"/dev/sdb1\", a tmpfs name).", valueName: "SRC"))
    var source: String

    @Option(help: ArgumentHelp("Give up after SECONDS with exit 1 (0: wait for ever).", valueName: "SECONDS"))
    var timeout: Double = 0

    @Option(help: ArgumentHelp("Seconds between looks.", valueName: "SECONDS"))
    var interval: Double = 0.5

    @Option(name: .customLong("proc"), help: .hidden)
    var procRoot = "/proc"

    func validate() throws {
        if source.isEmpty { throw ValidationError("--source: expected a mount source, found an empty string") }
        if timeout < 0 || !timeout.isFinite { throw ValidationError("--timeout: expected seconds ≥ 0") }
        if interval <= 0 || interval > 60 { throw ValidationError("--interval: expected seconds in (0, 60]") }
    }

    func run() throws {
        // Never hold a mount ourselves while waiting for it to be free.
        try? system_changeDirectory("/")
        var options = MountScanOptions()
        options.procRoot = procRoot
        let scanner = SourceHolderScanner(options: options)
        var finder = SourceHolderFinder(source: source)
        let started = system_monotonicNanoseconds()
        var previous: [String] = []
        var round = 0
        while true {
            round += 1
            let holdings: [SourceHolding]
            do {
                holdings = try scanner.round(&finder)
            } catch {
                system_printError("mounts wait: could not check: \(TerminalText.visible(error.description))")
                throw ExitCode(ExitCodes.couldNotCheck)
            }
            let shown = TerminalText.visible(source)
            if holdings.isEmpty {
                if !finder.knowsAnyMount {
                    system_printError("mounts wait: no mount of \(shown) is listed in any namespace; nothing found holding it")
                }
                var output = StandardOutput()
                output.write(round == 1 ? "Nothing holds \(shown).\n" : "Nothing holds \(shown) any more.\n")
                output.flush()
                return
            }
            let lines = holdings.map { TerminalText.visible(SourceHolderFinder.line($0)) }
            if lines != previous {
                system_printError("mounts wait: \(Set(holdings.map(\.pid)).count) process(es) still hold \(shown):")
                for line in lines { system_printError("  " + line) }
                previous = lines
            }
            let elapsed = Double(system_monotonicNanoseconds() - started) / 1e9
            if timeout > 0 && elapsed >= timeout {
                system_printError("mounts wait: \(shown) still held after \(MountReport.seconds(timeout)) s")
                throw ExitCode(ExitCodes.staleFound)
            }
            let pause = timeout > 0 ? min(interval, max(0.01, timeout - elapsed)) : interval
            system_sleep(milliseconds: Int(pause * 1000))
        }
    }
}
