/// Renders the segment for one shell to any `TextOutputStream`: a string in tests, stdout in
/// the binary.
public enum PromptRenderer {
    public static func pieces(for context: PromptContext) -> [PromptPiece] {
        let segments: [(PromptContext) -> PromptPiece?] = [
            EnvironmentSegment.render, RoleSegment.render, ReplicationSegment.render, HostSegment.render, MaintenanceSegment.render, NoticeSegment.render,
        ]
        return segments.compactMap { $0(context) }
    }

    public static func render(_ context: PromptContext, dialect: ShellDialect, to output: inout some TextOutputStream) {
        let depth = context.depth
        // The title is set only where a terminal will read it; `plain` feeds other programs.
        if dialect != .plain, let title = TitleSegment.title(context) {
            output.write(dialect.nonPrinting("\u{1B}]0;") + dialect.escape(title) + dialect.nonPrinting("\u{07}"))
        }
        var first = true
        for piece in pieces(for: context) {
            if !first { output.write(" ") }
            first = false
            let parameters = piece.style?.sgrParameters(at: depth) ?? ""
            if parameters.isEmpty {
                output.write(dialect.escape(piece.text))
            } else {
                output.write(dialect.nonPrinting("\u{1B}[" + parameters + "m"))
                output.write(dialect.escape(piece.text))
                output.write(dialect.nonPrinting("\u{1B}[0m"))
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
