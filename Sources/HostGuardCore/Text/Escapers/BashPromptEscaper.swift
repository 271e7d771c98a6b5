/// PS1 for bash, right in each way a segment is embedded (checked in real bash 5.2 in tmux,
/// `ShellIntegrationTests`):
///
/// 1. `PS1="$(hostguard prompt --shell bash)$PS1"`: the text is stored in PS1 and decoded on
///    every prompt, first bash's backslash escapes (`\$`, `\\`, `\[`; and with `set -o posix`
///    `!` is the history number and `!!` a `!`), then, with `shopt promptvars` (the default),
///    parameter expansion, command substitution and arithmetic as in double quotes.
/// 2. The same with `promptvars` off: backslash escapes only.
/// 3. `PS1='$(hostguard prompt --shell bash)'…`: the output of a substitution is not decoded
///    or expanded again (bash's manual, "PROMPTING"), so it must already be the final text.
///
/// `\`, `$`, backquote and `!` mean different things in those three (`\\` is `\` in 1 and 2 and
/// `\\` in 3), so they become visible `\x5c`, `\x24`, `\x60`, `\x21`: `\x` is no escape bash
/// knows, so it stays as it is in all three (see bash's parse.y, decode_prompt_string).
/// Non-printing bytes are wrapped in the raw \001 … \002 readline reads as "ignore for width"
/// (RL_PROMPT_START_IGNORE/END_IGNORE, what `\[ \]` decode to), because 3 never decodes `\[`.
public struct BashPromptEscaper: PromptEscaper {
    public init() {}

    public func text(_ text: String) -> String {
        Self.inert(text) { scalar in scalar == "\\" || scalar == "$" || scalar == "`" || scalar == "!" }
    }

    public func invisible(_ sequence: String) -> String {
        "\u{01}" + sequence + "\u{02}"
    }
}
