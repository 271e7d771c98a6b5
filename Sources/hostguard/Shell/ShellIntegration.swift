/// The shell code hostguard prints: the files in shell/, embedded at build time by
/// Plugins/EmbedShellPlugin (`Embedded.shellFiles`, generated, not in git), so what
/// `hostguard init SHELL` prints is always exactly shell/hostguard.SHELL.
enum ShellIntegration {
    static let shells = ["bash", "zsh", "fish"]

    /// shell/hostguard.SHELL, for `hostguard init SHELL`.
    static func script(for shell: String) -> String? {
        guard shells.contains(shell) else { return nil }
        return Embedded.shellFiles["hostguard.\(shell)"]
    }

    /// The guard's alias template (see `GuardAliases.script(fromTemplate:)`): shell/aliases.bash
    /// for bash and zsh (its code is common to both), shell/aliases.fish for fish.
    static func aliasTemplate(for shell: String) -> String? {
        switch shell {
        case "bash", "zsh": return Embedded.shellFiles["aliases.bash"]
        case "fish": return Embedded.shellFiles["aliases.fish"]
        default: return nil
        }
    }
}
