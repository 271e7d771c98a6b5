/// PROMPT for zsh, right in each way a segment is embedded (checked in real zsh 5.9 in tmux,
/// `ShellIntegrationTests`):
///
/// 1. `PROMPT="$(hostguard prompt --shell zsh)$PROMPT"` without PROMPT_SUBST: `%` escapes only
///    (zshmisc(1), "EXPANSION OF PROMPT SEQUENCES"); with PROMPT_BANG a `!` is the history
///    number and `!!` a `!`.
/// 2. The same with PROMPT_SUBST (oh-my-zsh's default): parameter expansion, command
///    substitution and arithmetic first, and `\\` becomes `\`; then `%` escapes.
/// 3. `PROMPT='$(hostguard prompt --shell zsh)'…` with PROMPT_SUBST: the substitution's output
///    is not expanded again, but its `%` escapes are.
///
/// `%` is `%%` in all three. `$`, backquote, `\` and `!` differ between them, so they become
/// visible `\x24`, `\x60`, `\x5c`, `\x21` (zsh leaves a backslash before `x` alone). Non-printing
/// bytes go in `%{ … %}`, read the same way in all three.
public struct ZshPromptEscaper: PromptEscaper {
    public init() {}

    public func text(_ text: String) -> String {
        var out = ""
        for character in Self.inert(text, visibleAsHex: { $0 == "\\" || $0 == "$" || $0 == "`" || $0 == "!" }) {
            if character == "%" { out += "%%" } else { out.append(character) }
        }
        return out
    }

    public func invisible(_ sequence: String) -> String {
        "%{" + sequence + "%}"
    }
}
