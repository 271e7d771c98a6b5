import Testing
@testable import HostGuardCore

/// Every hostile string × every way a segment is embedded. The embeddings are modelled from the
/// shells' manuals (bash "PROMPTING", zshmisc "EXPANSION OF PROMPT SEQUENCES") as small readers
/// that say what the user would see and whether anything would run or expand; the same rows
/// run through real bash, zsh and fish in tmux in `ShellIntegrationTests`.
@Suite("prompt escaping: hostile text × embedding")
struct PromptEscaperTests {
    static let hostile: [String] = [
        "db1",                                   // ordinary
        "$(touch /tmp/hostguard-pwned)",         // command substitution
        "`touch /tmp/hostguard-pwned`",          // backquotes
        "${HOME}",                               // parameter expansion
        "$HOME",
        "$((6*7))",                              // arithmetic
        "%F{red}red%f",                          // zsh prompt escape
        "100%",                                  // a lone %
        "%{\u{1B}[31m%}",                        // zsh's invisible markers
        "\\[\u{1B}[31m\\]",                      // bash's invisible markers
        "\\u@\\h \\w \\$",                       // bash prompt escapes
        "!",                                     // history number (posix bash, PROMPT_BANG)
        "!!",
        "\u{1B}[31mred\u{1B}[0m",                // a raw escape sequence
        "\u{1B}]0;owned\u{07}",                  // an OSC title
        "\u{9B}31m",                             // the 8-bit CSI
        "\u{202E}lortnoc",                       // bidi override (Trojan Source)
        "a\u{2066}b\u{2069}",                    // bidi isolates
        "line1\nline2",                          // newline
        "tab\there",
        "\u{01}x\u{02}",                         // readline's own invisible markers
        "caf\u{FFFD}",                           // invalid UTF-8, as the readers decode it
        "db\\",                                  // a trailing backslash
        "a\\$b",                                 // backslash before $
        "$'\\x41'",                              // ANSI-C quoting
        "\"quoted\" 'single'",
    ]

    // MARK: - Exact escaper output

    @Test("escaper rows: bash and zsh show meaningful characters as \\xNN")
    func exactRows() {
        let bash = BashPromptEscaper(), zsh = ZshPromptEscaper(), fish = FishPromptEscaper()
        #expect(bash.text("$(id)") == "\\x24(id)")
        #expect(bash.text("`id`") == "\\x60id\\x60")
        #expect(bash.text("a\\b!") == "a\\x5cb\\x21")
        #expect(bash.text("100%") == "100%")
        #expect(zsh.text("100%") == "100%%")
        #expect(zsh.text("${HOME}") == "\\x24{HOME}")
        #expect(zsh.text("%F{red}") == "%%F{red}")
        #expect(fish.text("$(id) %F \u{1B}[31m") == "$(id) %F [31m")
        #expect(bash.text("\u{202E}x\ny") == "xy")
        #expect(bash.invisible("\u{1B}[0m") == "\u{01}\u{1B}[0m\u{02}")
        #expect(zsh.invisible("\u{1B}[0m") == "%{\u{1B}[0m%}")
        #expect(fish.invisible("\u{1B}[0m") == "\u{1B}[0m")
        #expect(PlainEscaper().text("a\u{7}b") == "ab")
    }

    // MARK: - Whole segments, every field hostile

    static func identity(_ text: String) -> HostIdentity {
        HostIdentity(hostName: HostName(nodeName: text + ".example.com"), environment: EnvironmentName(text),
                     role: .known(Role(.other(text), service: text, running: true)), cluster: text, evidence: [])
    }

    static func segment(_ text: String, _ dialect: ShellDialect, depth: ColorDepth = .basic) -> String {
        var settings = PromptSettings()
        settings.title = .always
        return PromptRenderer.render(PromptContext(identity: identity(text), settings: settings,
                                                   notices: [PromptNotice(text)], depth: depth), dialect: dialect)
    }

    /// What a person should read for `text`: the text without controls, with the characters
    /// that mean something to this shell shown as `\xNN`.
    static func expectedVisible(_ text: String, _ dialect: ShellDialect) -> String {
        var out = ""
        for scalar in TerminalText.inert(text).unicodeScalars {
            if dialect == .bash || dialect == .zsh, "\\$`!".unicodeScalars.contains(scalar) {
                out += TerminalText.hexEscape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    enum Embedding: CustomStringConvertible, CaseIterable {
        /// `PS1="$(hostguard prompt --shell bash)$PS1"`, promptvars on/off, posix mode on/off.
        case bashAssigned(promptvars: Bool, posix: Bool)
        /// `PS1='$(hostguard prompt --shell bash)'…` (needs promptvars).
        case bashSubstitutedEachPrompt
        /// `PROMPT="$(hostguard prompt --shell zsh)$PROMPT"`, PROMPT_SUBST and PROMPT_BANG on/off.
        case zshAssigned(subst: Bool, bang: Bool)
        /// `PROMPT='$(hostguard prompt --shell zsh)'…` with PROMPT_SUBST.
        case zshSubstitutedEachPrompt(bang: Bool)
        /// fish_prompt printing the output; `--shell plain` piped to a terminal.
        case printed

        static var allCases: [Embedding] {
            [.bashAssigned(promptvars: true, posix: false), .bashAssigned(promptvars: false, posix: false),
             .bashAssigned(promptvars: true, posix: true), .bashSubstitutedEachPrompt,
             .zshAssigned(subst: false, bang: false), .zshAssigned(subst: true, bang: false),
             .zshAssigned(subst: true, bang: true), .zshSubstitutedEachPrompt(bang: true), .printed]
        }

        var dialect: ShellDialect {
            switch self {
            case .bashAssigned, .bashSubstitutedEachPrompt: return .bash
            case .zshAssigned, .zshSubstitutedEachPrompt: return .zsh
            case .printed: return .fish
            }
        }

        var description: String {
            switch self {
            case .bashAssigned(let promptvars, let posix): return "bash PS1=\"$(…)\" promptvars=\(promptvars) posix=\(posix)"
            case .bashSubstitutedEachPrompt: return "bash PS1='$(…)'"
            case .zshAssigned(let subst, let bang): return "zsh PROMPT=\"$(…)\" prompt_subst=\(subst) prompt_bang=\(bang)"
            case .zshSubstitutedEachPrompt(let bang): return "zsh PROMPT='$(…)' prompt_bang=\(bang)"
            case .printed: return "fish_prompt"
            }
        }
    }

    /// A marker for "the shell would have run or expanded something here".
    static let expanded: Character = "\u{FFFF}"

    /// What the shell shows for `bytes` in `embedding`: invisible runs removed, and `expanded`
    /// wherever the shell would substitute, expand or interpret instead of showing.
    static func shown(_ bytes: String, _ embedding: Embedding) -> String {
        switch embedding {
        case .bashAssigned(let promptvars, let posix):
            var text = bashBackslashPass(bytes, posix: posix)
            if promptvars { text = doubleQuoteExpansion(text) }
            return removingReadlineInvisible(text)
        case .bashSubstitutedEachPrompt:
            return removingReadlineInvisible(bytes)
        case .zshAssigned(let subst, let bang):
            return zshPercentPass(subst ? doubleQuoteExpansion(bytes) : bytes, bang: bang)
        case .zshSubstitutedEachPrompt(let bang):
            return zshPercentPass(bytes, bang: bang)
        case .printed:
            return removingEscapeSequences(bytes)
        }
    }

    /// bash's decode_prompt_string: `\\`, `\$`, `\[`, `\]`, the named escapes; an unknown escape
    /// such as `\x` stays as it is. In posix mode `!` is the history number and `!!` a `!`.
    static func bashBackslashPass(_ text: String, posix: Bool) -> String {
        var out = "", chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let n = chars[i + 1]
                switch n {
                case "\\": out += "\\"
                case "$": out += "\\$"       // "\$" then the expansion pass's quote removal
                case "[": out += "\u{01}"
                case "]": out += "\u{02}"
                case "a", "d", "D", "e", "h", "H", "j", "l", "n", "r", "s", "t", "T", "@", "A", "u", "v", "V", "w", "W", "!", "#", "0"..."7":
                    out.append(expanded)
                default: out += "\\" + String(n)
                }
                i += 2
            } else if posix, c == "!" {
                if i + 1 < chars.count, chars[i + 1] == "!" { out += "!"; i += 2 } else { out.append(expanded); i += 1 }
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }

    /// Expansion as in double quotes (bash promptvars, zsh PROMPT_SUBST): `$` before a name, `{`,
    /// `(` or a special parameter, and backquotes, substitute; a backslash quotes `$`, backquote,
    /// `"` and `\`.
    static func doubleQuoteExpansion(_ text: String) -> String {
        var out = "", chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "$`\"\\".contains(chars[i + 1]) {
                out.append(chars[i + 1]); i += 2
            } else if c == "`" {
                out.append(expanded); i += 1
            } else if c == "$", i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1].isNumber || "{(_?!#*@$-".contains(chars[i + 1]) {
                out.append(expanded); i += 2
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }

    static func removingReadlineInvisible(_ text: String) -> String {
        var out = "", hidden = false
        for c in text {
            if c == "\u{01}" { hidden = true } else if c == "\u{02}" { hidden = false } else if !hidden { out.append(c) }
        }
        return out
    }

    /// zsh's `%` escapes: `%%` is `%`, `%{ … %}` is invisible, any other `%X` expands. With
    /// PROMPT_BANG, `!!` is `!` and `!` the history number.
    static func zshPercentPass(_ text: String, bang: Bool) -> String {
        var out = "", chars = Array(text), i = 0, hidden = false
        while i < chars.count {
            let c = chars[i]
            if c == "%", i + 1 < chars.count {
                switch chars[i + 1] {
                case "%": if !hidden { out += "%" }
                case "{": hidden = true
                case "}": hidden = false
                default: out.append(expanded)
                }
                i += 2
            } else if c == "%" {
                out.append(expanded); i += 1
            } else if bang, c == "!" {
                if i + 1 < chars.count, chars[i + 1] == "!" { out += "!"; i += 2 } else { out.append(expanded); i += 1 }
            } else {
                if !hidden { out.append(c) }
                i += 1
            }
        }
        return out
    }

    /// A terminal: CSI … final byte and OSC … BEL take no room; any other control would act.
    static func removingEscapeSequences(_ text: String) -> String {
        var out = "", scalars = Array(text.unicodeScalars), i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                i += 2
                while i < scalars.count, !(0x40...0x7E).contains(scalars[i].value) { i += 1 }
                i += 1
            } else if s == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "]" {
                while i < scalars.count, scalars[i] != "\u{07}" { i += 1 }
                i += 1
            } else if s.value < 0x20 || (0x7F...0x9F).contains(s.value) {
                out.unicodeScalars.append("\u{FFFF}"); i += 1
            } else {
                out.unicodeScalars.append(s); i += 1
            }
        }
        return out
    }

    static let cases: [(String, Embedding)] = hostile.flatMap { text in Embedding.allCases.map { (text, $0) } }

    @Test("nothing runs or expands, and the text is shown as itself", arguments: cases)
    func inertEverywhere(row: (String, Embedding)) {
        let (text, embedding) = row
        for depth in [ColorDepth.none, .basic, .truecolor] {
            let bytes = Self.segment(text, embedding.dialect, depth: depth)
            let seen = Self.shown(bytes, embedding)
            #expect(!seen.contains(Self.expanded), "\(embedding): \(TerminalText.visible(bytes)) → \(TerminalText.visible(seen))")
            // No control character reaches the screen outside the sequences hostguard wrote.
            #expect(!seen.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                    "\(embedding): \(TerminalText.visible(seen))")
            // The host name is shown, whole and readable.
            let visible = Self.expectedVisible(text, embedding.dialect)
            #expect(seen.contains(visible + ".example.com") || seen.contains(visible + " "), "\(embedding): \(TerminalText.visible(seen)) lacks \(visible)")
        }
    }
}
