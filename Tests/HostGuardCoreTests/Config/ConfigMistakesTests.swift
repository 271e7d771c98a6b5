import Testing
@testable import HostGuardCore

@Suite("config mistakes: hints")
struct ConfigMistakesTests {
    @Test("a bare word where a string belongs gets the quotes it needs", arguments: [
        ("[host]\nenvironment = production\n", 2, "strings need quotes: environment = \"production\""),
        ("[host]\nenvironment = production   # prod\n", 2, "strings need quotes: environment = \"production\""),
        ("[host]\ncluster = main-db\n", 2, "strings need quotes: cluster = \"main-db\""),
        ("[host]\nenabled = true x\n", 2, nil),
        ("[host]\nport = 5432x\n", 2, nil),
        ("[host\n", 1, nil),
    ] as [(String, Int, String?)])
    func unquoted(source: String, line: Int, hint: String?) {
        #expect(TOMLSyntaxError.hint(line: line, source: source[...]) == hint)
    }

    @Test("the parser's escaped text is shown once-escaped; controls still as \\xNN")
    func onceEscaped() {
        let diagnostic = ConfigDiagnostic(.error, file: "/etc/hg.toml", TOMLSyntaxError.message(
            parser: "Error while parsing table header: expected ']', saw '\\n'", line: 1, column: 6, source: "[host\n"))
        #expect(diagnostic.line == "/etc/hg.toml: TOML syntax error at line 1, column 6: Error while parsing table header: expected ']', saw '\\n'")
        #expect(ConfigDiagnostic(.warning, file: "/x", key: "host.a\u{1b}b", "m").line == "/x: host.a\\x1bb: m")
    }

    @Test("an unknown key near a known one: did you mean", arguments: [
        ("enviroment", "environment"),
        ("environmnet", "environment"),
        ("Environment", "environment"),
        ("clustr", "cluster"),
        ("rol", "role"),
        ("colour", nil),
        ("zzzzzz", nil),
    ] as [(String, String?)])
    func didYouMean(typed: String, expected: String?) {
        let config = ConfigDecoder.decode([ConfigDocument(path: "/etc/hg.toml", authority: .system, root: .table([
            ("host", .table([(typed, .string("x"))])),
        ]))])
        let message = config.diagnostics.first?.message ?? ""
        #expect(message.hasPrefix("unknown key, ignored"))
        if let expected {
            #expect(message.hasSuffix("did you mean \(expected)?"), "\(message)")
        } else {
            #expect(!message.contains("did you mean"), "\(message)")
        }
    }

    @Test("sections too: [[inventry]] → inventory")
    func sections() {
        let config = ConfigDecoder.decode([ConfigDocument(path: "/etc/hg.toml", authority: .system, root: .table([
            ("inventry", .array([.table([("hosts", .string("*"))])])),
        ]))])
        #expect(config.diagnostics.first?.description == "/etc/hg.toml: inventry: unknown key, ignored; did you mean inventory?")
    }
}
