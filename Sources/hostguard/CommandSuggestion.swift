import ArgumentParser
import HostGuardCore
import HostGuardSystem

/// "did you mean 'status'?" for a mistyped subcommand (issue 16): ArgumentParser says only
/// "Unexpected argument 'stauts'". Checked before ArgumentParser runs, and only when the first
/// word is not an option and names no subcommand, so valid invocations pay one array search.
enum CommandSuggestion {
    /// The usage exit code when `arguments[1]` is an unknown subcommand (after printing one line
    /// naming it and the nearest one), nil otherwise.
    static func check(_ arguments: [String]) -> Int32? {
        guard arguments.count >= 2, !arguments[1].hasPrefix("-") else { return nil }
        let word = arguments[1]
        let names = HostGuardCommand.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let hint = NearestWord.nearest(to: word, in: names).map { "; did you mean '\($0)'?" } ?? ""
        system_printError("unknown command '\(TerminalText.visible(word))'\(hint) (commands: \(names.dropLast().joined(separator: ", ")))")
        return ExitCodes.usage
    }
}
