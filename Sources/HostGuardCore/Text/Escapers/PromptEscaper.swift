/// How text reaches the screen through one shell's prompt language. One conforming type per
/// dialect (`ShellDialect.escaper`); `PromptRenderer` is the only caller in the prompt, and the
/// guard's banner and `mounts` (which write to a terminal, not a prompt) use `PlainEscaper`.
public protocol PromptEscaper: Sendable {
    /// `text` (from outside: host names, config strings) as bytes that show as the text itself
    /// in every common way the segment is embedded, and can run, expand or style nothing. A
    /// character that means something in one embedding and not in another cannot be right for
    /// both, so it is shown as a visible `\xNN` instead (a host name never holds one; a config
    /// string that does is still readable).
    func text(_ text: String) -> String

    /// Wraps bytes that take no room on screen (SGR, the OSC title) so the line editor counts
    /// the prompt's width right and long command lines still wrap and edit correctly.
    func invisible(_ sequence: String) -> String
}

extension PromptEscaper {
    /// `text` with control characters removed (`TerminalText.inert`), then each scalar in
    /// `meaningful` as `\xNN`.
    static func inert(_ text: String, visibleAsHex meaningful: (Unicode.Scalar) -> Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in TerminalText.inert(text).unicodeScalars {
            if meaningful(scalar) {
                out.append(contentsOf: TerminalText.hexEscape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
