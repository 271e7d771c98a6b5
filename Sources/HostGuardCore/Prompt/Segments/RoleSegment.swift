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
            return PromptPiece(context.depth == .none ? "ROLE?" : " ROLE? ", style: unknownStyle)
        case .known(let role):
            var text: String
            let style: TextStyle
            switch role.kind {
            case .primary: text = "PRIMARY"; style = primaryStyle
            case .standby: text = "standby"; style = standbyStyle
            case .other(let name): text = TerminalText.inert(name); style = otherStyle
            }
            if let service = role.service { text = shortName(of: service) + " " + text }
            if role.running == false { text += " (stopped)" }
            return PromptPiece(text, style: style)
        }
    }

    static func shortName(of service: String) -> String {
        switch service {
        case "postgresql": return "pg"
        default: return TerminalText.inert(service)
        }
    }
}
