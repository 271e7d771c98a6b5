/// The commands the guard knows, as data: a name (or name prefix), the tool's real option syntax
/// and what its operands mean. Option tables follow each tool's `--help` on Debian 12 (coreutils
/// 9.1, findutils 4.9, util-linux 2.38, rsync 3.2, systemd 252, PostgreSQL 15). An option missing
/// here shows as "unrecognized" and raises the level; it never lets a command through unread.
public struct CommandRule: Sendable {
    public var names: [String]
    /// Also matches names starting with one of these (`mkfs.` for mkfs.ext4, mkfs.xfs …).
    public var prefixes: [String]
    public var spec: OptionSpec
    public var interpret: @Sendable (_ invocation: Invocation) -> CommandAssessment

    public init(_ names: [String], prefixes: [String] = [], spec: OptionSpec,
                interpret: @escaping @Sendable (Invocation) -> CommandAssessment) {
        self.names = names
        self.prefixes = prefixes
        self.spec = spec
        self.interpret = interpret
    }

    func matches(_ command: String) -> Bool {
        names.contains(command) || prefixes.contains { command.hasPrefix($0) }
    }
}

/// One command line as a rule sees it.
public struct Invocation: Sendable {
    public var command: String
    /// Arguments after the command word (lossy text; byte positions via ArgumentRef).
    public var arguments: [String]
    public var parsed: ParsedArguments
    /// Environment the command will run with, for tools that read it (PGDATA).
    public var environment: [String: String]

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
}

public enum CommandRules {
    /// Reads `argv` (the command word first) with the matching rule; a command with no rule is
    /// harmless as far as the guard knows.
    public static func assess(_ argv: [String], environment: [String: String] = [:]) -> CommandAssessment {
        assess(argv, environment: environment, depth: 0)
    }

    static func assess(_ argv: [String], environment: [String: String], depth: Int) -> CommandAssessment {
        guard let first = argv.first else { return .harmless("", "empty command") }
        let command = first.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? first
        if let wrapper = CommandWrapper.named(command), depth < 8 {
            return assessWrapped(argv, wrapper: wrapper, environment: environment, depth: depth)
        }
        guard let rule = table.first(where: { $0.matches(command) }) else {
            return .harmless(command, "no rule for \(command): runs as it is")
        }
        let arguments = Array(argv.dropFirst())
        let parsed = GNUOptionParser.parse(arguments, spec: rule.spec, posixlyCorrect: environment["POSIXLY_CORRECT"] != nil)
        var assessment = rule.interpret(Invocation(command: command, arguments: arguments, parsed: parsed, environment: environment))
        // Refs in rules count from the first argument; shift them to count from argv[0].
        assessment.paths = assessment.paths.map { operand in
            var shifted = operand
            shifted.at = operand.at.map { ArgumentRef(word: $0.word + 1, offset: $0.offset) }
            return shifted
        }
        return assessment
    }

    /// `sudo rm -rf x`: the inner command's assessment, its argv references shifted to count
    /// from the wrapper, and a summary that says how it runs.
    static func assessWrapped(_ argv: [String], wrapper: CommandWrapper, environment: [String: String], depth: Int) -> CommandAssessment {
        let (start, problems) = wrapper.innerCommandIndex(argv)
        guard let start else {
            var result = CommandAssessment.harmless(wrapper.name, "\(wrapper.name) runs no command")
            result.problems = problems
            return result
        }
        var inner = assess(Array(argv[start...]), environment: environment, depth: depth + 1)
        inner.paths = inner.paths.map { operand in
            var shifted = operand
            shifted.at = operand.at.map { ArgumentRef(word: $0.word + start, offset: $0.offset) }
            return shifted
        }
        inner.problems = problems + inner.problems
        if inner.harm != nil { inner.summary += " (via \(wrapper.name))" }
        return inner
    }

    typealias O = OptionSpec.Option

    static let helpVersion = [O("help", long: ["help"]), O("version", long: ["version"])]

    public static let table: [CommandRule] = [
        rm, unlink, rmdir, mv, cp, rsync, dd, mkfs, wipefs, shred, truncate, find,
        chmod, chown, chown.renamed(["chgrp"]), power, systemctl, dropdb, pgCtl, pgBasebackup,
        kubectl, terraform, zfs, lvm,
    ]

    // MARK: deleting

    static let rm = CommandRule(["rm"], spec: OptionSpec([
        O("force", short: "f", long: ["force"]),
        O("interactive", short: "iI", long: ["interactive"], argument: .optional),
        O("one-file-system", long: ["one-file-system"]),
        O("no-preserve-root", long: ["no-preserve-root"]),
        O("preserve-root", long: ["preserve-root"], argument: .optional),
        O("recursive", short: "rR", long: ["recursive"]),
        O("dir", short: "d", long: ["dir"]),
        O("verbose", short: "v", long: ["verbose"]),
    ] + helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("rm", "prints help") }
        let recursive = call.parsed.has("recursive")
        var result = call.assessment(.delete, recursive ? "recursive delete" : "delete")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .delete, recursive: recursive) }
        return result
    }

    static let unlink = CommandRule(["unlink"], spec: OptionSpec(helpVersion)) { call in
        var result = call.assessment(.delete, "delete")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .delete) }
        return result
    }

    static let rmdir = CommandRule(["rmdir"], spec: OptionSpec([
        O("ignore", long: ["ignore-fail-on-non-empty"]),
        O("parents", short: "p", long: ["parents"]),
        O("verbose", short: "v", long: ["verbose"]),
    ] + helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("rmdir", "prints help") }
        var result = call.assessment(.delete, "remove empty directory")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .delete) }
        return result
    }

    // MARK: moving and copying

    /// mv and cp share the shape: sources then a destination, or `-t DIR` and sources.
    static func sourcesAndDestination(_ call: Invocation, sourceHarm: Harm?, summary: String) -> CommandAssessment {
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless(call.command, "prints help") }
        var words = call.operandWords
        var result = call.assessment(sourceHarm ?? .overwrite, summary)
        var destination: PathOperand?
        if let target = call.parsed.options.last(where: { $0.name == "target-directory" }), let value = target.value {
            destination = PathOperand(value, at: target.at, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)
        } else if words.count >= 2, let last = words.popLast() {
            destination = PathOperand(last.0, at: last.1, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)
        }
        if let sourceHarm {
            result.paths = words.map { PathOperand($0.0, at: $0.1, harm: sourceHarm, recursive: true) }
        }
        // A destination that is a directory receives the sources inside it; one that is a file
        // (or names a link to one) is replaced.
        if let destination, !call.parsed.has("no-clobber") { result.paths.append(destination) }
        return result
    }

    static let mv = CommandRule(["mv"], spec: OptionSpec([
        O("backup", long: ["backup"], argument: .optional), O("b", short: "b"),
        O("debug", long: ["debug"]), O("exchange", long: ["exchange"]),
        O("force", short: "f", long: ["force"]), O("interactive", short: "i", long: ["interactive"]),
        O("no-clobber", short: "n", long: ["no-clobber"]), O("no-copy", long: ["no-copy"]),
        O("strip-trailing-slashes", long: ["strip-trailing-slashes"]),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("target-directory", short: "t", long: ["target-directory"], argument: .required),
        O("no-target-directory", short: "T", long: ["no-target-directory"]),
        O("update", short: "u", long: ["update"], argument: .optional),
        O("verbose", short: "v", long: ["verbose"]), O("context", short: "Z", long: ["context"]),
    ] + helpVersion)) { call in
        // The sources disappear from where they were: for live data that is as bad as a delete.
        sourcesAndDestination(call, sourceHarm: .delete, summary: "move away (sources) and replace (destination)")
    }

    static let cp = CommandRule(["cp"], spec: OptionSpec([
        O("archive", short: "a", long: ["archive"]), O("attributes-only", long: ["attributes-only"]),
        O("backup", long: ["backup"], argument: .optional), O("b", short: "b"),
        O("copy-contents", long: ["copy-contents"]), O("d", short: "d"),
        O("debug", long: ["debug"]), O("force", short: "f", long: ["force"]),
        O("interactive", short: "i", long: ["interactive"]), O("H", short: "H"),
        O("link", short: "l", long: ["link"]), O("dereference", short: "L", long: ["dereference"]),
        O("no-clobber", short: "n", long: ["no-clobber"]), O("no-dereference", short: "P", long: ["no-dereference"]),
        O("p", short: "p"), O("preserve", long: ["preserve"], argument: .optional),
        O("no-preserve", long: ["no-preserve"], argument: .required), O("parents", long: ["parents"]),
        O("recursive", short: "rR", long: ["recursive"]), O("reflink", long: ["reflink"], argument: .optional),
        O("remove-destination", long: ["remove-destination"]), O("sparse", long: ["sparse"], argument: .required),
        O("strip-trailing-slashes", long: ["strip-trailing-slashes"]),
        O("symbolic-link", short: "s", long: ["symbolic-link"]),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("target-directory", short: "t", long: ["target-directory"], argument: .required),
        O("no-target-directory", short: "T", long: ["no-target-directory"]),
        O("update", short: "u", long: ["update"], argument: .optional),
        O("verbose", short: "v", long: ["verbose"]), O("one-file-system", short: "x", long: ["one-file-system"]),
        O("Z", short: "Z"), O("context", long: ["context"], argument: .optional),
        O("keep-directory-symlink", long: ["keep-directory-symlink"]),
    ] + helpVersion)) { call in
        sourcesAndDestination(call, sourceHarm: nil, summary: "overwrite (destination)")
    }

    static let rsync = CommandRule(["rsync"], spec: OptionSpec(
        "vqcarRbuUdlLkKHpEAXogDtOJNSnWxyzPhiCFm8s046I".map { O(String($0), short: String($0)) } + [
            O("rsh", short: "e", long: ["rsh"], argument: .required),
            O("filter", short: "f", long: ["filter"], argument: .required),
            O("block-size", short: "B", long: ["block-size"], argument: .required),
            O("temp-dir", short: "T", long: ["temp-dir"], argument: .required),
            O("remote-option", short: "M", long: ["remote-option"], argument: .required),
            O("modify-window", short: "@", long: ["modify-window"], argument: .required),
        ] + ["rsync-path", "exclude", "include", "exclude-from", "include-from", "files-from", "max-delete",
             "max-size", "min-size", "partial-dir", "compare-dest", "copy-dest", "link-dest", "suffix",
             "backup-dir", "chmod", "chown", "usermap", "groupmap", "timeout", "contimeout", "port",
             "log-file", "log-file-format", "out-format", "password-file", "bwlimit", "write-batch",
             "read-batch", "only-write-batch", "protocol", "iconv", "checksum-choice", "compress-choice",
             "compress-level", "skip-compress", "info", "debug", "stop-after", "stop-at", "outbuf",
             "sockopts", "address", "max-alloc", "copy-as", "checksum-seed", "mkpath-mode"].map {
            O($0, long: [$0], argument: .required)
        } + [O("delete-during", long: ["del"])]
          + ["delete", "delete-before", "delete-during", "delete-delay", "delete-after", "delete-excluded",
             "delete-missing-args", "remove-source-files"].map { O($0, long: [$0]) }
          + ["verbose", "quiet", "checksum", "archive", "recursive", "relative", "no-implied-dirs", "backup",
             "update", "inplace", "append", "append-verify", "dirs", "mkpath", "links", "copy-links",
             "copy-unsafe-links", "safe-links", "munge-links", "copy-dirlinks", "keep-dirlinks", "hard-links",
             "perms", "executability", "acls", "xattrs", "owner", "group", "devices", "specials", "times",
             "atimes", "open-noatime", "crtimes", "omit-dir-times", "omit-link-times", "super", "fake-super",
             "sparse", "preallocate", "dry-run", "whole-file", "one-file-system", "existing",
             "ignore-existing", "ignore-errors", "force", "partial", "delay-updates", "prune-empty-dirs",
             "numeric-ids", "ignore-times", "size-only", "fuzzy", "compress", "cvs-exclude", "from0",
             "protect-args", "secluded-args", "trust-sender", "blocking-io", "stats", "8-bit-output",
             "human-readable", "progress", "itemize-changes", "list-only", "ipv4", "ipv6", "no-motd",
             "progress", "help", "version", "devices-specials", "D", "old-args", "copy-devices",
             "write-devices", "no-o", "no-g", "no-p", "no-t", "no-perms", "no-owner", "no-group",
             "no-times", "no-recursive", "no-r", "no-whole-file", "no-W", "no-inc-recursive", "no-i-r",
             "ignore-missing-args", "force-delete", "daemon", "noatime", "no-D", "no-devices", "no-specials",
             "no-links", "no-l", "no-relative", "no-R", "no-implied-dirs", "no-compress", "no-z",
             "no-human-readable", "no-h", "no-motd", "checksum", "append-verify"].map { O($0, long: [$0]) }
    )) { call in
        let deletes = call.parsed.options.contains { $0.name.hasPrefix("delete") || $0.name == "remove-source-files" }
        if !deletes || call.parsed.has("n") || call.parsed.has("dry-run") {
            // Without --delete rsync only adds and updates files; that is cp's harm, left to the
            // operator's own judgement as for a plain cp.
            return call.assessment(nil, deletes ? "dry run" : "copies without deleting")
        }
        var result = call.assessment(.delete, "delete in destination (--delete)")
        let words = call.operandWords
        guard let destination = words.last, words.count >= 2 else { return result }
        if isRemote(destination.0) {
            result.names.append(NamedOperand(kind: "remote path", name: destination.0, harm: .delete))
        } else {
            result.paths.append(PathOperand(destination.0, at: destination.1, harm: .delete, recursive: true, followsFinalSymlink: true))
        }
        if call.parsed.has("remove-source-files") {
            for source in words.dropLast() where !isRemote(source.0) {
                result.paths.append(PathOperand(source.0, at: source.1, harm: .delete, recursive: true))
            }
        }
        return result
    }

    /// rsync's `host:path`, `user@host:path`, `rsync://…` (a colon before the first slash).
    static func isRemote(_ word: String) -> Bool {
        if word.hasPrefix("rsync://") { return true }
        guard let colon = word.firstIndex(of: ":") else { return false }
        return !word[..<colon].contains("/")
    }

    // MARK: overwriting

    static let dd = CommandRule(["dd"], spec: OptionSpec(helpVersion)) { call in
        // dd has no options, only KEY=VALUE operands; the last of= wins, as in dd.c.
        guard let output = call.operandWords.last(where: { $0.0.hasPrefix("of=") }) else {
            return call.assessment(nil, "writes to standard output")
        }
        var result = call.assessment(.overwrite, "overwrite")
        result.paths = [PathOperand(String(output.0.dropFirst(3)), at: ArgumentRef(word: output.1.word, offset: 3),
                                    harm: .overwrite, followsFinalSymlink: true)]
        return result
    }

    /// mke2fs's getopt string "b:cd:e:E:fFg:G:i:I:jJ:KL:m:M:no:O:qr:s:S:t:T:U:vVz:" (e2fsprogs 1.47).
    static let mkfs = CommandRule(["mke2fs", "mkfs", "mkswap"], prefixes: ["mkfs."], spec: OptionSpec(
        "cfFjKnqSvV".map { O(String($0), short: String($0)) }
        + "bdeEgGiIJLmMoOrstTUzCN".map { O(String($0), short: String($0), argument: .required) }
        + [O("type", long: ["type"], argument: .required), O("label", long: ["label"], argument: .required),
           O("uuid", long: ["uuid"], argument: .required)] + helpVersion)) { call in
        if call.parsed.has("n") && call.command.hasPrefix("mk") && call.command != "mkswap" {
            return call.assessment(nil, "dry run (-n)")
        }
        var result = call.assessment(.wipe, "new filesystem (erases everything on the device)")
        // The device is the first operand; a second one is a block count.
        if let device = call.operand(0) {
            result.paths = [PathOperand(device.0, at: device.1, harm: .wipe, recursive: true, followsFinalSymlink: true)]
        }
        // Tools other than mke2fs spell options differently; an option we could not read may have
        // swallowed the device, so look at every word that names a device too.
        for (index, word) in call.arguments.enumerated() where word.hasPrefix("/dev/") && !result.paths.contains(where: { $0.at?.word == index }) {
            result.paths.append(PathOperand(word, at: ArgumentRef(word: index), harm: .wipe, recursive: true, followsFinalSymlink: true))
        }
        return result
    }

    static let wipefs = CommandRule(["wipefs"], spec: OptionSpec([
        O("all", short: "a", long: ["all"]), O("backup", short: "b", long: ["backup"]),
        O("force", short: "f", long: ["force"]), O("noheadings", short: "i", long: ["noheadings"]),
        O("json", short: "J", long: ["json"]), O("no-act", short: "n", long: ["no-act"]),
        O("output", short: "O", long: ["output"], argument: .required),
        O("offset", short: "o", long: ["offset"], argument: .required),
        O("parsable", short: "p", long: ["parsable"]), O("quiet", short: "q", long: ["quiet"]),
        O("types", short: "t", long: ["types"], argument: .required),
        O("lock", long: ["lock"], argument: .optional), O("help", short: "h", long: ["help"]),
        O("version", short: "V", long: ["version"]),
    ])) { call in
        // Without -a or -o wipefs only lists signatures.
        guard (call.parsed.has("all") || call.parsed.has("offset")) && !call.parsed.has("no-act") else {
            return call.assessment(nil, "lists signatures only")
        }
        var result = call.assessment(.wipe, "erase filesystem signatures")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .wipe, recursive: true, followsFinalSymlink: true) }
        return result
    }

    static let shred = CommandRule(["shred"], spec: OptionSpec([
        O("force", short: "f", long: ["force"]), O("iterations", short: "n", long: ["iterations"], argument: .required),
        O("random-source", long: ["random-source"], argument: .required),
        O("size", short: "s", long: ["size"], argument: .required), O("u", short: "u"),
        O("remove", long: ["remove"], argument: .optional), O("verbose", short: "v", long: ["verbose"]),
        O("exact", short: "x", long: ["exact"]), O("zero", short: "z", long: ["zero"]),
    ] + helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("shred", "prints help") }
        var result = call.assessment(.overwrite, "overwrite contents irrecoverably")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .overwrite, followsFinalSymlink: true) }
        return result
    }

    static let truncate = CommandRule(["truncate"], spec: OptionSpec([
        O("no-create", short: "c", long: ["no-create"]), O("io-blocks", short: "o", long: ["io-blocks"]),
        O("reference", short: "r", long: ["reference"], argument: .required),
        O("size", short: "s", long: ["size"], argument: .required),
    ] + helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("truncate", "prints help") }
        var result = call.assessment(.overwrite, "truncate contents")
        result.paths = call.operandWords.map { PathOperand($0.0, at: $0.1, harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true) }
        return result
    }

    /// find [-H] [-L] [-P] [-D opts] [-Olevel] [starting-point…] [expression]: starting points
    /// run until the first word starting with `-`, or `(`, `!`, `,` (findutils ftsfind.c).
    static let find = CommandRule(["find"], spec: OptionSpec([
        O("H", short: "H"), O("L", short: "L"), O("P", short: "P"),
        O("D", short: "D", argument: .required), O("O", short: "O", argument: .optional),
    ] + helpVersion, stopAtFirstOperand: true)) { call in
        // Only the leading options are getopt's; re-read the words: starting points, then the
        // expression. The spec stops at the first operand, so operand 0 is the first starting point.
        let first = call.parsed.operands.first ?? call.arguments.count
        var points: [(String, ArgumentRef)] = []
        var index = first
        while index < call.arguments.count {
            let word = call.arguments[index]
            if word.hasPrefix("-") || word == "(" || word == "!" || word == "," { break }
            points.append((word, ArgumentRef(word: index)))
            index += 1
        }
        let expression = Array(call.arguments[index...])
        var deletes = expression.contains("-delete")
        for (position, word) in expression.enumerated() where ["-exec", "-execdir", "-ok", "-okdir"].contains(word) {
            if position + 1 < expression.count {
                let tool = expression[position + 1].split(separator: "/").last.map(String.init) ?? ""
                if ["rm", "rmdir", "unlink", "shred", "truncate", "mv"].contains(tool) { deletes = true }
            }
        }
        guard deletes else { return call.assessment(nil, "lists files") }
        var result = call.assessment(.delete, "recursive delete (find \(expression.contains("-delete") ? "-delete" : "-exec rm"))")
        let follows = call.parsed.has("L") || call.parsed.has("H")
        if points.isEmpty { points = [(".", ArgumentRef(word: -1))] }
        result.paths = points.map {
            PathOperand($0.0, at: $0.1.word < 0 ? nil : $0.1, harm: .delete, recursive: true, followsFinalSymlink: follows)
        }
        return result
    }

    // MARK: permissions

    static let chmod = CommandRule(["chmod"], spec: OptionSpec([
        O("changes", short: "c", long: ["changes"]), O("quiet", short: "f", long: ["silent", "quiet"]),
        O("verbose", short: "v", long: ["verbose"]), O("no-preserve-root", long: ["no-preserve-root"]),
        O("preserve-root", long: ["preserve-root"]), O("reference", long: ["reference"], argument: .required),
        O("recursive", short: "R", long: ["recursive"]),
    ] + helpVersion)) { call in
        // `chmod -R -w dir`: a word like -w, -rx or -X is a MODE, not options (coreutils
        // chmod.c reads these through getopt and puts them back as the mode operand).
        let modeLike = call.arguments.enumerated().filter { _, word in
            word.count > 1 && word.hasPrefix("-") && word.dropFirst().allSatisfy { "rwxXst".contains($0) }
        }
        var call = call
        if !modeLike.isEmpty {
            let modeLetters = Set(modeLike.flatMap { $0.element.dropFirst() })
            call.parsed.problems.removeAll { problem in modeLetters.contains { problem == "invalid option -- '\($0)'" } }
        }
        return permissionTargets(call, firstIsSpec: !call.parsed.has("reference") && modeLike.isEmpty)
    }

    static let chown = CommandRule(["chown"], spec: OptionSpec([
        O("changes", short: "c", long: ["changes"]), O("quiet", short: "f", long: ["silent", "quiet"]),
        O("verbose", short: "v", long: ["verbose"]), O("dereference", long: ["dereference"]),
        O("no-dereference", short: "h", long: ["no-dereference"]), O("from", long: ["from"], argument: .required),
        O("no-preserve-root", long: ["no-preserve-root"]), O("preserve-root", long: ["preserve-root"]),
        O("reference", long: ["reference"], argument: .required), O("recursive", short: "R", long: ["recursive"]),
        O("H", short: "H"), O("L", short: "L"), O("P", short: "P"),
    ] + helpVersion)) { call in
        permissionTargets(call, firstIsSpec: !call.parsed.has("reference"))
    }

    static func permissionTargets(_ call: Invocation, firstIsSpec: Bool) -> CommandAssessment {
        // Only recursive changes are the guard's business: one file's mode is easy to put back,
        // a tree's is not.
        guard call.parsed.has("recursive") else { return call.assessment(nil, "not recursive") }
        var result = call.assessment(.permissions, "recursive \(call.command)")
        result.paths = call.operandWords.dropFirst(firstIsSpec ? 1 : 0).map {
            PathOperand($0.0, at: $0.1, harm: .permissions, recursive: true, followsFinalSymlink: true)
        }
        return result
    }

    // MARK: the whole host

    static let power = CommandRule(["reboot", "shutdown", "poweroff", "halt"], spec: OptionSpec([
        O("halt", short: "H", long: ["halt"]), O("poweroff", short: "P", long: ["poweroff"]),
        O("reboot", short: "r", long: ["reboot"]), O("h", short: "h"), O("k", short: "k"),
        O("no-wall", long: ["no-wall"]), O("cancel", short: "c"), O("show", long: ["show"]),
        O("force", short: "f", long: ["force"]), O("wtmp-only", short: "w", long: ["wtmp-only"]),
        O("no-wtmp", short: "d", long: ["no-wtmp"]), O("no-sync", short: "n", long: ["no-sync"]),
        O("p", short: "p"), O("i", short: "i"), O("t", short: "t", argument: .required),
    ] + helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") || call.parsed.has("cancel")
            || call.parsed.has("k") || call.parsed.has("show") || call.parsed.has("wtmp-only") {
            return call.assessment(nil, "does not stop the host")
        }
        var result = call.assessment(.power, call.command == "reboot" ? "reboots the host" : "stops the host")
        result.hostWide = true
        return result
    }

    static let systemctl = CommandRule(["systemctl"], spec: OptionSpec(
        ["type", "property", "signal", "host", "machine", "lines", "output", "state", "job-mode", "root",
         "image", "kill-whom", "kill-value", "what", "timestamp", "boot-loader-menu", "boot-loader-entry",
         "check-inhibitors", "message", "reboot-argument", "preset-mode", "marked", "drop-in", "when",
         "legend", "kill-who"].map { O($0, long: [$0], argument: .required) }
        + [O("type", short: "t", argument: .required), O("property", short: "p", argument: .required),
           O("P", short: "P", argument: .required), O("signal", short: "s", argument: .required),
           O("host", short: "H", argument: .required), O("machine", short: "M", argument: .required),
           O("lines", short: "n", argument: .required), O("output", short: "o", argument: .required)]
        + ["all", "recursive", "reverse", "after", "before", "full", "value", "show-types", "ignore-inhibitors",
           "dry-run", "quiet", "no-block", "wait", "user", "system", "global", "no-wall", "no-reload",
           "no-ask-password", "force", "now", "runtime", "no-pager", "no-legend", "plain", "firmware-setup",
           "failed", "show-transaction", "with-dependencies", "read-only", "mkdir", "no-warn"].map { O($0, long: [$0]) }
        + [O("all", short: "a"), O("recursive", short: "r"), O("full", short: "l"), O("ignore-inhibitors", short: "i"),
           O("quiet", short: "q"), O("force", short: "f"), O("show-transaction", short: "T"),
           O("help", short: "h", long: ["help"]), O("version", long: ["version"])]
    )) { call in
        guard let verb = call.operand(0)?.0 else { return call.assessment(nil, "lists units") }
        let units = call.operandWords.dropFirst().map(\.0)
        let powerVerbs = ["poweroff", "reboot", "halt", "kexec", "soft-reboot", "emergency", "rescue",
                          "default", "suspend", "hibernate", "hybrid-sleep", "suspend-then-hibernate"]
        if powerVerbs.contains(verb) || verb == "isolate" {
            var result = call.assessment(.power, verb == "isolate" ? "switches the whole host to \(units.first ?? "a target")" : "systemctl \(verb) of the host")
            result.hostWide = true
            return result
        }
        let stopping = ["stop", "restart", "try-restart", "reload-or-restart", "try-reload-or-restart",
                        "condrestart", "force-reload", "kill", "clean", "freeze"]
        let stopsWithNow = ["disable", "mask"]
        guard stopping.contains(verb) || (stopsWithNow.contains(verb) && call.parsed.has("now")) || verb == "mask" else {
            return call.assessment(nil, "systemctl \(verb) does not stop anything")
        }
        var result = call.assessment(.service, "systemctl \(verb)")
        result.names = units.map { NamedOperand(kind: "unit", name: $0, harm: .service) }
        return result
    }

    // MARK: databases

    static let dropdb = CommandRule(["dropdb"], spec: OptionSpec([
        O("host", short: "h", long: ["host"], argument: .required), O("port", short: "p", long: ["port"], argument: .required),
        O("username", short: "U", long: ["username"], argument: .required),
        O("maintenance-db", long: ["maintenance-db"], argument: .required),
        O("echo", short: "e", long: ["echo"]), O("force", short: "f", long: ["force"]),
        O("interactive", short: "i", long: ["interactive"]), O("if-exists", long: ["if-exists"]),
        O("no-password", short: "w", long: ["no-password"]), O("password", short: "W", long: ["password"]),
        O("version", short: "V", long: ["version"]), O("help", short: "?", long: ["help"]),
    ])) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("dropdb", "prints help") }
        var result = call.assessment(.destroy, "drops a database")
        let server = call.parsed.last("host").map { " on \($0)" } ?? ""
        result.names = call.operandWords.prefix(1).map { NamedOperand(kind: "database", name: $0.0 + server, harm: .destroy) }
        return result
    }

    static let pgCtl = CommandRule(["pg_ctl"], spec: OptionSpec([
        O("pgdata", short: "D", long: ["pgdata"], argument: .required), O("mode", short: "m", long: ["mode"], argument: .required),
        O("timeout", short: "t", long: ["timeout"], argument: .required), O("options", short: "o", long: ["options"], argument: .required),
        O("log", short: "l", long: ["log"], argument: .required), O("p", short: "p", argument: .required),
        O("silent", short: "s", long: ["silent"]), O("wait", short: "w", long: ["wait"]),
        O("no-wait", short: "W", long: ["no-wait"]), O("core-files", short: "c", long: ["core-files"]),
        O("N", short: "N", argument: .required), O("U", short: "U", argument: .required),
        O("P", short: "P", argument: .required), O("S", short: "S", argument: .required), O("e", short: "e", argument: .required),
        O("version", short: "V", long: ["version"]), O("help", short: "?", long: ["help"]),
    ])) { call in
        guard let verb = call.operand(0)?.0, ["stop", "restart", "promote", "kill", "unregister"].contains(verb) else {
            return call.assessment(nil, "does not stop or promote")
        }
        var result = call.assessment(.service, "pg_ctl \(verb)")
        if let option = call.parsed.options.last(where: { $0.name == "pgdata" }), let value = option.value {
            result.paths = [PathOperand(value, at: option.at, harm: .service, followsFinalSymlink: true)]
        } else if let pgdata = call.environment["PGDATA"] {
            result.paths = [PathOperand(pgdata, at: nil, harm: .service, followsFinalSymlink: true)]
        } else {
            result.names = [NamedOperand(kind: "server", name: "PostgreSQL (no -D, no PGDATA)", harm: .service)]
        }
        return result
    }

    static let pgBasebackup = CommandRule(["pg_basebackup"], spec: OptionSpec(
        "DFrTXZctlSdhpsU".map { O($0 == "D" ? "pgdata" : String($0), short: String($0), argument: .required) }
        + ["pgdata", "format", "max-rate", "tablespace-mapping", "waldir", "wal-method", "compress", "checkpoint",
           "label", "target", "slot", "dbname", "host", "port", "status-interval", "username",
           "manifest-checksums"].map { O($0, long: [$0], argument: .required) }
        + "RPvwWnNCz".map { O(String($0), short: String($0)) }
        + ["write-recovery-conf", "progress", "verbose", "no-password", "password", "no-clean", "no-sync",
           "no-slot", "no-verify-checksums", "no-estimate-size", "no-manifest", "create-slot", "gzip",
           "manifest-force-encode", "incremental"].map { O($0, long: [$0]) }
        + [O("version", short: "V", long: ["version"]), O("help", short: "?", long: ["help"])]
    )) { call in
        guard let option = call.parsed.options.last(where: { $0.name == "pgdata" }), let value = option.value, value != "-" else {
            return call.assessment(nil, "writes to standard output")
        }
        var result = call.assessment(.overwrite, "base backup into a directory")
        result.paths = [PathOperand(value, at: option.at, harm: .overwrite, recursive: true, followsFinalSymlink: true, onlyIfExists: true)]
        return result
    }

    // MARK: other systems

    /// kubectl (Go pflag): find the verb among the words; flags may take `--flag value`.
    static let kubectl = CommandRule(["kubectl"], spec: OptionSpec(
        ["namespace", "context", "cluster", "kubeconfig", "filename", "selector", "output", "user", "server",
         "field-selector", "grace-period", "cascade", "timeout", "token", "as", "as-group", "request-timeout",
         "kustomize"].map { O($0, long: [$0], argument: .required) }
        + [O("namespace", short: "n", argument: .required), O("filename", short: "f", argument: .required),
           O("selector", short: "l", argument: .required), O("output", short: "o", argument: .required),
           O("kustomize", short: "k", argument: .required), O("all", long: ["all", "all-namespaces", "force", "now", "wait", "recursive", "ignore-not-found", "dry-run"]),
           O("A", short: "A"), O("R", short: "R")]
    )) { call in
        guard call.operand(0)?.0 == "delete" else { return call.assessment(nil, "does not delete") }
        var result = call.assessment(.destroy, "deletes cluster resources")
        result.problems = []
        let what = call.operandWords.dropFirst().map(\.0) + call.parsed.values("filename").map { "-f \($0)" }
        let scope = call.parsed.last("context").map { " (context \($0))" } ?? ""
        result.names = [NamedOperand(kind: "kubernetes", name: (what.isEmpty ? "?" : what.joined(separator: " ")) + scope, harm: .destroy)]
        return result
    }

    /// terraform uses Go's flag package: single-dash flags, `-chdir=DIR` before the verb.
    static let terraform = CommandRule(["terraform", "tofu"], spec: OptionSpec([], stopAtFirstOperand: false)) { call in
        let words = call.arguments
        guard let verbIndex = words.firstIndex(where: { !$0.hasPrefix("-") }) else { return call.assessment(nil, "no command") }
        let verb = words[verbIndex]
        let destroys = verb == "destroy" || (verb == "apply" && words[verbIndex...].contains { $0 == "-destroy" || $0 == "--destroy" })
        guard destroys else { return .harmless(call.command, "terraform \(verb) does not destroy") }
        var result = CommandAssessment(command: call.command, harm: .destroy, summary: "destroys managed infrastructure")
        let directory = words[..<verbIndex].first { $0.hasPrefix("-chdir=") }.map { String($0.dropFirst(7)) } ?? "."
        result.names = [NamedOperand(kind: "terraform state", name: directory, harm: .destroy)]
        return result
    }

    static let zfs = CommandRule(["zfs", "zpool"], spec: OptionSpec(
        "rRfnpvdF".map { O(String($0), short: String($0)) } + [O("help", short: "?")], stopAtFirstOperand: true)) { call in
        guard call.operand(0)?.0 == "destroy" else { return call.assessment(nil, "does not destroy") }
        // Options come after the verb: re-read them.
        let rest = Array(call.arguments[(call.parsed.operands[0] + 1)...])
        let parsed = GNUOptionParser.parse(rest, spec: OptionSpec("rRfnpvdF".map { O(String($0), short: String($0)) }))
        if parsed.has("n") { return call.assessment(nil, "dry run (-n)") }
        var result = call.assessment(.destroy, "\(call.command) destroy")
        result.names = parsed.operands.map { NamedOperand(kind: call.command == "zpool" ? "pool" : "dataset", name: rest[$0], harm: .destroy) }
        return result
    }

    static let lvm = CommandRule(["lvremove", "vgremove", "pvremove"], spec: OptionSpec(
        ["config", "autobackup", "select", "reportformat", "devices", "devicesfile", "driverloaded",
         "commandprofile", "profile", "journal", "lockopt", "nolocking"].map { O($0, long: [$0], argument: .required) }
        + [O("autobackup", short: "A", argument: .required), O("select", short: "S", argument: .required), O("d", short: "d", argument: .required)]
        + "fyvtq".map { O(String($0), short: String($0)) }
        + ["force", "yes", "verbose", "test", "quiet", "debug", "nohints", "noudevsync", "help", "version"].map { O($0, long: [$0]) }
    )) { call in
        if call.parsed.has("t") || call.parsed.has("test") { return call.assessment(nil, "test mode") }
        var result = call.assessment(.destroy, "\(call.command): destroys volumes")
        result.names = call.operandWords.map { NamedOperand(kind: call.command == "lvremove" ? "logical volume" : "volume group", name: $0.0, harm: .destroy) }
        return result
    }
}

extension CommandRule {
    func renamed(_ names: [String]) -> CommandRule {
        var copy = self
        copy.names = names
        return copy
    }
}
