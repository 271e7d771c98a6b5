/// Select Graphic Rendition (ECMA-48 8.3.117, `CSI Ps ; … m`): the one place that turns a
/// `TextStyle` at a `ColorDepth` into the escape sequences that colour text. The prompt wraps
/// the sequences for its shell (`PromptEscaper.invisible`); the banner and `mounts` print them.
public enum SGR {
    /// `CSI 0 m`: every attribute back to the terminal's default.
    public static let reset = "\u{1B}[0m"

    /// The sequence that turns `style` on at `depth`, or nil when there is nothing to set
    /// (no colour, or a style with no attributes).
    public static func start(_ style: TextStyle, depth: ColorDepth) -> String? {
        let parameters = style.sgrParameters(at: depth)
        return parameters.isEmpty ? nil : "\u{1B}[" + parameters + "m"
    }

    /// `text` in `style`, reset after; `text` unchanged when nothing would be set. `text` must
    /// already be inert (`TerminalText`).
    public static func paint(_ text: String, _ style: TextStyle?, depth: ColorDepth) -> String {
        guard let style, let start = start(style, depth: depth) else { return text }
        return start + text + reset
    }
}
