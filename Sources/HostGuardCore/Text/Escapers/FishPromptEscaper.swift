/// fish prints what `fish_prompt` writes as it is: no expansion, no escapes, and it measures
/// the prompt's width itself, skipping escape sequences it recognises (fish's
/// `escape_code_length`). So the text only loses its control characters.
public struct FishPromptEscaper: PromptEscaper {
    public init() {}

    public func text(_ text: String) -> String { TerminalText.inert(text) }

    public func invisible(_ sequence: String) -> String { sequence }
}
