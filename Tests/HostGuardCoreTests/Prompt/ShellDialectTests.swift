import Testing
@testable import HostGuardCore

@Suite("shell escaping")
struct ShellDialectTests {
    // (input, expected for bash PS1, expected for zsh PROMPT). What bash must receive so that,
    // after its two passes (backslash escapes, then promptvars expansion), the text is itself.
    static let hostile: [(String, String, String)] = [
        ("db1", "db1", "db1"),                                      // ordinary name passes through
        ("$(touch /tmp/pwned)", "\\\\$(touch /tmp/pwned)", "$(touch /tmp/pwned)"),  // command substitution
        ("`id`", "\\\\`id\\\\`", "`id`"),                           // backquotes
        ("a\\$b", "a\\\\\\\\\\\\$b", "a\\$b"),                       // backslash before $: no \$ → # for root
        ("100%", "100%", "100%%"),                                  // zsh prompt escape
        ("%F{red}x", "%F{red}x", "%%F{red}x"),                      // zsh colour escape is text
        ("!!", "!!!!", "!!"),                                        // bash history number
        ("${HOME}", "\\\\${HOME}", "${HOME}"),                      // parameter expansion
        ("\\u@\\h", "\\\\\\\\u@\\\\\\\\h", "\\u@\\h"),               // bash prompt escapes are text
    ]

    @Test("bash and zsh escaping, one row per hostile input", arguments: hostile)
    func escaping(row: (String, String, String)) {
        #expect(ShellDialect.bash.escape(row.0) == row.1)
        #expect(ShellDialect.zsh.escape(row.0) == row.2)
        #expect(ShellDialect.fish.escape(row.0) == row.0)
        #expect(ShellDialect.plain.escape(row.0) == row.0)
    }

    @Test("non-printing sequences are wrapped so the line editor counts width right")
    func wrapping() {
        #expect(ShellDialect.bash.nonPrinting("\u{1B}[0m") == "\\[\u{1B}[0m\\]")
        #expect(ShellDialect.zsh.nonPrinting("\u{1B}[0m") == "%{\u{1B}[0m%}")
        #expect(ShellDialect.fish.nonPrinting("\u{1B}[0m") == "\u{1B}[0m")
    }
}
