/// `cluster:host`, bold: the name the operator must type to confirm a dangerous command.
enum HostSegment {
    static let style = TextStyle(bold: true)

    static func render(_ context: PromptContext) -> PromptPiece? {
        var parts: [String] = []
        if context.settings.showCluster, let cluster = context.identity.cluster {
            parts.append(TerminalText.inert(cluster))
        }
        if context.settings.showHost {
            parts.append(TerminalText.inert(context.identity.hostName.short))
        }
        guard !parts.isEmpty else { return nil }
        return PromptPiece(parts.joined(separator: ":"), style: style)
    }
}
