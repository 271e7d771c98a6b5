import Foundation
import HostGuardCore
import Testing

/// Real bash, zsh and fish in tmux with the integration loaded, as an engineer would see them.
/// Runs as root in CI (the `\$`-becomes-`#` trap is a root-only bug, so root is the case to test).
@Suite("shell integration (real shells in tmux)", .serialized)
struct ShellIntegrationTests {
    let directory: TemporaryDirectory
    let config: String
    let shortHost: String

    init() throws {
        directory = try TemporaryDirectory()
        config = try directory.write("hostguard.toml", Self.config("production", role: "primary"))
        try FileManager.default.createDirectory(atPath: directory.path + "/home", withIntermediateDirectories: true)
        shortHost = String(ProcessInfo.processInfo.hostName.split(separator: ".").first ?? "")
    }

    static func config(_ environment: String, role: String? = nil) -> String {
        var text = "[host]\nenvironment = \"\(environment)\"\ncluster = \"db\"\n"
        if let role { text += "role = \"\(role)\"\n" }
        return text
    }

    var environment: [String: String] {
        ["HOSTGUARD_CONFIG": config, "HOME": directory.path + "/home", "TERM": "xterm-256color"]
    }

    /// bash with a PS1 that shows $? and `\$`, `set -u`, an existing PROMPT_COMMAND, then init.
    func startBash(binary: String = HostGuardBinary.path, extraEnvironment: [String: String] = [:], wrapper: [String] = []) throws -> TmuxSession {
        let rc = try directory.write("bashrc", """
            PS1='[$?]\\u\\$ '
            PROMPT_COMMAND='echo ran >> \(directory.path)/hook-ran'
            set -u
            eval "$('\(binary)' init bash)"
            """)
        var env = environment
        env.merge(extraEnvironment) { _, new in new }
        return try TmuxSession(wrapper + ["/bin/bash", "--noprofile", "--rcfile", rc, "-i"], environment: env)
    }

    @Test("bash: production primary label, original prompt kept after it, title set")
    func bashProduction() throws {
        let session = try startBash()
        let screen = try session.waitFor { $0.contains("PRODUCTION") && $0.contains("[0]root# ") }
        #expect(screen.contains(" PRODUCTION  PRIMARY db:\(shortHost) [0]root# "))
        let coloured = try session.screen(escapes: true)
        #expect(coloured.contains("48;5;160") || coloured.contains("41m"), "production must be on red: \(coloured)")
        #expect(try session.paneTitle() == "PRODUCTION \(shortHost) PRIMARY")
    }

    @Test("bash: $? survives for the rest of the prompt; other PROMPT_COMMAND hooks still run; no set -u noise")
    func bashStatusAndHooks() throws {
        let session = try startBash()
        try session.waitFor { $0.contains("[0]root# ") }
        try session.type("false")
        let screen = try session.waitFor { $0.contains("[1]root# ") }
        #expect(!screen.contains("unbound variable"))
        let hookRuns = try String(contentsOfFile: directory.path + "/hook-ran", encoding: .utf8)
        #expect(hookRuns.split(separator: "\n").count >= 2)
    }

    @Test("bash: a config change shows on the next prompt")
    func bashConfigChange() throws {
        let session = try startBash()
        try session.waitFor { $0.contains("PRODUCTION") }
        try Self.config("staging").write(toFile: config, atomically: true, encoding: .utf8)
        try session.type("")
        try session.waitFor(5) { $0.contains("STAGING") }
    }

    @Test("bash: a missing binary leaves the prompt exactly as it was, with no error text")
    func bashMissingBinary() throws {
        let copy = directory.path + "/hostguard-copy"
        // Copied by a child, not in this process: a write descriptor open here while another
        // test spawns a child is inherited by it, and exec of the copy then fails with
        // ETXTBSY ("Text file busy"), as seen once under parallel tests.
        let copied = try runProcess("/bin/cp", [HostGuardBinary.path, copy])
        try #require(copied.status == 0, "\(copied.stderr)")
        let session = try startBash(binary: copy)
        try session.waitFor { $0.contains("PRODUCTION") }
        try FileManager.default.removeItem(atPath: copy)
        usleep(1_100_000)
        try session.type("echo after-removal")
        let screen = try session.waitFor { $0.contains("after-removal\n[0]root# ") }
        let lastLine = screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.trimmingCharacters(in: .whitespaces) == "[0]root#")
        #expect(!screen.contains("No such file") && !screen.contains("not found"))
    }

    @Test("bash: no config at all shows UNKNOWN ENV loudly")
    func bashUnknown() throws {
        let session = try startBash(extraEnvironment: ["HOSTGUARD_CONFIG": directory.path + "/absent.toml"])
        try session.waitFor { $0.contains("UNKNOWN ENV") && $0.contains("[0]root# ") }
    }

    /// A UTS namespace whose host name is `name`, set through the kernel directly.
    func hostileHostWrapper(_ name: String) -> [String] {
        ["/usr/bin/unshare", "-u", "/bin/sh", "-c",
         "python3 -c 'import socket,sys; socket.sethostname(sys.argv[1])' \"$1\" && shift && exec \"$@\"", "sh", name]
    }

    @Test("bash: a host name holding $(…), backquotes or an escape sequence is shown inert")
    func bashHostileHostName() throws {
        let marker = "/tmp/hostguard-pwned-\(getpid())"
        for name in ["$(touch \(marker))", "`touch \(marker)`", "\u{1B}]0;pwned\u{07}\\$x"] {
            let session = try startBash(wrapper: hostileHostWrapper(name))
            let screen = try session.waitFor { $0.contains("PRODUCTION") && $0.contains("root# ") }
            // Controls dropped; `$`, backquote and `\` shown as \xNN (BashPromptEscaper).
            let shown = BashPromptEscaper().text(name)
            #expect(screen.contains("db:\(shown) [0]root# "), "screen:\n\(screen)")
            #expect(!FileManager.default.fileExists(atPath: marker))
            #expect(try session.paneTitle() != "pwned")
        }
    }

    // MARK: zsh

    func startZsh(promptSubst: Bool, wrapper: [String] = []) throws -> TmuxSession {
        let zdotdir = directory.path + "/zdot-\(promptSubst)"
        try FileManager.default.createDirectory(atPath: zdotdir, withIntermediateDirectories: true)
        try """
            PROMPT='[%?]%n%# '
            \(promptSubst ? "setopt prompt_subst" : "unsetopt prompt_subst")
            precmd_functions+=(existing_hook)
            existing_hook() { echo ran >> \(directory.path)/zsh-hook-ran }
            eval "$('\(HostGuardBinary.path)' init zsh)"
            """.write(toFile: zdotdir + "/.zshrc", atomically: true, encoding: .utf8)
        var env = environment
        env["ZDOTDIR"] = zdotdir
        return try TmuxSession(wrapper + ["/usr/bin/zsh", "-d", "-i"], environment: env)
    }

    @Test("zsh: production label before the theme's prompt, with and without PROMPT_SUBST; $? kept", arguments: [false, true])
    func zshProduction(promptSubst: Bool) throws {
        let session = try startZsh(promptSubst: promptSubst)
        let screen = try session.waitFor { $0.contains("PRODUCTION") && $0.contains("[0]root# ") }
        #expect(screen.contains(" PRODUCTION  PRIMARY db:\(shortHost) [0]root# "))
        try session.type("false")
        try session.waitFor { $0.contains("[1]root# ") }
        #expect(FileManager.default.fileExists(atPath: directory.path + "/zsh-hook-ran"))
    }

    @Test("zsh: hostile host names are inert with PROMPT_SUBST on (the oh-my-zsh default)")
    func zshHostileHostName() throws {
        let marker = "/tmp/hostguard-pwned-zsh-\(getpid())"
        for name in ["$(touch \(marker))", "%F{red}`touch \(marker)`"] {
            let session = try startZsh(promptSubst: true, wrapper: hostileHostWrapper(name))
            let screen = try session.waitFor { $0.contains("PRODUCTION") && $0.contains("root# ") }
            let shown = ZshPromptEscaper().text(name).replacingOccurrences(of: "%%", with: "%")
            #expect(screen.contains("db:\(shown) [0]root# "), "screen:\n\(screen)")
            #expect(!FileManager.default.fileExists(atPath: marker))
        }
    }

    // MARK: fish

    @Test("fish: label printed before the existing fish_prompt, which still sees $status")
    func fishProduction() throws {
        let setup = try directory.write("setup.fish", """
            function fish_prompt; echo -n "[$status]fish> "; end
            '\(HostGuardBinary.path)' init fish | source
            """)
        let session = try TmuxSession(["/usr/bin/fish", "--no-config", "-C", "source \(setup)"], environment: environment)
        // Polled for the settled screen: fish may repaint its first prompt once the setup has
        // been sourced, and a capture can land in between.
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:\(shortHost) [0]fish> ") }
        try session.type("false")
        try session.waitFor { $0.contains("[1]fish> ") }
    }
}
