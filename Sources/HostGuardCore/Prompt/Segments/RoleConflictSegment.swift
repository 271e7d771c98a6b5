/// `(inventory says standby)` right after a live `PRIMARY`: the static label is wrong, and the
/// person at this shell may be acting on it. Red, like the primary it contradicts.
enum RoleConflictSegment {
    static let style = TextStyle(foreground: .rgb(255, 255, 255), background: .rgb(200, 0, 0), bold: true,
                                 basicForeground: .brightWhite, basicBackground: .red)

    static func render(_ context: PromptContext) -> PromptPiece? {
        guard let conflict = context.roleConflict else { return nil }
        return PromptPiece(context.depth == .none ? conflict.promptText : " \(conflict.promptText) ", style: style)
    }
}
