import ArgumentParser
import HostGuardSystem

/// `guard CMD ARGS…` ≡ `hostguard guard -- CMD ARGS…`. main.swift routes both spellings to
/// `GuardEntry` before ArgumentParser sees them (argv must stay bytes, and the let-through path
/// must not pay for parsing), and `GuardOptions` (Core) parses guard's options from the bytes.
///
/// So this type only *describes* the options, for `hostguard help guard`, `guard --help` and the
/// generated completions (`GuardCompletion`): its properties are never read, and `run()` is
/// reached only if ArgumentParser ever routes here. Keep it in step with `GuardOptions`.
struct GuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "Check what a destructive command would destroy before running it.",
        discussion: """
            Exit codes: the command's own when it runs; 100 refused (or no terminal and no \
            matching --confirm); 101 declined or wrong host name; 102 quarantine failed; \
            126/127 command not executable/not found; 130 interrupted (Ctrl-C, Ctrl-D, EOF).
            """
    )

    @Flag(name: [.long, .customShort("n")], help: "Print the assessment; run nothing.")
    var dryRun = false

    @Flag(help: "With --dry-run: print the assessment as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Answer the host-name question without a terminal (must equal the short host name).", valueName: "hostname"))
    var confirm: String?

    @Flag(help: "Allow the question (instead of a refusal) for a running database's data directory.")
    var forceLive = false

    @Flag(help: "Quarantine (rename into .hostguard-trash) instead of deleting, when asked.")
    var quarantine = false

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    func run() throws {
        system_exit(GuardEntry.run(system_commandLineArguments(from: 2)))
    }
}

/// The guard's entry: raw argv bytes in, an exit code out (or an exec that never returns).
enum GuardEntry {
    static func run(_ words: [[UInt8]]) -> Int32 {
        if words.count == 2, words[0] == Array("--generate-completion-script".utf8) {
            guard let script = GuardCompletion.script(for: String(decoding: words[1], as: UTF8.self)) else {
                var error = StandardOutput(fd: 2)
                error.write("guard: --generate-completion-script: expected bash, zsh or fish\n")
                error.flush()
                return ExitCodes.usage
            }
            var output = StandardOutput()
            output.write(script)
            output.flush()
            return ExitCodes.success
        }
        switch GuardSession.run(words) {
        case .usage(let message):
            var error = StandardOutput(fd: 2)
            error.write("guard: \(message)\n")
            error.flush()
            return ExitCodes.usage
        case .help:
            var output = StandardOutput()
            output.write(GuardCommand.helpMessage() + "\n")
            output.flush()
            return ExitCodes.success
        case .dryRun: return ExitCodes.success
        case .refused: return ExitCodes.refused
        case .declined: return ExitCodes.declined
        case .interrupted: return ExitCodes.interrupted
        case .quarantined: return ExitCodes.success
        case .quarantineFailed: return ExitCodes.quarantineFailed
        case .notFound: return ExitCodes.notFound
        case .cannotExecute: return ExitCodes.cannotExecute
        }
    }
}
