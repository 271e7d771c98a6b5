import Testing
@testable import HostGuardCore

@Suite("terminal text")
struct TerminalTextTests {
    static let rows: [(String, String)] = [
        ("db1.example.com", "db1.example.com"),            // nothing to remove
        ("evil\u{1B}]0;owned\u{07}", "evil]0;owned"),       // OSC title: ESC and BEL removed, rest visible
        ("\u{1B}[2J\u{1B}[31mred", "[2J[31mred"),           // clear screen + colour become text
        ("a\u{9B}31mb", "a31mb"),                           // 8-bit CSI (C1) removed
        ("line\nbreak\r", "linebreak"),                     // newlines would break the prompt
        ("abc\u{202E}fed", "abcfed"),                       // right-to-left override (Trojan Source)
        ("tab\there", "tabhere"),
        ("ünïcødé-ok", "ünïcødé-ok"),                       // printable non-ASCII is kept
    ]

    @Test("inert removes everything that could drive the terminal", arguments: rows)
    func inert(row: (String, String)) {
        #expect(TerminalText.inert(row.0) == row.1)
    }

    @Test("visible shows controls as escapes on one line")
    func visible() {
        #expect(TerminalText.visible("a\nb\u{1B}") == "a\\x0ab\\x1b")
        #expect(TerminalText.visible("back\\slash") == "back\\\\slash")
    }
}
