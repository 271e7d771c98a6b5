/// One command the guard knows, as data: a name (or name prefix), the tool's real option syntax
/// and what its operands mean. Each lives in its own file under `Rules/` (file name = command).
/// An option missing from a rule's spec shows as "unrecognized" and raises the level; it never
/// lets a command through unread.
public struct CommandRule: Sendable {
    public var names: [String]
    /// Also matches names starting with one of these (`mkfs.` for mkfs.ext4, mkfs.xfs …).
    public var prefixes: [String]
    public var spec: OptionSpec
    /// A launcher runs another command (`xargs`, `sh -c`, `find -exec` is not one: find has its
    /// own targets). Its result already carries the inner command's paths folded under the
    /// context, so they are not folded again.
    public var launches: Bool
    /// Put in the interactive alias list (`GuardAliases`): commands typed at a prompt. Launchers
    /// and shells are not aliased (aliasing `sh` or `env` would surprise more than it protects).
    public var aliased: Bool
    public var interpret: @Sendable (_ invocation: Invocation) -> CommandAssessment

    public init(_ names: [String], prefixes: [String] = [], spec: OptionSpec, launches: Bool = false,
                aliased: Bool = true, interpret: @escaping @Sendable (Invocation) -> CommandAssessment) {
        self.names = names
        self.prefixes = prefixes
        self.spec = spec
        self.launches = launches
        self.aliased = aliased
        self.interpret = interpret
    }

    func matches(_ command: String) -> Bool {
        names.contains(command) || prefixes.contains { command.hasPrefix($0) }
    }

    func renamed(_ names: [String]) -> CommandRule {
        var copy = self
        copy.names = names
        return copy
    }
}

/// One command line as a rule sees it.
public struct Invocation: Sendable {
    public var command: String
    /// Arguments after the command word (lossy text; byte positions via ArgumentRef).
    public var arguments: [String]
    public var parsed: ParsedArguments
    public var context: CommandContext
    /// How many launchers deep this command is (bounded, so `env env env …` cannot recurse forever).
    var depth = 0

    public init(command: String, arguments: [String], parsed: ParsedArguments, context: CommandContext) {
        self.command = command
        self.arguments = arguments
        self.parsed = parsed
        self.context = context
    }

    /// Environment the command will run with, for tools that read it (PGDATA).
    public var environment: [String: String] { context.environment }
    /// Whether stdin is a terminal (see `CommandContext.stdinIsTerminal`).
    public var stdinIsTerminal: Bool { context.stdinIsTerminal }

    func operand(_ n: Int) -> (String, ArgumentRef)? {
        guard n < parsed.operands.count else { return nil }
        let index = parsed.operands[n]
        return (arguments[index], ArgumentRef(word: index))
    }

    var operandWords: [(String, ArgumentRef)] {
        parsed.operands.map { (arguments[$0], ArgumentRef(word: $0)) }
    }

    func assessment(_ harm: Harm?, _ summary: String) -> CommandAssessment {
        var result = CommandAssessment(command: command, harm: harm, summary: summary)
        result.problems = parsed.problems
        return result
    }

    /// A path operand for operand word `n` … convenience for the common case.
    func paths(_ words: [(String, ArgumentRef)], harm: Harm, recursive: Bool = false, follows: Bool = false,
               onlyIfExists: Bool = false) -> [PathOperand] {
        words.map { PathOperand($0.0, at: $0.1, harm: harm, recursive: recursive, followsFinalSymlink: follows, onlyIfExists: onlyIfExists) }
    }

    /// The words after the verb at operand `n`, re-read with `spec` (tools whose options follow
    /// a verb: `zfs destroy -r`, `docker rm -f`). Refs in the result count from the verb's next word.
    func afterVerb(_ n: Int, spec: OptionSpec) -> (words: [String], offset: Int, parsed: ParsedArguments)? {
        guard n < parsed.operands.count else { return nil }
        let start = parsed.operands[n] + 1
        let words = Array(arguments[start...])
        return (words, start, GNUOptionParser.parse(words, spec: spec))
    }
}

extension OptionSpec {
    typealias O = OptionSpec.Option
    static let helpVersion = [O("help", long: ["help"]), O("version", long: ["version"])]
}
