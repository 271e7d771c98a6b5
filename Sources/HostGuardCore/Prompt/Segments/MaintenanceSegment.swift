/// `MAINT: kernel upgrade (40m left, by alice)`, `nologin`, `reboot required`: the host is in a
/// state someone chose for everyone (the USENIX 2023 runner outage: a maintenance mode nobody at
/// a shell could see). Black on amber: louder than a notice, not the red of PRODUCTION.
enum MaintenanceSegment {
    static let style = TextStyle(
        foreground: .rgb(0, 0, 0), background: .rgb(255, 176, 0), bold: true,
        basicForeground: .black, basicBackground: .yellow)

    static func render(_ context: PromptContext) -> PromptPiece? {
        guard let state = context.maintenance else { return nil }
        let texts = state.promptTexts
        guard !texts.isEmpty else { return nil }
        let text = texts.joined(separator: " · ")
        // Without colour the piece must still stand out from the text around it.
        return PromptPiece(context.depth == .none ? "[\(text)]" : " \(text) ", style: style)
    }
}
