import Foundation
import HostGuardCore
import Testing

/// Every hostile host name × every common way a segment is embedded, in real bash, zsh and fish
/// in tmux (the same rows `PromptEscaperTests` models in Core). The host name is set in a
/// private UTS namespace (`unshare -u`), through the kernel, so it can hold anything a host name
/// can: `$(…)`, backquotes, escapes, a newline, bytes that are not UTF-8.
///
/// Each session shows the segment several times on one line, once per embedding:
/// - bash, promptvars on: the integration; `PS1="A<$(hostguard prompt)>…"` (decoded and
///   expanded each prompt); `PS1='B<$(hostguard prompt)>…'` (substituted each prompt).
/// - bash, promptvars off: the integration; `PS1="A<$(…)>…"`.
/// - zsh, PROMPT_SUBST on: the integration; `PROMPT="A<$(…)>…"`; `PROMPT='B<$(…)>…'`.
/// - zsh, PROMPT_SUBST off: the integration; `PROMPT="A<$(…)>…"`.
/// - fish: the integration wrapping a fish_prompt that prints `hostguard prompt --shell fish`.
@Suite("prompt: hostile host names in every embedding (real shells in tmux)", .serialized)
struct PromptEmbeddingTests {
    static let marker = "/tmp/hgp-\(getpid())"

    /// Host names as hex bytes (some are not UTF-8), with a note.
    static let names: [(hex: String, note: String)] = [
        (hex("$(touch \(marker))"), "command substitution"),
        (hex("`touch \(marker)`"), "backquotes"),
        (hex("${HOME}"), "parameter expansion"),
        (hex("%F{red}x%f"), "zsh prompt escapes"),
        (hex("\\[x\\]\\u"), "bash prompt escapes"),
        (hex("!x!!"), "history expansion"),
        (hex("\u{1B}]0;pwned\u{07}"), "an OSC title sequence"),
        (hex("\u{202E}evil"), "a bidi override"),
        (hex("a\nb"), "a newline"),
        ("fffe78", "invalid UTF-8"),
        (hex("db\\"), "a trailing backslash"),
    ]

    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    let hermetic: HermeticEnvironment
    let directory: TemporaryDirectory

    init() throws {
        hermetic = try HermeticEnvironment()
        directory = try TemporaryDirectory()
        // A row that ran the command must not make the next rows fail too.
        unlink(Self.marker)
        try "[host]\nenvironment = \"production\"\ncluster = \"db\"\n".write(toFile: hermetic.config, atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        var env = hermetic.variables
        env["HOSTGUARD_CONFIG"] = hermetic.config
        env["TERM"] = "xterm-256color"
        return env
    }

    /// Runs `command` with the host name set to the bytes `hex`, in a UTS namespace of its own.
    func wrapper(_ hex: String) -> [String] {
        ["/usr/bin/unshare", "-u", "/bin/sh", "-c",
         "python3 -c 'import socket,sys; socket.sethostname(bytes.fromhex(sys.argv[1]))' \"$1\" && shift && exec \"$@\"", "sh", hex]
    }

    /// What the segment must show for the host name: the name as the readers decode it (U+FFFD
    /// for bytes that are not UTF-8), as this shell's escaper shows it.
    static func shown(_ hex: String, _ escaper: any PromptEscaper) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let name = HostName(nodeName: String(decoding: bytes, as: UTF8.self)).short
        return escaper.text(name).replacingOccurrences(of: "%%", with: "%")
    }

    func check(_ session: TmuxSession, expected: String, copies: Int, prompt: String, note: String) throws {
        let needle = "db:" + expected + " "
        let screen = try session.waitFor(20) { $0.components(separatedBy: needle).count - 1 >= copies && $0.contains(prompt) }
        let line = screen.split(separator: "\n").last { $0.contains(prompt) }.map(String.init) ?? ""
        #expect(line.components(separatedBy: needle).count - 1 == copies, "\(note): \(line)")
        #expect(!FileManager.default.fileExists(atPath: Self.marker), "\(note): a command in the host name ran")
        #expect(!screen.contains(directory.path) && !screen.contains(hermetic.home), "\(note): ${HOME} was expanded")
        #expect(try session.paneTitle() != "pwned", "\(note)")
    }

    @Test("bash, promptvars on: integration, PS1=\"$(…)\" and PS1='$(…)'", arguments: names)
    func bashPromptvars(row: (hex: String, note: String)) throws {
        let binary = HostGuardBinary.path
        let rc = try directory.write("bashrc-on", """
            PS1='[$?]\\u\\$ '
            PS1="A<$('\(binary)' prompt --shell bash)>"'B<$('"'\(binary)'"' prompt --shell bash)>'"$PS1"
            eval "$('\(binary)' init bash)"
            """)
        let session = try TmuxSession(wrapper(row.hex) + ["/bin/bash", "--noprofile", "--rcfile", rc, "-i"], environment: environment)
        try check(session, expected: Self.shown(row.hex, BashPromptEscaper()), copies: 3, prompt: "[0]root# ", note: row.note)
    }

    @Test("bash, promptvars off: integration and PS1=\"$(…)\"", arguments: names)
    func bashNoPromptvars(row: (hex: String, note: String)) throws {
        let binary = HostGuardBinary.path
        let rc = try directory.write("bashrc-off", """
            shopt -u promptvars
            PS1="A<$('\(binary)' prompt --shell bash)>"'\\u\\$ '
            eval "$('\(binary)' init bash)"
            """)
        let session = try TmuxSession(wrapper(row.hex) + ["/bin/bash", "--noprofile", "--rcfile", rc, "-i"], environment: environment)
        try check(session, expected: Self.shown(row.hex, BashPromptEscaper()), copies: 2, prompt: ">root# ", note: row.note)
    }

    func zshSession(_ hex: String, promptSubst: Bool) throws -> TmuxSession {
        let binary = HostGuardBinary.path
        let zdotdir = directory.path + "/zdot-\(promptSubst)"
        try FileManager.default.createDirectory(atPath: zdotdir, withIntermediateDirectories: true)
        let embeddings = promptSubst
            ? "PROMPT=\"A<$('\(binary)' prompt --shell zsh)>\"'B<$('\"'\(binary)'\"' prompt --shell zsh)>'\"$PROMPT\""
            : "PROMPT=\"A<$('\(binary)' prompt --shell zsh)>$PROMPT\""
        try """
            \(promptSubst ? "setopt prompt_subst prompt_bang" : "unsetopt prompt_subst")
            PROMPT='[%?]%n%# '
            \(embeddings)
            eval "$('\(binary)' init zsh)"
            """.write(toFile: zdotdir + "/.zshrc", atomically: true, encoding: .utf8)
        var env = environment
        env["ZDOTDIR"] = zdotdir
        return try TmuxSession(wrapper(hex) + ["/usr/bin/zsh", "-d", "-i"], environment: env)
    }

    @Test("zsh, PROMPT_SUBST and PROMPT_BANG on: integration, PROMPT=\"$(…)\" and PROMPT='$(…)'", arguments: names)
    func zshPromptSubst(row: (hex: String, note: String)) throws {
        let session = try zshSession(row.hex, promptSubst: true)
        try check(session, expected: Self.shown(row.hex, ZshPromptEscaper()), copies: 3, prompt: "[0]root# ", note: row.note)
    }

    @Test("zsh, PROMPT_SUBST off: integration and PROMPT=\"$(…)\"", arguments: names)
    func zshPlain(row: (hex: String, note: String)) throws {
        let session = try zshSession(row.hex, promptSubst: false)
        try check(session, expected: Self.shown(row.hex, ZshPromptEscaper()), copies: 2, prompt: "[0]root# ", note: row.note)
    }

    @Test("fish: integration wrapping a fish_prompt that prints the segment itself", arguments: names)
    func fish(row: (hex: String, note: String)) throws {
        let setup = try directory.write("setup.fish", """
            function fish_prompt; '\(HostGuardBinary.path)' prompt --shell fish; echo -n "[$status]fish> "; end
            '\(HostGuardBinary.path)' init fish | source
            """)
        let session = try TmuxSession(wrapper(row.hex) + ["/usr/bin/fish", "--no-config", "-C", "source \(setup)"], environment: environment)
        try check(session, expected: Self.shown(row.hex, FishPromptEscaper()), copies: 2, prompt: "fish> ", note: row.note)
    }
}
