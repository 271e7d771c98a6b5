import Testing
@testable import HostGuardCore

@Suite("colour depth")
struct ColorDepthTests {
    // (setting, output is a terminal, NO_COLOR, TERM, COLORTERM, expected)
    static let rows: [(PromptSettings.Toggle, Bool, String?, String?, String?, ColorDepth)] = [
        (.auto, true, nil, "xterm-256color", nil, .indexed256),
        (.auto, true, "1", "xterm-256color", nil, .none),          // NO_COLOR wins in auto
        (.auto, true, "", "xterm-256color", nil, .indexed256),     // empty NO_COLOR counts as unset (no-color.org)
        (.auto, true, nil, "dumb", nil, .none),
        (.auto, true, nil, nil, nil, .none),                       // no TERM: nothing to colour for
        (.auto, true, nil, "", nil, .none),
        (.auto, true, nil, "xterm", "truecolor", .truecolor),
        (.auto, true, nil, "xterm", "24bit", .truecolor),
        (.auto, true, nil, "xterm-direct", nil, .truecolor),       // terminfo's direct-colour names
        (.auto, true, nil, "screen", nil, .basic),
        (.auto, false, nil, "xterm-256color", "truecolor", .none), // a pipe or a file: no colour
        (.always, false, "1", "dumb", nil, .basic),                // forced on: basic unless announced
        (.always, false, nil, "xterm-256color", nil, .indexed256),
        (.never, true, nil, "xterm-256color", "truecolor", .none),
    ]

    @Test("depth from the setting, the output, NO_COLOR, TERM and COLORTERM", arguments: rows)
    func depth(row: (PromptSettings.Toggle, Bool, String?, String?, String?, ColorDepth)) {
        let environment = ColorEnvironment(noColor: row.2, term: row.3, colorTerm: row.4)
        #expect(ColorDepth.detect(row.0, outputIsTerminal: row.1, environment: environment) == row.5)
    }

    @Test("titles only where a terminal reads them")
    func titles() {
        #expect(ColorEnvironment(noColor: nil, term: "xterm", colorTerm: nil).terminalTakesTitle)
        #expect(!ColorEnvironment(noColor: nil, term: "dumb", colorTerm: nil).terminalTakesTitle)
        #expect(!ColorEnvironment(noColor: nil, term: "linux", colorTerm: nil).terminalTakesTitle)
        #expect(!ColorEnvironment(noColor: nil, term: nil, colorTerm: nil).terminalTakesTitle)
    }

    @Test("environment read through an injected getenv")
    func fromGetenv() {
        let values = ["NO_COLOR": "", "TERM": "xterm-256color", "COLORTERM": "truecolor"]
        #expect(ColorEnvironment { values[$0] } == ColorEnvironment(noColor: "", term: "xterm-256color", colorTerm: "truecolor"))
    }
}

@Suite("SGR")
struct SGRTests {
    @Test("start, paint and reset at each depth")
    func sequences() {
        let style = TextStyle(foreground: .rgb(255, 60, 60), bold: true, basicForeground: .red)
        #expect(SGR.start(style, depth: .basic) == "\u{1B}[1;31m")
        #expect(SGR.start(style, depth: .indexed256) == "\u{1B}[1;38;5;203m")
        #expect(SGR.start(style, depth: .truecolor) == "\u{1B}[1;38;2;255;60;60m")
        #expect(SGR.start(style, depth: .none) == nil)
        #expect(SGR.start(TextStyle(), depth: .truecolor) == nil)
        #expect(SGR.paint("x", style, depth: .basic) == "\u{1B}[1;31mx\u{1B}[0m")
        #expect(SGR.paint("x", style, depth: .none) == "x")
        #expect(SGR.paint("x", nil, depth: .truecolor) == "x")
    }
}
