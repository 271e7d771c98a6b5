/// Straight to a terminal or another program (`--shell plain`, the guard's banner, `mounts`):
/// nothing interprets the text but the terminal, so it only loses its control characters.
public struct PlainEscaper: PromptEscaper {
    public init() {}

    public func text(_ text: String) -> String { TerminalText.inert(text) }

    public func invisible(_ sequence: String) -> String { sequence }
}
