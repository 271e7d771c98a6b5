/// The prompt languages hostguard renders for (`--shell`), each with its escaper.
public enum ShellDialect: String, Sendable, CaseIterable {
    case bash, zsh, fish, plain

    public var escaper: any PromptEscaper {
        switch self {
        case .bash: return BashPromptEscaper()
        case .zsh: return ZshPromptEscaper()
        case .fish: return FishPromptEscaper()
        case .plain: return PlainEscaper()
        }
    }
}
