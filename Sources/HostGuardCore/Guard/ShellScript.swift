/// A `sh -c` script read the way a POSIX shell splits it, as far as the guard can follow it:
/// words (with `'…'`, `"…"` and backslash quoting), command separators `;` `&&` `||` `|` `&` and
/// newlines, and output redirections (`> FILE` overwrites FILE). Anything a shell would still
/// compute — `$(…)`, backquotes, `$VAR` as a command, loops and conditionals, here-documents — is
/// noted in `beyond`; the commands inside are still read (leniently), so `for f in *; do rm -rf
/// "$f"; done` shows its `rm -rf`, and the caller decides what the unreadable part means.
/// See POSIX XCU 2.3 "Token Recognition" and 2.9 "Shell Commands".
public struct ShellScript: Sendable, Equatable {
    public struct Command: Sendable, Equatable {
        public var words: [String]
        /// Files opened for writing by `>`, `>|`, `&>`, `N>`: truncated before the command runs.
        public var overwrites: [String] = []
    }

    public var commands: [Command] = []
    /// What the guard could not follow, for the banner: "$(…)", "a `for` loop" …; empty when the
    /// script is simple commands only.
    public var beyond: [String] = []

    static let keywords: Set<String> = ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done",
                                        "case", "esac", "in", "function", "select", "!", "{", "}", "time", "[[", "]]"]

    /// Splits `script`; `positional` are `$1`… (`sh -c SCRIPT NAME ARG1 …` passes NAME as `$0`).
    public static func parse(_ script: String, positional: [String] = []) -> ShellScript {
        var result = ShellScript()
        var parser = Parser(characters: Array(script), positional: positional)
        parser.run(into: &result)
        return result
    }

    struct Parser {
        var characters: [Character]
        var positional: [String]
        var index = 0
        var words: [String] = []
        var word = ""
        var wordStarted = false
        var overwrites: [String] = []
        var pendingRedirect: Bool? = nil // true: next word is an overwrite target; false: ignored (input)

        mutating func endWord() {
            guard wordStarted else { return }
            if let redirect = pendingRedirect {
                if redirect { overwrites.append(word) }
                pendingRedirect = nil
            } else {
                words.append(word)
            }
            word = ""
            wordStarted = false
        }

        mutating func endCommand(into result: inout ShellScript) {
            endWord()
            // Keywords open or close compound commands; the command proper follows them.
            var commandWords = words
            while let first = commandWords.first, ShellScript.keywords.contains(first) {
                if ["for", "while", "until", "if", "case", "select"].contains(first) {
                    note("a `\(first)` compound command", &result)
                }
                if first == "for" || first == "select" || first == "case" {
                    // `for NAME in WORDS` is not a command.
                    commandWords = []
                    break
                }
                commandWords.removeFirst()
            }
            if let first = commandWords.first, first.hasSuffix("()") { commandWords = [] }
            if !commandWords.isEmpty || !overwrites.isEmpty {
                result.commands.append(Command(words: commandWords, overwrites: overwrites))
            }
            words = []
            overwrites = []
        }

        mutating func note(_ what: String, _ result: inout ShellScript) {
            if !result.beyond.contains(what) { result.beyond.append(what) }
        }

        /// The text up to the matching close (`)` for `$(`, a backquote for a backquote).
        mutating func nested(close: Character, open: Character?) -> String {
            var depth = 1
            var text = ""
            while index < characters.count {
                let character = characters[index]
                index += 1
                if character == "\\" && index < characters.count { text.append(character); text.append(characters[index]); index += 1; continue }
                if let open, character == open { depth += 1 }
                if character == close { depth -= 1; if depth == 0 { break } }
                text.append(character)
            }
            return text
        }

        mutating func dollar(_ result: inout ShellScript, quoted: Bool) {
            // At a `$`: positional parameters we know, or an expansion kept as text (its `$`
            // tells the caller the tool will see something else).
            index += 1
            guard index < characters.count else { word.append("$"); return }
            let next = characters[index]
            if next == "(" {
                index += 1
                let inner = nested(close: ")", open: "(")
                note("$(…)", &result)
                let sub = ShellScript.parse(inner, positional: positional)
                result.commands += sub.commands
                for item in sub.beyond where !result.beyond.contains(item) { result.beyond.append(item) }
                word += "$(\(inner))"
                return
            }
            var name = ""
            if next == "{" {
                index += 1
                while index < characters.count && characters[index] != "}" { name.append(characters[index]); index += 1 }
                index += 1
            } else if next.isNumber || next == "@" || next == "*" || next == "#" || next == "?" || next == "$" || next == "!" {
                name = String(next)
                index += 1
            } else {
                while index < characters.count, characters[index] == "_" || characters[index].isLetter || characters[index].isNumber {
                    name.append(characters[index])
                    index += 1
                }
            }
            if let number = Int(name), number >= 1, number <= positional.count {
                word += positional[number - 1]
            } else if (name == "@" || name == "*") && !positional.isEmpty {
                // "$@" is each argument as its own word.
                for (position, argument) in positional.enumerated() {
                    word += argument
                    if position < positional.count - 1 {
                        wordStarted = true
                        endWord()
                        wordStarted = true
                    }
                }
            } else if name.isEmpty {
                word.append("$")
            } else {
                word += "${\(name)}"
                note("$\(name)", &result)
            }
        }

        mutating func run(into result: inout ShellScript) {
            while index < characters.count {
                let character = characters[index]
                switch character {
                case " ", "\t":
                    endWord()
                    index += 1
                case "\n", ";":
                    endCommand(into: &result)
                    index += 1
                case "&", "|":
                    // `&&`, `||`, `|`, `&`, `|&`; `&>` is a redirection.
                    if character == "&" && index + 1 < characters.count && characters[index + 1] == ">" {
                        endWord()
                        index += 2
                        if index < characters.count && characters[index] == ">" { index += 1 }
                        pendingRedirect = true
                        continue
                    }
                    endCommand(into: &result)
                    index += 1
                    if index < characters.count && (characters[index] == character || characters[index] == "&") { index += 1 }
                case ">", "<":
                    // A leading fd number belongs to the redirection (`2>`), not to the words.
                    if wordStarted && !word.isEmpty && word.allSatisfy(\.isNumber) { word = ""; wordStarted = false }
                    endWord()
                    index += 1
                    if character == "<" && index < characters.count && characters[index] == "<" {
                        index += 1
                        if index < characters.count && characters[index] == "<" { index += 1; pendingRedirect = false; continue }
                        note("a here-document", &result)
                        pendingRedirect = false
                        continue
                    }
                    if index < characters.count && (characters[index] == ">" || characters[index] == "|") {
                        // `>>` appends: nothing is lost. `>|` overwrites.
                        let append = characters[index] == ">"
                        index += 1
                        pendingRedirect = append ? false : true
                        continue
                    }
                    if index < characters.count && characters[index] == "&" {
                        // `2>&1`, `<&0`: a file descriptor, not a file.
                        index += 1
                        while index < characters.count && (characters[index].isNumber || characters[index] == "-") { index += 1 }
                        continue
                    }
                    if character == "<" && index < characters.count && characters[index] == "(" {
                        index += 1
                        let inner = nested(close: ")", open: "(")
                        note("<(…)", &result)
                        result.commands += ShellScript.parse(inner, positional: positional).commands
                        continue
                    }
                    pendingRedirect = character == ">"
                case "(", ")":
                    if character == "(" && wordStarted && word.hasSuffix("$") == false && !word.isEmpty {
                        // `name()` function definition
                        word.append("()")
                        index += 1
                        if index < characters.count && characters[index] == ")" { index += 1 }
                        continue
                    }
                    note("a subshell", &result)
                    endCommand(into: &result)
                    index += 1
                case "'":
                    wordStarted = true
                    index += 1
                    while index < characters.count && characters[index] != "'" { word.append(characters[index]); index += 1 }
                    index += 1
                case "\"":
                    wordStarted = true
                    index += 1
                    while index < characters.count && characters[index] != "\"" {
                        let inner = characters[index]
                        if inner == "\\" && index + 1 < characters.count && "$`\"\\\n".contains(characters[index + 1]) {
                            word.append(characters[index + 1])
                            index += 2
                        } else if inner == "$" {
                            dollar(&result, quoted: true)
                        } else if inner == "`" {
                            index += 1
                            let text = nested(close: "`", open: nil)
                            note("`…`", &result)
                            result.commands += ShellScript.parse(text, positional: positional).commands
                            word += "$(\(text))"
                        } else {
                            word.append(inner)
                            index += 1
                        }
                    }
                    index += 1
                case "\\":
                    wordStarted = true
                    index += 1
                    if index < characters.count {
                        if characters[index] != "\n" { word.append(characters[index]) }
                        index += 1
                    }
                case "$":
                    wordStarted = true
                    dollar(&result, quoted: false)
                case "`":
                    wordStarted = true
                    index += 1
                    let text = nested(close: "`", open: nil)
                    note("`…`", &result)
                    result.commands += ShellScript.parse(text, positional: positional).commands
                    word += "$(\(text))"
                case "#" where !wordStarted:
                    while index < characters.count && characters[index] != "\n" { index += 1 }
                default:
                    wordStarted = true
                    word.append(character)
                    index += 1
                }
            }
            endCommand(into: &result)
        }
    }
}
