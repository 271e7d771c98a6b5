/// Decides how much colour to use, from values the caller read from the environment.
/// NO_COLOR (https://no-color.org) and TERM=dumb switch colour off unless forced on.
public enum ColorDepthDetector {
    public static func depth(
        setting: PromptSettings.Toggle, noColor: String?, term: String?, colorTerm: String?
    ) -> ColorDepth {
        if setting == .never { return .none }
        if setting == .auto {
            if let noColor, !noColor.isEmpty { return .none }
            if term == nil || term == "dumb" || term == "" { return .none }
        }
        let colorTerm = colorTerm?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        let term = term?.lowercased() ?? ""
        if term.hasSuffix("-direct") { return .truecolor }
        if term.contains("256color") { return .indexed256 }
        return .basic
    }

    /// Whether an OSC title sequence is safe to send: dumb terminals and the Linux console would
    /// show it as garbage.
    public static func terminalTakesTitle(term: String?) -> Bool {
        guard let term, !term.isEmpty else { return false }
        return term != "dumb" && term != "linux"
    }
}
