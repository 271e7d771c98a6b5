import ArgumentParser
import HostGuardSystem

/// `guard CMD ARGS…` ≡ `hostguard guard -- CMD ARGS…`. The assessment itself is not in this build
/// yet, so it refuses rather than run anything unchecked: an error never turns into "allowed".
struct GuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "Check what a destructive command would destroy before running it."
    )

    @Flag(help: "Print the assessment; run nothing.")
    var dryRun = false

    @Option(help: "Answer the host-name question without a terminal (must equal the short host name).")
    var confirm: String?

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    func run() throws {
        system_printError("guard: command assessment is not available in this build; nothing was run")
        throw ExitCode(100)
    }
}
