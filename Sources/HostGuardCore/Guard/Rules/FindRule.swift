/// `find [-H] [-L] [-P] [-D opts] [-Olevel] [starting-point…] [expression]`: starting points run
/// until the first word starting with `-`, or `(`, `!`, `,` (findutils ftsfind.c); with none,
/// find starts at `.` — a real target. The expression is read primary by primary with each
/// one's argument count (findutils parser.c `parse_table`), so `-name -delete` is a name test,
/// not a delete. `-delete` and `-exec`/`-execdir`/`-ok`/`-okdir CMD … ;|+` (CMD read through any
/// launcher) act on every match: the starting points, recursively. `-files0-from FILE` takes the
/// starting points from FILE: unknown targets. `-fprint FILE` and friends truncate FILE.
/// Options: find(1), findutils 4.9.0.
enum FindRule {
    typealias O = OptionSpec.Option

    /// Primaries taking one argument.
    static let unary: Set<String> = [
        "-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex", "-lname", "-ilname",
        "-type", "-xtype", "-user", "-group", "-uid", "-gid", "-perm", "-size", "-mtime", "-atime", "-ctime", "-mmin",
        "-amin", "-cmin", "-newer", "-anewer", "-cnewer", "-samefile", "-inum", "-links", "-maxdepth", "-mindepth",
        "-used", "-fstype", "-context", "-printf", "-regextype", "-files0-from", "-fprint", "-fprint0", "-fls",
        "-newermm", "-newerma", "-newermc", "-newermt", "-neweram", "-neweraa", "-newerac", "-newerat", "-newercm",
        "-newerca", "-newercc", "-newerct", "-newerBt", "-newermB", "-newerBm",
    ]
    /// Primaries and operators without an argument.
    static let nullary: Set<String> = [
        "-delete", "-print", "-print0", "-ls", "-prune", "-quit", "-true", "-false", "-empty", "-executable",
        "-readable", "-writable", "-nouser", "-nogroup", "-depth", "-d", "-mount", "-xdev", "-noleaf",
        "-ignore_readdir_race", "-noignore_readdir_race", "-daystart", "-follow", "-warn", "-nowarn", "-not", "-a",
        "-and", "-o", "-or", "-help", "--help", "-version", "--version", "(", ")", "!", ",",
    ]
    static let exec: Set<String> = ["-exec", "-execdir", "-ok", "-okdir"]
    static let writes: Set<String> = ["-fprint", "-fprint0", "-fls", "-fprintf"]

    static let rule = CommandRule(["find"], spec: OptionSpec([])) { call in
        // getopt only reads the leading -H, -L, -P, -D opts, -Olevel (findutils util.c
        // `process_leading_options`); then starting points until the first word that starts with
        // `-`, or is `(`, `!`, `,`; then the expression.
        let arguments = call.arguments
        var index = 0
        var follows = false
        var problems: [String] = []
        leading: while index < arguments.count {
            switch arguments[index] {
            case "-H", "-L": follows = true
            case "-P": follows = false
            case "-D": index += 1
            case "--": index += 1; break leading
            case let word where word.hasPrefix("-O") && word.count <= 3: break
            case let word where word.hasPrefix("-D"): break
            default: break leading
            }
            index += 1
        }
        if index < arguments.count && (arguments[index] == "--help" || arguments[index] == "--version") {
            return call.assessment(nil, "prints help")
        }
        var points: [(String, ArgumentRef?)] = []
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("-") || word == "(" || word == "!" || word == "," { break }
            points.append((word, ArgumentRef(word: index)))
            index += 1
        }
        var deletes = false
        var inner: [CommandAssessment] = []
        var written: [PathOperand] = []
        var listFiles: [String] = []
        while index < arguments.count {
            let word = arguments[index]
            if word == "-delete" {
                deletes = true
                index += 1
            } else if exec.contains(word) {
                var end = index + 1
                while end < arguments.count && arguments[end] != ";" && !(arguments[end] == "+" && arguments[end - 1] == "{}") { end += 1 }
                if end > index + 1 {
                    let words = Array(arguments[(index + 1)..<end])
                    let start = index + 1
                    inner.append(CommandRules.assessInner(words, via: "find \(word)", context: call.context, depth: call.depth) { $0 + start })
                }
                if end >= arguments.count { problems.append("find: missing argument to `\(word)'") }
                index = end + 1
            } else if word == "-fprintf" {
                if index + 1 < arguments.count { written.append(PathOperand(arguments[index + 1], at: ArgumentRef(word: index + 1), harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true)) }
                index += 3
            } else if unary.contains(word) || (word.hasPrefix("-newer") && word.count == 8) {
                if index + 1 >= arguments.count { problems.append("find: missing argument to `\(word)'") }
                else if writes.contains(word) {
                    written.append(PathOperand(arguments[index + 1], at: ArgumentRef(word: index + 1), harm: .overwrite, followsFinalSymlink: true, onlyIfExists: true))
                } else if word == "-files0-from" {
                    listFiles.append(arguments[index + 1])
                }
                index += 2
            } else if nullary.contains(word) {
                index += 1
            } else {
                problems.append("find: unknown predicate `\(word)'")
                index += 1
            }
        }
        let harmful = inner.filter { $0.harm != nil }
        guard deletes || !harmful.isEmpty || !written.isEmpty else {
            var result = call.assessment(nil, "lists files")
            result.problems = problems
            return result
        }
        if points.isEmpty && listFiles.isEmpty { points = [(".", nil)] }
        var result = CommandRules.merge(harmful, command: "find")
        result.problems = problems + result.problems
        // What -exec does to `{}` it does to every match: the starting points, recursively.
        var matchHarms: [Harm] = deletes ? [.delete] : []
        result.paths.removeAll { path in
            guard path.text.contains("{}") else { return false }
            if !matchHarms.contains(path.harm) { matchHarms.append(path.harm) }
            return true
        }
        for harm in matchHarms {
            result.paths += points.map { PathOperand($0.0, at: $0.1, harm: harm, recursive: true, followsFinalSymlink: follows) }
            for list in listFiles {
                result.unknownTargets.append(UnknownTarget("starting points read from \(list) (find -files0-from)", harm: harm, recursive: true))
            }
        }
        result.paths += written
        let execSummary = harmful.map(\.summary).joined(separator: "; ")
        result.harm = deletes ? .delete : harmful.first?.harm ?? .overwrite
        result.summary = deletes ? "recursive delete (find -delete)" + (execSummary.isEmpty ? "" : "; " + execSummary)
            : !execSummary.isEmpty ? "find -exec: \(execSummary) on every match" : "find writes a list over a file"
        result.launchers = []
        return result
    }
}
