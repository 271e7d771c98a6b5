/// Options: wipefs(8), util-linux 2.38.1.
enum WipefsRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["wipefs"], spec: OptionSpec([
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
}
