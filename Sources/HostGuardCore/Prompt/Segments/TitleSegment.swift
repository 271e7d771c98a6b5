/// The terminal title: environment and host, so the tab or window says where it is even when
/// the prompt has scrolled away. On by default for production and unknown hosts.
enum TitleSegment {
    static func title(_ context: PromptContext) -> String? {
        let identity = context.identity
        guard context.terminalTakesTitle else { return nil }
        switch context.settings.title {
        case .never: return nil
        case .auto:
            guard identity.environmentClass == .production || identity.environmentClass == .unknown else { return nil }
        case .always: break
        }
        let label = Vocabulary.environmentLabel(identity.environment)
        var title = "\(label) \(TerminalText.inert(identity.hostName.short))"
        if let role = identity.role.role, role.kind == .primary { title += " " + Vocabulary.primary }
        return title
    }
}
