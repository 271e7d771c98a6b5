/// How many colours an output can show, and the one rule that decides it for every output the
/// tool writes to (the prompt, the guard's banner, `hostguard mounts`).
public enum ColorDepth: Equatable, Sendable, Comparable {
    case none, basic, indexed256, truecolor

    /// Decides from values the caller read: the setting (`--color`, `[prompt] color`), whether
    /// the output is a terminal (the prompt passes true: the shell captures it for a terminal),
    /// and the environment.
    ///
    /// - `never` is none; `auto` is none when the output is not a terminal, when `NO_COLOR` is
    ///   set to anything non-empty (https://no-color.org: "when present and not an empty
    ///   string"), or when TERM is unset, empty or `dumb`.
    /// - Otherwise (and always for `always`) the depth is what the terminal announces:
    ///   `COLORTERM=truecolor|24bit` or a `*-direct` TERM (terminfo's convention for direct
    ///   colour) → truecolor; a TERM naming `256color` → 256; anything else → the 8 basic colours.
    public static func detect(
        _ setting: PromptSettings.Toggle, outputIsTerminal: Bool, environment: ColorEnvironment
    ) -> ColorDepth {
        if setting == .never { return .none }
        if setting == .auto {
            if !outputIsTerminal { return .none }
            if let noColor = environment.noColor, !noColor.isEmpty { return .none }
            guard let term = environment.term, !term.isEmpty, term != "dumb" else { return .none }
        }
        let colorTerm = environment.colorTerm?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        let term = environment.term?.lowercased() ?? ""
        if term.hasSuffix("-direct") { return .truecolor }
        if term.contains("256color") { return .indexed256 }
        return .basic
    }
}

/// The environment variables that decide colour and titles, read by the caller (Core never
/// reads the environment itself).
public struct ColorEnvironment: Equatable, Sendable {
    public var noColor: String?
    public var term: String?
    public var colorTerm: String?

    public init(noColor: String?, term: String?, colorTerm: String?) {
        self.noColor = noColor
        self.term = term
        self.colorTerm = colorTerm
    }

    /// From a getenv-like function: `ColorEnvironment(system_getenv)`.
    public init(_ getenv: (String) -> String?) {
        self.init(noColor: getenv("NO_COLOR"), term: getenv("TERM"), colorTerm: getenv("COLORTERM"))
    }

    /// Whether an OSC title sequence is safe to send: dumb terminals and the Linux console would
    /// show it as garbage.
    public var terminalTakesTitle: Bool {
        guard let term, !term.isEmpty else { return false }
        return term != "dumb" && term != "linux"
    }
}
