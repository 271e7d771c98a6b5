import ArgumentParser
import HostGuardCore
import HostGuardSystem

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Print shell integration code to eval: eval \"$(hostguard init bash)\".",
        discussion: "The same code is installed as shell/hostguard.{bash,zsh,fish}."
    )

    @Argument(help: "bash, zsh or fish")
    var shell: String

    func validate() throws {
        guard ShellIntegration.script(for: shell) != nil else {
            throw ValidationError("unknown shell '\(shell)': expected bash, zsh or fish")
        }
    }

    func run() throws {
        var output = StandardOutput()
        // Pin the binary that printed this code, so the hook never picks another one off PATH.
        if let path = system_executablePath() {
            let quoted = "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
            output.write(shell == "fish" ? "set -g __hostguard_bin \(quoted)\n" : "__hostguard_bin=\(quoted)\n")
        }
        output.write(ShellIntegration.script(for: shell)!)
        output.flush()
    }
}
