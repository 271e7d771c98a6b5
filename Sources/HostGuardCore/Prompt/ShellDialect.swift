/// The prompt languages hostguard renders for, and how each one must be fed.
public enum ShellDialect: String, Sendable, CaseIterable {
    case bash, zsh, fish, plain

    /// Makes `text` (already stripped of control characters) show as itself in this shell's
    /// prompt, whatever it contains and whoever the user is.
    ///
    /// bash decodes PS1 twice: first its own backslash escapes (`\\` → `\`, `\$` → `$`, or `#`
    /// for root, `!` → history number), then, with `promptvars` on (the default), parameter and
    /// command expansion as in double quotes. So a literal `$` must reach the second pass as
    /// `\$`, which the first pass only produces from `\\$`; never `\$` directly, which root would
    /// see as `#`. Backslash and backquote likewise; `!` is doubled for the first pass.
    /// zsh expands `%` escapes (always) and, with PROMPT_SUBST, `$`/backquotes too: the zsh
    /// integration inserts the segment through a parameter when PROMPT_SUBST is on, so a doubled
    /// `%` is all the text itself needs. fish prints fish_prompt's output as it is.
    public func escape(_ text: String) -> String {
        switch self {
        case .bash:
            var out = ""
            for ch in text {
                switch ch {
                case "\\": out += "\\\\\\\\"
                case "$": out += "\\\\$"
                case "`": out += "\\\\`"
                case "!": out += "!!"
                default: out.append(ch)
                }
            }
            return out
        case .zsh:
            return text.replacingAll("%", with: "%%")
        case .fish, .plain:
            return text
        }
    }

    /// Wraps bytes that take no room on screen (SGR, OSC title) so the line editor counts the
    /// prompt's width right and long command lines still wrap and edit correctly.
    public func nonPrinting(_ sequence: String) -> String {
        switch self {
        case .bash: return "\\[" + sequence + "\\]"
        case .zsh: return "%{" + sequence + "%}"
        case .fish, .plain: return sequence
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self {
            if ch == target { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
