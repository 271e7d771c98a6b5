/// The option syntax of a command that runs another command (`sudo rm -rf x` destroys what
/// `rm -rf x` destroys): where its own options end and the wrapped command starts, and the values
/// of the options that matter (`env -C DIR`, `chroot NEWROOT`, `su -c SCRIPT`).
///
/// Each stops at its first operand (they parse options with getopt's "+": no permutation), so a
/// small scanner per launcher is exact where the general GNU parser would read the inner
/// command's options as the launcher's. An option the table does not list is reported
/// ("unrecognized option"), which raises the level: the real launcher may read it differently.
public struct CommandWrapper: Sendable {
    public var name: String
    /// Short options that take an argument (`-u USER`, `-uUSER`).
    var shortWithArgument: Set<Character>
    /// Long options that take an argument (`--user USER`, `--user=USER`).
    var longWithArgument: Set<String>
    /// Options without an argument.
    var shortFlags: Set<Character> = []
    var longFlags: Set<String> = []
    /// Short options whose argument is optional and only attached (`nsenter -m[FILE]`).
    var shortOptionalArgument: Set<Character> = []
    /// Operands before the command (`timeout DURATION CMD`, `chroot NEWROOT CMD`).
    var leadingOperands = 0
    /// `NAME=value` words before the command (sudo, env).
    var takesAssignments = false
    /// `nice -10 CMD`: an obsolete `-NUMBER` option.
    var numericOption = false

    public init(name: String, shortWithArgument: Set<Character> = [], longWithArgument: Set<String> = [],
                shortFlags: Set<Character> = [], longFlags: Set<String> = [], shortOptionalArgument: Set<Character> = [],
                leadingOperands: Int = 0, takesAssignments: Bool = false, numericOption: Bool = false) {
        self.name = name
        self.shortWithArgument = shortWithArgument
        self.longWithArgument = longWithArgument
        self.shortFlags = shortFlags
        self.longFlags = longFlags
        self.shortOptionalArgument = shortOptionalArgument
        self.leadingOperands = leadingOperands
        self.takesAssignments = takesAssignments
        self.numericOption = numericOption
    }

    /// What the scanner read: options by their spelling without dashes (`C`, `chdir`) with their
    /// values, assignments, leading operands, and where the wrapped command starts.
    public struct Scan: Sendable, Equatable {
        /// Index in argv (argv[0] is the wrapper) of the wrapped command; nil when there is none
        /// (`sudo -l`, `env`).
        public var index: Int?
        public var options: [(name: String, value: String?)] = []
        public var assignments: [(name: String, value: String)] = []
        public var leading: [String] = []
        public var problems: [String] = []

        public func has(_ names: String...) -> Bool { options.contains { names.contains($0.name) } }
        public func value(_ names: String...) -> String? { options.last { names.contains($0.name) }?.value }

        public static func == (lhs: Scan, rhs: Scan) -> Bool {
            lhs.index == rhs.index && lhs.problems == rhs.problems && lhs.leading == rhs.leading
                && lhs.options.map { "\($0.name)=\($0.value ?? "")" } == rhs.options.map { "\($0.name)=\($0.value ?? "")" }
        }
    }

    public func scan(_ argv: [String]) -> Scan {
        var result = Scan()
        var index = 1
        while index < argv.count {
            let word = argv[index]
            if word == "--" { index += 1; break }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0])
                if longWithArgument.contains(name) {
                    if parts.count == 2 {
                        result.options.append((name, String(parts[1])))
                        index += 1
                    } else {
                        result.options.append((name, index + 1 < argv.count ? argv[index + 1] : nil))
                        if index + 1 >= argv.count { result.problems.append("\(self.name): option '--\(name)' requires an argument") }
                        index += 2
                    }
                } else {
                    if !longFlags.contains(name) { result.problems.append("\(self.name): unrecognized option '\(word)'") }
                    result.options.append((name, parts.count == 2 ? String(parts[1]) : nil))
                    index += 1
                }
                continue
            }
            if word.hasPrefix("-") && word.count > 1 {
                if numericOption && word.dropFirst().allSatisfy(\.isNumber) {
                    result.options.append(("adjustment", String(word.dropFirst())))
                    index += 1
                    continue
                }
                // Bundled flags; the first one that takes an argument takes the rest of the word
                // or, when the word ends there, the next word.
                var next = index + 1
                let letters = Array(word.dropFirst())
                for (offset, letter) in letters.enumerated() {
                    let rest = String(letters[(offset + 1)...])
                    if shortWithArgument.contains(letter) {
                        if rest.isEmpty {
                            result.options.append((String(letter), index + 1 < argv.count ? argv[index + 1] : nil))
                            next = index + 2
                        } else {
                            result.options.append((String(letter), rest))
                        }
                        break
                    }
                    if shortOptionalArgument.contains(letter) {
                        result.options.append((String(letter), rest.isEmpty ? nil : rest))
                        break
                    }
                    if !shortFlags.contains(letter) { result.problems.append("\(name): invalid option -- '\(letter)'") }
                    result.options.append((String(letter), nil))
                }
                index = next
                continue
            }
            if takesAssignments, let equals = word.firstIndex(of: "="), equals != word.startIndex,
               word[..<equals].allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
                result.assignments.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
                index += 1
                continue
            }
            break
        }
        while result.leading.count < leadingOperands && index < argv.count {
            result.leading.append(argv[index])
            index += 1
        }
        result.index = index < argv.count ? index : nil
        return result
    }
}

/// What launcher rules share: read the wrapped command with the context the launcher sets up.
enum Launch {
    /// The launcher's spec for the general parser: nothing (its own `CommandWrapper` reads it).
    static let spec = OptionSpec([], stopAtFirstOperand: true)

    /// `argv` is the launcher's full argv (argv[0] the launcher), as `Invocation` gives it
    /// without the command word; refs of the result count from the launcher's first argument.
    static func inner(_ call: Invocation, from index: Int, context: CommandContext? = nil) -> CommandAssessment {
        // `index` counts in the full argv (with the launcher word); arguments start at 1.
        let words = Array(call.arguments[(index - 1)...])
        return CommandRules.assessInner(words, via: call.command, context: context ?? call.context, depth: call.depth) {
            $0 + index - 1
        }
    }

    /// The launcher's full argv.
    static func argv(_ call: Invocation) -> [String] { [call.command] + call.arguments }

    /// A launcher with no command to run: harmless, its option problems kept.
    static func none(_ call: Invocation, _ scan: CommandWrapper.Scan, _ why: String) -> CommandAssessment {
        var result = CommandAssessment.harmless(call.command, why)
        result.problems = scan.problems
        return result
    }

    /// Reads a shell script (`sh -c`, `su -c`, `watch`, `flock -c`): every command it can split,
    /// each overwrite redirection, and an unknown target when part of it cannot be followed and
    /// that part may run something destructive.
    static func script(_ text: String, positional: [String], call: Invocation, context: CommandContext? = nil) -> CommandAssessment {
        var scriptContext = context ?? call.context
        scriptContext.fromScript = true
        let script = ShellScript.parse(text, positional: positional)
        var parts: [CommandAssessment] = []
        var unreadableCommand = false
        for command in script.commands {
            var part = command.words.isEmpty
                ? CommandAssessment.harmless("", "redirection only")
                : CommandRules.assessInner(command.words, via: call.command, context: scriptContext, depth: call.depth) { _ in nil }
            if let first = command.words.first,
               first.contains("$") || ["eval", "source", ".", "exec"].contains(first) && command.words.count > 1 && command.words.dropFirst().contains(where: { $0.contains("$") }) {
                unreadableCommand = true
            }
            let written = command.overwrites.filter { !CommandRules.sinks.contains($0) }
            if !written.isEmpty {
                var redirect = CommandAssessment(command: call.command, harm: .overwrite, summary: "overwrite (shell redirection `>`)")
                redirect.paths = written.map { PathOperand($0, at: nil, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true) }
                CommandRules.fold(&redirect, context: scriptContext)
                parts.append(redirect)
            }
            if part.harm != nil && part.launchers.first == call.command { part.launchers.removeFirst() }
            parts.append(part)
        }
        var result = CommandRules.merge(parts, command: call.command)
        result.launchers.insert(call.command, at: 0)
        if unreadableCommand {
            // A command word the shell computes could be anything.
            let quoted = text.count > 80 ? String(text.prefix(77)) + "…" : text
            if result.harm == nil {
                result.harm = .delete
                result.summary = "runs a script the guard cannot read"
            }
            result.unknownTargets.append(UnknownTarget("`\(call.command) -c` script the guard cannot split (\(script.beyond.joined(separator: ", "))): '\(TerminalText.visible(quoted))'",
                                                       harm: .delete, recursive: true))
        }
        return result
    }
}
