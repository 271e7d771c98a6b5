/// Renders the segment for one shell to any `TextOutputStream`: a string in tests, stdout in
/// the binary.
public enum PromptRenderer {
    public static func pieces(for context: PromptContext) -> [PromptPiece] {
        let segments: [(PromptContext) -> PromptPiece?] = [
            EnvironmentSegment.render, RoleSegment.render, RoleConflictSegment.render, ReplicationSegment.render, HostSegment.render, MaintenanceSegment.render, NoticeSegment.render,
        ]
        return segments.compactMap { $0(context) }
    }

    public static func render(_ context: PromptContext, dialect: ShellDialect, to output: inout some TextOutputStream) {
        let escaper = dialect.escaper
        let depth = context.depth
        // The title is set only where a terminal will read it; `plain` feeds other programs.
        // OSC 0 ; text BEL (xterm ctlseqs, "Operating System Commands").
        if dialect != .plain, let title = TitleSegment.title(context) {
            output.write(escaper.invisible("\u{1B}]0;") + escaper.text(title) + escaper.invisible("\u{07}"))
        }
        var first = true
        for piece in pieces(for: context) {
            if !first { output.write(" ") }
            first = false
            if let style = piece.style, let start = SGR.start(style, depth: depth) {
                output.write(escaper.invisible(start))
                output.write(escaper.text(piece.text))
                output.write(escaper.invisible(SGR.reset))
            } else {
                output.write(escaper.text(piece.text))
            }
        }
        // One space between the segment and whatever prompt the user already had.
        output.write(" ")
    }

    public static func render(_ context: PromptContext, dialect: ShellDialect) -> String {
        var text = ""
        render(context, dialect: dialect, to: &text)
        return text
    }
}
