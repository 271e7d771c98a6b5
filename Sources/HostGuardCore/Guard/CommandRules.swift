/// The lookup: which rule reads a command line, and the bookkeeping every rule shares (argv
/// positions, launcher contexts, merging the commands of a script). The rules themselves live
/// one per file under `Rules/`.
public enum CommandRules {
    /// Reads `argv` (the command word first) with the matching rule; a command with no rule is
    /// harmless as far as the guard knows. Cheap: no allocation beyond the argument list and the
    /// parsed options, no I/O (the let-through path runs this on every guarded command).
    public static func assess(_ argv: [String], environment: [String: String] = [:],
                              stdinIsTerminal: Bool = false) -> CommandAssessment {
        assess(argv, context: CommandContext(environment: environment, stdinIsTerminal: stdinIsTerminal))
    }

    public static func assess(_ argv: [String], context: CommandContext) -> CommandAssessment {
        var result = assess(argv, context: context, depth: 0)
        if result.harm != nil && !result.launchers.isEmpty {
            result.summary += " (via \(result.launchers.joined(separator: " ")))"
        }
        return result
    }

    /// Launchers nest (`sudo env nice xargs sh -c …`); past this depth the guard stops reading
    /// and says so instead of recursing without bound.
    static let maximumDepth = 12

    static func assess(_ argv: [String], context: CommandContext, depth: Int) -> CommandAssessment {
        guard let first = argv.first else { return .harmless("", "empty command") }
        let command = baseName(first)
        guard let rule = rule(for: command) else {
            return .harmless(command, "no rule for \(command): runs as it is")
        }
        if rule.launches && depth >= maximumDepth {
            var result = CommandAssessment(command: command, harm: .delete, summary: "launchers nested too deep to read")
            result.unknownTargets = [UnknownTarget("launchers nested more than \(maximumDepth) deep", harm: .delete, recursive: true)]
            return result
        }
        let arguments = Array(argv.dropFirst())
        // An empty spec means the rule reads its own words (launchers, tools with verbs and
        // their own flag syntax): every word is an operand, nothing is a problem yet.
        var parsed = ParsedArguments()
        if rule.spec.options.isEmpty {
            parsed.operands = Array(arguments.indices)
        } else {
            parsed = GNUOptionParser.parse(arguments, spec: rule.spec,
                                           posixlyCorrect: context.environment["POSIXLY_CORRECT"] != nil)
        }
        var invocation = Invocation(command: command, arguments: arguments, parsed: parsed, context: context)
        invocation.depth = depth
        var assessment = rule.interpret(invocation)
        // Refs in rules count from the first argument; shift them to count from argv[0].
        assessment.shiftRefs { $0 + 1 }
        if !rule.launches { fold(&assessment, context: context) }
        if assessment.harm == nil {
            assessment.paths = []
            assessment.unknownTargets = []
        }
        return assessment
    }

    /// One hash look-up on the let-through path (`ls`, `git status`), not a walk of the table.
    static func rule(for command: String) -> CommandRule? {
        if let index = index[command] { return table[index] }
        return table.first { !$0.prefixes.isEmpty && $0.matches(command) }
    }

    static let index: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, rule) in table.enumerated() {
            for name in rule.names where index[name] == nil { index[name] = position }
        }
        return index
    }()

    static func baseName(_ word: String) -> String {
        word.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? word
    }

    /// Reads the command a launcher runs. `words` is its argv; `position(i)` says where inner
    /// word `i` sits in the launcher's own argument list (nil for words the launcher made up,
    /// such as `env -S` splits or a `sh -c` script's words: their paths keep only their text).
    static func assessInner(_ words: [String], via launcher: String, context: CommandContext, depth: Int,
                            position: (Int) -> Int?) -> CommandAssessment {
        var inner = assess(words, context: context, depth: depth + 1)
        inner.mapRefs(position)
        inner.launchers.insert(launcher, at: 0)
        return inner
    }

    /// Applies what launchers changed to a leaf rule's paths: `env -C DIR` puts relative paths
    /// under DIR, `chroot DIR` puts absolute ones under DIR, another mount namespace makes every
    /// path unknown, and words from a script that the shell would still expand (`$X`, `*`, `~`)
    /// are not the names the tool will see.
    static func fold(_ assessment: inout CommandAssessment, context: CommandContext) {
        guard !assessment.paths.isEmpty else { return }
        if let foreign = context.foreignView {
            for path in assessment.paths {
                assessment.unknownTargets.append(UnknownTarget("\(path.text) as seen from \(foreign)",
                                                               harm: path.harm, recursive: path.recursive))
            }
            assessment.paths = []
            return
        }
        var kept: [PathOperand] = []
        for var path in assessment.paths {
            if context.fromScript {
                if path.text.contains("$") || path.text.contains("`") {
                    assessment.unknownTargets.append(UnknownTarget("\(path.text) (the shell expands it first)",
                                                                   harm: path.harm, recursive: path.recursive))
                    continue
                }
                if path.text == "~" || path.text.hasPrefix("~/") {
                    guard let home = context.environment["HOME"], home.hasPrefix("/") else {
                        assessment.unknownTargets.append(UnknownTarget("\(path.text) (home directory not known)",
                                                                       harm: path.harm, recursive: path.recursive))
                        continue
                    }
                    path.text = home + path.text.dropFirst()
                    path.at = nil
                }
                if let star = path.text.firstIndex(where: { "*?[".contains($0) }) {
                    // A glob names some entries of a directory: the worst plausible target is
                    // the whole directory before the first wildcard component.
                    let before = path.text[..<star]
                    let directory = before.lastIndex(of: "/").map { String(before[...$0]) } ?? "."
                    path.text = directory
                    path.at = nil
                    path.recursive = true
                    path.followsFinalSymlink = true
                }
            }
            if let directory = context.directory, !path.text.hasPrefix("/") {
                path.text = directory + (directory.hasSuffix("/") ? "" : "/") + path.text
                path.at = nil
            }
            if let root = context.root, path.text.hasPrefix("/") {
                path.text = (root.hasSuffix("/") ? String(root.dropLast()) : root) + path.text
                path.at = nil
            }
            kept.append(path)
        }
        assessment.paths = kept
    }

    /// Several commands read as one (a script's `a; b && c | d`): the first harm found leads,
    /// every target, name and problem is kept.
    static func merge(_ parts: [CommandAssessment], command: String) -> CommandAssessment {
        let harmful = parts.filter { $0.harm != nil }
        var result = CommandAssessment(command: command, harm: harmful.first?.harm,
                                       summary: harmful.isEmpty ? "nothing destructive" : harmful.map(\.summary).joined(separator: "; "))
        for part in parts {
            result.problems += part.problems
            guard part.harm != nil else { continue }
            result.paths += part.paths
            result.names += part.names
            result.unknownTargets += part.unknownTargets
            result.hostWide = result.hostWide || part.hostWide
            for launcher in part.launchers where !result.launchers.contains(launcher) { result.launchers.append(launcher) }
        }
        return result
    }

    /// Every rule, looked up by command name. Launchers first: they are few and `sudo`, `env`
    /// and `xargs` are the commonest prefixes.
    public static let table: [CommandRule] = [
        // launchers
        SudoRule.rule, EnvRule.rule, XargsRule.rule, ShRule.rule, SimpleLauncherRule.rule, ChrootRule.rule,
        NsenterRule.rule, SuRule.rule, FlockRule.rule, WatchLauncherRule.rule, BusyboxRule.rule,
        // files
        RmRule.rule, UnlinkRule.rule, RmdirRule.rule, MvRule.rule, CpRule.rule, InstallRule.rule, LnRule.rule,
        TeeRule.rule, SedRule.rule, TarRule.rule, RsyncRule.rule, DdRule.rule, ShredRule.rule, TruncateRule.rule,
        FindRule.rule, ChmodRule.rule, ChownRule.rule, ChownRule.rule.renamed(["chgrp"]),
        // disks and volumes
        MkfsRule.rule, WipefsRule.rule, FdiskRule.rule, PartedRule.rule, BlkdiscardRule.rule, CryptsetupRule.rule,
        MdadmRule.rule, LvmRule.rule, ZfsRule.rule, BtrfsRule.rule, SwapoffRule.rule, LosetupRule.rule, UmountRule.rule,
        // the host and its services
        PowerRule.rule, InitRule.rule, SystemctlRule.rule, KillRule.rule, CrontabRule.rule,
        // databases
        DropdbRule.rule, PgCtlRule.rule, PgCtlclusterRule.rule, PgBasebackupRule.rule, PsqlRule.rule, MysqlRule.rule, RedisCliRule.rule,
        MongoshRule.rule, Sqlite3Rule.rule,
        // other systems
        DockerRule.rule, GitRule.rule, KubectlRule.rule, TerraformRule.rule, HelmRule.rule,
    ]
}

extension CommandAssessment {
    mutating func shiftRefs(_ shift: (Int) -> Int) {
        mapRefs { shift($0) }
    }

    /// Moves every argv reference through `map`; a word with no place in the outer argv (nil)
    /// loses its reference and keeps only its text.
    mutating func mapRefs(_ map: (Int) -> Int?) {
        paths = paths.map { operand in
            var moved = operand
            moved.at = operand.at.flatMap { ref in map(ref.word).map { ArgumentRef(word: $0, offset: ref.offset) } }
            return moved
        }
    }
}

extension CommandRules {
    /// Files that swallow what is written to them: writing there overwrites nothing.
    static let sinks: Set<String> = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero", "/dev/full"]
}
