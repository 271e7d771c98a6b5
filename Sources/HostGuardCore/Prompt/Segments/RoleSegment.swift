/// The live role: PRIMARY in capitals and red, standby calm; an expected but unknown role loud.
enum RoleSegment {
    static let primaryStyle = TextStyle(foreground: .rgb(255, 60, 60), bold: true, basicForeground: .red)
    static let standbyStyle = TextStyle(foreground: .rgb(0, 190, 200), basicForeground: .cyan)
    static let otherStyle = TextStyle(bold: true)
    static let unknownStyle = EnvironmentStyle.style(for: .unknown, name: nil)

    static func render(_ context: PromptContext) -> PromptPiece? {
        switch context.identity.role {
        case .notApplicable:
            return nil
        case .unknown:
            let label = Vocabulary.unknownRole
            return PromptPiece(context.depth == .none ? label : " \(label) ", style: unknownStyle)
        case .known(let role):
            var text = Vocabulary.label(role.kind)
            let style: TextStyle
            switch role.kind {
            case .primary: style = primaryStyle
            case .standby: style = standbyStyle
            case .other: style = otherStyle
            }
            if let service = role.service { text = Vocabulary.serviceLabel(service, short: true) + " " + text }
            if role.running == false { text += " (stopped)" }
            return PromptPiece(text, style: style)
        }
    }
}
