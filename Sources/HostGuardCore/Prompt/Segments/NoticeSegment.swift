/// Short notices after the segment: stale mounts found, config errors, an old role state.
enum NoticeSegment {
    static let style = TextStyle(foreground: .rgb(255, 200, 0), bold: true, basicForeground: .yellow)

    static func render(_ context: PromptContext) -> PromptPiece? {
        guard !context.notices.isEmpty else { return nil }
        let text = context.notices.map { TerminalText.inert($0.text) }.joined(separator: ", ")
        return PromptPiece("(\(text))", style: style)
    }
}
