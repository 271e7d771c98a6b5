/// `ln [opts] TARGET LINK`, `ln TARGET… DIR`, `ln -t DIR TARGET…`. With `-f` an existing LINK
/// name is replaced (`.relink`: what it named is no longer reachable through it — a re-pointed
/// `pg_wal` loses the WAL); a hard link (no `-s`) gives TARGET a second name (`.link`).
/// Options: ln(1), coreutils 9.1.
enum LnRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["ln"], spec: OptionSpec([
        O("backup", long: ["backup"], argument: .optional), O("b", short: "b"),
        O("directory", short: "dF", long: ["directory"]), O("force", short: "f", long: ["force"]),
        O("interactive", short: "i", long: ["interactive"]), O("logical", short: "L", long: ["logical"]),
        O("no-dereference", short: "n", long: ["no-dereference"]), O("physical", short: "P", long: ["physical"]),
        O("relative", short: "r", long: ["relative"]), O("symbolic", short: "s", long: ["symbolic"]),
        O("suffix", short: "S", long: ["suffix"], argument: .required),
        O("target-directory", short: "t", long: ["target-directory"], argument: .required),
        O("no-target-directory", short: "T", long: ["no-target-directory"]),
        O("verbose", short: "v", long: ["verbose"]),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("ln", "prints help") }
        var words = call.operandWords
        let symbolic = call.parsed.has("symbolic")
        let replaces = call.parsed.has("force") && !call.parsed.has("b") && !call.parsed.has("backup")
        var destination: (String, ArgumentRef)?
        if let option = call.parsed.options.last(where: { $0.name == "target-directory" }), let value = option.value {
            destination = (value, option.at ?? ArgumentRef(word: 0))
        } else if words.count >= 2 {
            destination = words.popLast()
        }
        var result = call.assessment(replaces ? .relink : (symbolic ? nil : .link),
                                     replaces ? "replace an existing name with a link" : "hard link (a second name for the same file)")
        if !symbolic {
            // ln follows a symlink TARGET only with -L.
            result.paths += words.map { PathOperand($0.0, at: $0.1, harm: .link, followsFinalSymlink: call.parsed.has("logical")) }
        }
        if replaces, let destination {
            // `ln -sfn NEW LINK` replaces LINK itself; without -n a LINK that points to a directory
            // gets the new link inside it.
            result.paths.append(PathOperand(destination.0, at: destination.1, harm: .relink,
                                            followsFinalSymlink: !call.parsed.has("no-dereference"), onlyIfExists: true))
        }
        if result.paths.isEmpty { return call.assessment(nil, "creates a new symbolic link") }
        return result
    }
}
