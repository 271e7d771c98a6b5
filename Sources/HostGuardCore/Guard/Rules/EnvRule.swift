/// `env [-i] [-u NAME] [-C DIR] [-S STRING] [NAME=value…] [CMD …]`.
/// Options: env(1), coreutils 9.1. `-C DIR` runs CMD in DIR (relative paths are folded under
/// it); `-S STRING` splits STRING into words the way env does (quotes, `\_`, `${VAR}`, `#`
/// comments: coreutils env.c `build_argv`) and puts them before the remaining words.
enum EnvRule {
    static let wrapper = CommandWrapper(
        name: "env", shortWithArgument: ["u", "C", "S"], longWithArgument: ["unset", "chdir", "split-string"],
        shortFlags: ["i", "0", "v"],
        longFlags: ["ignore-environment", "null", "debug", "help", "version", "default-signal", "ignore-signal",
                    "block-signal", "list-signal-handling"],
        takesAssignments: true)

    static let rule = CommandRule(["env"], spec: Launch.spec, launches: true, aliased: false) { call in
        let argv = Launch.argv(call)
        // `env -` is -i spelled the old way.
        var scan = wrapper.scan(argv)
        var context = call.context
        if scan.has("i", "ignore-environment") { context.environment = [:] }
        for option in scan.options where option.name == "u" || option.name == "unset" {
            if let name = option.value { context.environment[name] = nil }
        }
        for assignment in scan.assignments { context.environment[assignment.name] = assignment.value }
        if let directory = scan.value("C", "chdir") {
            context.directory = directory.hasPrefix("/") || context.directory == nil ? directory : context.directory! + "/" + directory
        }
        var split: [String] = []
        for option in scan.options where option.name == "S" || option.name == "split-string" {
            if let value = option.value { split += splitString(value, environment: context.environment) }
        }
        if split.isEmpty {
            if scan.index != nil, argv[scan.index!] == "-" { scan.index = scan.index! + 1 < argv.count ? scan.index! + 1 : nil }
            guard let start = scan.index else { return Launch.none(call, scan, "env runs no command") }
            var inner = Launch.inner(call, from: start, context: context)
            inner.problems = scan.problems + inner.problems
            return inner
        }
        // The split words come first, then the rest of argv.
        let rest = scan.index.map { Array(argv[$0...]) } ?? []
        let start = scan.index ?? argv.count
        let splitCount = split.count
        var inner = CommandRules.assessInner(split + rest, via: "env -S", context: context, depth: call.depth) { word in
            word < splitCount ? nil : word - splitCount + start - 1
        }
        inner.problems = scan.problems + inner.problems
        return inner
    }

    /// env -S: whitespace separates words; `'…'` is literal, `"…"` allows `\"`, `\\`, `\$`;
    /// `\_` is a space, `\t` `\n` … escapes, `${NAME}` is replaced from the environment, `#` at
    /// the start of a word ends the string, `\c` ends it too.
    static func splitString(_ text: String, environment: [String: String]) -> [String] {
        var words: [String] = []
        var word = ""
        var started = false
        var quote: Character? = nil
        var characters = Array(text)[...]
        func finish() {
            if started { words.append(word) }
            word = ""
            started = false
        }
        while let character = characters.popFirst() {
            if quote == "'" {
                if character == "'" { quote = nil } else { word.append(character) }
                continue
            }
            if character == "\\", let next = characters.popFirst() {
                started = true
                switch next {
                case "_": if quote == nil { finish() } else { word.append(" ") }
                case "t": word.append("\t")
                case "n": word.append("\n")
                case "c": finish(); return words
                default: word.append(next)
                }
                continue
            }
            if character == "$", characters.first == "{" {
                characters.removeFirst()
                var name = ""
                while let next = characters.popFirst(), next != "}" { name.append(next) }
                word += environment[name] ?? ""
                started = true
                continue
            }
            if quote == "\"" {
                if character == "\"" { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case " ", "\t", "\n": finish()
            case "'", "\"": quote = character; started = true
            case "#" where !started: return words
            default: word.append(character); started = true
            }
        }
        finish()
        return words
    }
}
