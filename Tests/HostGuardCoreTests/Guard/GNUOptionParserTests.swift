import Testing
@testable import HostGuardCore

@Suite struct GNUOptionParserTests {
    typealias O = OptionSpec.Option
    static let spec = OptionSpec([
        O("recursive", short: "rR", long: ["recursive"]),
        O("force", short: "f", long: ["force"]),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("interactive", short: "i", long: ["interactive"], argument: .optional),
        O("preserve-root", long: ["preserve-root"]),
        O("no-preserve-root", long: ["no-preserve-root"]),
        O("force-all", long: ["force-all"]),
    ])

    struct Row: Sendable, CustomStringConvertible {
        var args: [String]
        var options: [String]
        var operands: [String]
        var problems = 0
        var description: String { args.joined(separator: " ") }
    }

    static let rows: [Row] = [
        // bundled short flags
        Row(args: ["-rf", "a"], options: ["recursive", "force"], operands: ["a"]),
        // capital R is the same option
        Row(args: ["-Rf", "a", "b"], options: ["recursive", "force"], operands: ["a", "b"]),
        // a required argument attached to a bundle
        Row(args: ["-fS.bak", "a"], options: ["force", "suffix=.bak"], operands: ["a"]),
        // a required argument in the next word is not an operand
        Row(args: ["-S", "x", "a"], options: ["suffix=x"], operands: ["a"]),
        // long option abbreviated unambiguously
        Row(args: ["--recu", "a"], options: ["recursive"], operands: ["a"]),
        // long option with = argument
        Row(args: ["--suffix=~", "a"], options: ["suffix=~"], operands: ["a"]),
        // long option with separate argument
        Row(args: ["--suf", "~", "a"], options: ["suffix=~"], operands: ["a"]),
        // optional argument only attached: the next word is an operand
        Row(args: ["--interactive", "a"], options: ["interactive"], operands: ["a"]),
        // `--pre` is a prefix of --preserve-root only (not --no-preserve-root)
        Row(args: ["--pre", "a"], options: ["preserve-root"], operands: ["a"]),
        // `--` ends options: what follows is an operand even if it starts with a dash
        Row(args: ["--", "-rf"], options: [], operands: ["-rf"]),
        // GNU permutes: options after operands still count
        Row(args: ["a", "-r"], options: ["recursive"], operands: ["a"]),
        // a lone dash is an operand
        Row(args: ["-"], options: [], operands: ["-"]),
        // unknown short option is a problem, not an operand
        Row(args: ["-z", "a"], options: [], operands: ["a"], problems: 1),
        // ambiguous prefix: --fo matches --force and --force-all
        Row(args: ["--fo", "a"], options: [], operands: ["a"], problems: 1),
        // an exact name wins over being a prefix of another
        Row(args: ["--force", "a"], options: ["force"], operands: ["a"]),
        // flag given an argument
        Row(args: ["--force=yes", "a"], options: ["force"], operands: ["a"], problems: 1),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) {
        let parsed = GNUOptionParser.parse(row.args, spec: Self.spec)
        #expect(parsed.options.map { option in option.value.map { "\(option.name)=\($0)" } ?? option.name } == row.options)
        #expect(parsed.operands.map { row.args[$0] } == row.operands)
        #expect(parsed.problems.count == row.problems)
    }

    @Test func valueRefsPointAtBytes() {
        let args = ["--suffix=~x", "-S", "y", "-fSz"]
        let parsed = GNUOptionParser.parse(args, spec: Self.spec)
        let refs = parsed.options.filter { $0.name == "suffix" }.map(\.at)
        #expect(refs == [ArgumentRef(word: 0, offset: 9), ArgumentRef(word: 2), ArgumentRef(word: 3, offset: 3)])
    }

    @Test func posixlyCorrectStopsAtFirstOperand() {
        let parsed = GNUOptionParser.parse(["a", "-r"], spec: Self.spec, posixlyCorrect: true)
        #expect(parsed.operands == [0, 1])
        #expect(!parsed.has("recursive"))
    }
}
