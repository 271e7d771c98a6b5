import ArgumentParser
import HostGuardCore
import HostGuardSystem

/// `hostguard aliases bash|zsh|fish`: the alias block the shell integration evals, or nothing
/// when the system config says `[guard] aliases = false` (a user's own config cannot turn it off).
struct AliasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aliases",
        abstract: "Print the guard's aliases (rm, mv, dd …) for an interactive shell to eval."
    )

    @Argument(help: "bash, zsh or fish")
    var shell: String

    func validate() throws {
        guard ShellIntegration.aliasTemplate(for: shell) != nil else {
            throw ValidationError("unknown shell '\(shell)': expected bash, zsh or fish")
        }
    }

    func run() throws {
        // Only the system config can turn the aliases off, so the user's file is not read: it
        // may sit on a network home that does not answer, and every new shell runs this.
        var locations = ConfigLocations.fromEnvironment()
        locations.userFile = nil
        let config = ConfigLoader.loadCached(locations)
        guard config.guardSettings.aliases else { return }
        var output = StandardOutput()
        output.write(GuardAliases.script(fromTemplate: ShellIntegration.aliasTemplate(for: shell)!))
        output.flush()
    }
}
