/// The environment label: never blank. Unknown is shown as loudly as production.
enum EnvironmentSegment {
    static func render(_ context: PromptContext) -> PromptPiece? {
        let identity = context.identity
        let label = Vocabulary.environmentLabel(identity.environment)
        let style = EnvironmentStyle.style(for: identity.environmentClass, name: identity.environment?.name)
        // Without colour the brackets carry the emphasis the background would have.
        let text = context.depth == .none ? "[\(label)]" : " \(label) "
        return PromptPiece(text, style: style)
    }
}
