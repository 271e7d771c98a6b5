import Testing
@testable import HostGuardCore

@Suite("prompt rendering")
struct PromptRendererTests {
    func identity(_ environment: String?, role: RoleReading = .notApplicable, cluster: String? = "db", node: String = "db1.example.com") -> HostIdentity {
        HostIdentity(hostName: HostName(nodeName: node), environment: environment.map { EnvironmentName($0) }, role: role, cluster: cluster, evidence: [])
    }

    func render(_ identity: HostIdentity, _ dialect: ShellDialect, depth: ColorDepth = .basic, settings: PromptSettings = PromptSettings(), notices: [PromptNotice] = []) -> String {
        PromptRenderer.render(PromptContext(identity: identity, settings: settings, notices: notices, depth: depth), dialect: dialect)
    }

    @Test("production primary: bold white on red, PRIMARY, cluster:host, title, wrapped for bash")
    func productionBash() {
        let text = render(identity("production", role: .known(Role(.primary, service: "postgresql", running: true))), .bash)
        #expect(text == "\u{01}\u{1B}]0;\u{02}PRODUCTION db1 PRIMARY\u{01}\u{07}\u{02}"
            + "\u{01}\u{1B}[1;97;41m\u{02} PRODUCTION \u{01}\u{1B}[0m\u{02} "
            + "\u{01}\u{1B}[1;31m\u{02}pg PRIMARY\u{01}\u{1B}[0m\u{02} "
            + "\u{01}\u{1B}[1m\u{02}db:db1\u{01}\u{1B}[0m\u{02} ")
    }

    @Test("no colour: brackets and words carry the meaning; title still set for production")
    func noColor() {
        let text = render(identity("production", role: .known(Role(.standby))), .plain, depth: .none)
        #expect(text == "[PRODUCTION] standby db:db1 ")
    }

    @Test("unknown environment and unknown role are loud, never blank")
    func unknownIsLoud() {
        let text = render(identity(nil, role: .unknown(reason: "x"), cluster: nil), .plain, depth: .none)
        #expect(text == "[UNKNOWN ENV] ROLE? db1 ")
        let coloured = render(identity(nil), .zsh)
        #expect(coloured.contains("%{\u{1B}[1;97;45m%} UNKNOWN ENV %{\u{1B}[0m%}"))
    }

    @Test("colour depth degrades: truecolor, 256, basic")
    func depths() {
        let production = identity("production")
        #expect(render(production, .plain, depth: .truecolor).hasPrefix("\u{1B}[1;38;2;255;255;255;48;2;200;0;0m PRODUCTION "))
        #expect(render(production, .plain, depth: .indexed256).hasPrefix("\u{1B}[1;38;5;231;48;5;160m PRODUCTION "))
        #expect(render(production, .plain, depth: .basic).hasPrefix("\u{1B}[1;97;41m PRODUCTION "))
    }

    @Test("staging is yellow, development green, other names a stable non-alarm colour")
    func environmentStyles() {
        #expect(render(identity("staging"), .plain).hasPrefix("\u{1B}[1;30;43m STAGING "))
        #expect(render(identity("dev"), .plain).hasPrefix("\u{1B}[1;30;42m DEV "))
        let qa1 = render(identity("qa"), .plain, depth: .truecolor)
        let qa2 = render(identity("QA"), .plain, depth: .truecolor)
        #expect(qa1 == qa2)
        for forbidden in ["48;2;200;0;0", "48;2;255;200;0", "48;2;40;180;60", "48;2;170;0;170"] {
            #expect(!qa1.contains(forbidden))
        }
    }

    @Test("a hostile host name and cluster are shown as text in every shell")
    func hostileNames() {
        let hostile = identity("staging", cluster: "%F{red}`id`", node: "$(touch /tmp/pwned)\u{1B}]0;x\u{07}")
        let bash = render(hostile, .bash, depth: .none)
        #expect(bash == "[STAGING] %F{red}\\x60id\\x60:\\x24(touch /tmp/pwned)]0;x ")
        let zsh = render(hostile, .zsh, depth: .none)
        #expect(zsh == "[STAGING] %%F{red}\\x60id\\x60:\\x24(touch /tmp/pwned)]0;x ")
        #expect(!render(hostile, .fish).contains("\u{07}"))
    }

    @Test("title: auto shows it for production only; never and always obey; TERM=dumb gets none")
    func title() {
        var settings = PromptSettings()
        #expect(!render(identity("staging"), .bash, settings: settings).contains("]0;"))
        settings.title = .always
        #expect(render(identity("staging"), .bash, settings: settings).contains("]0;\u{02}STAGING db1"))
        settings.title = .never
        #expect(!render(identity("production"), .bash, settings: settings).contains("]0;"))
        let dumb = PromptRenderer.render(
            PromptContext(identity: identity("production"), settings: PromptSettings(), depth: .none, terminalTakesTitle: false), dialect: .bash)
        #expect(!dumb.contains("]0;"))
    }

    @Test("notices follow the segment; stopped roles say so")
    func noticesAndStopped() {
        let text = render(identity("production", role: .known(Role(.primary, service: "postgresql", running: false))), .plain, depth: .none,
                          notices: [PromptNotice("stale mounts: 2")])
        #expect(text == "[PRODUCTION] pg PRIMARY (stopped) db:db1 (stale mounts: 2) ")
    }
}
