import ArgumentParser

/// `guard --generate-completion-script bash|zsh|fish` (what ArgumentParser gives every other
/// command; the packages install its output): complete the command `guard` wraps like sudo does,
/// its name from PATH and its arguments by its own completion.
///
/// - fish: `GuardCommand`'s options as swift-argument-parser generates them from the one command
///   description (so `--json`, `--force-live`, `--quarantine` are there), then the wrapped
///   command. The generated script's implicit `help` subcommand is left out: after `guard`,
///   "help" would be the name of a command to run.
/// - bash: bash-completion's `_command`, as its own sudo completion does. Bash reads
///   /usr/share/bash-completion/completions only through bash-completion, which defines
///   `_command`: whenever this file is loaded at all, it works (hence the packages' Recommends).
/// - zsh: `_precommand`, zsh's own completion for nohup and the like.
enum GuardCompletion {
    static func script(for shell: String) -> String? {
        switch CompletionShell(rawValue: shell) {
        case .fish?:
            let generated = GuardCommand.completionScript(for: .fish)
            var text = ""
            for line in generated.split(separator: "\n", omittingEmptySubsequences: false).dropLast(generated.hasSuffix("\n") ? 1 : 0)
            where !line.contains("__guard_should_offer_completions_for_positional \"guard\"") || line.hasPrefix("function") {
                text += line + "\n"
            }
            return text + """
                # The wrapped command and its arguments, like sudo.
                complete -c guard -x -a '(__fish_complete_subcommand)'

                """
        case .bash?:
            return """
                # guard: complete the wrapped command and its arguments, like sudo (bash-completion's _command).
                complete -F _command guard

                """
        case .zsh?:
            return """
                #compdef guard
                # Complete the wrapped command and its arguments, like nohup or sudo.
                _precommand "$@"

                """
        default:
            return nil
        }
    }
}
