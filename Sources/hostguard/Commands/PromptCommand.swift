import ArgumentParser
import HostGuardCore

/// The parser's view of `hostguard prompt`, for --help, completions and usage errors. Valid
/// invocations never get here: main.swift routes them to `PromptRunner` first.
struct PromptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Print the prompt segment for a shell (used by the `init` integration)."
    )

    @Option(help: "Shell whose prompt escaping to use: bash, zsh, fish or plain.")
    var shell: String = "plain"

    @Option(help: "Colour: auto (NO_COLOR and TERM=dumb turn it off), always or never.")
    var color: String?

    @Option(help: ArgumentHelp("For the shell integration: also print what to watch (ID: the shell's pid).", visibility: .hidden))
    var integration: String?

    func validate() throws {
        guard ShellDialect(rawValue: shell) != nil else {
            throw ValidationError("unknown shell '\(shell)': expected bash, zsh, fish or plain")
        }
        if let color, PromptSettings.Toggle(rawValue: color) == nil {
            throw ValidationError("unknown colour mode '\(color)': expected auto, always or never")
        }
        if let integration, !FastPromptArguments.isSessionID(integration) {
            throw ValidationError("--integration takes the shell's pid (digits), not '\(integration)'")
        }
    }

    func run() throws {
        let request = FastPromptArguments(
            dialect: ShellDialect(rawValue: shell)!, color: color.flatMap(PromptSettings.Toggle.init(rawValue:)),
            integration: integration)
        throw ExitCode(PromptRunner.run(request))
    }
}
