/// A TOML syntax error as the operator reads it: file (the diagnostic's), line, column, the
/// parser's words, and a hint for the common mistakes.
///
/// The parser (toml++, through TOMLKit in HostGuardSystem) already escapes what it quotes
/// (`saw '\n'`); `ConfigDiagnostic.line` escapes only control characters, so that text is shown
/// once-escaped, as the parser wrote it (issue 12: it used to read `saw '\\n'`).
public enum TOMLSyntaxError {
    public static func message(parser: String, line: Int, column: Int, source: Substring) -> String {
        var text = "TOML syntax error at line \(line), column \(column): \(parser)"
        if let hint = hint(line: line, source: source) { text += " (\(hint))" }
        return text
    }

    /// A hint for the mistakes people make: a string value without quotes (`environment =
    /// production` → `strings need quotes: environment = "production"`).
    static func hint(line number: Int, source: Substring) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 1, number <= lines.count else { return nil }
        let line = lines[number - 1]
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].trimmingSpaces
        var value = line[line.index(after: equals)...].trimmingSpaces
        if let hash = value.firstIndex(of: "#") { value = value[..<hash].trimmingSpaces }
        guard !key.isEmpty, !value.isEmpty, key.allSatisfy(isBareKeyCharacter),
              let first = value.first, first.isLetter,
              value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == " " || $0 == "/" }),
              let word = value.split(separator: " ").first,
              !["true", "false", "inf", "nan"].contains(String(word)) else { return nil }
        return "strings need quotes: \(key) = \"\(value)\""
    }

    static func isBareKeyCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_" || character == ".")
    }
}
