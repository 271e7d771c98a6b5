/// `sed -i[SUFFIX] SCRIPT FILE…` rewrites each FILE in place; without `-i` sed only prints.
/// The script is the first operand unless `-e`/`-f` gave it. Options: sed(1), GNU sed 4.9.
enum SedRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["sed"], spec: OptionSpec([
        O("quiet", short: "n", long: ["quiet", "silent"]), O("debug", long: ["debug"]),
        O("expression", short: "e", long: ["expression"], argument: .required),
        O("file", short: "f", long: ["file"], argument: .required), O("follow-symlinks", long: ["follow-symlinks"]),
        O("in-place", short: "i", long: ["in-place"], argument: .optional),
        O("line-length", short: "l", long: ["line-length"], argument: .required), O("posix", long: ["posix"]),
        O("regexp-extended", short: "Er", long: ["regexp-extended"]), O("separate", short: "s", long: ["separate"]),
        O("sandbox", long: ["sandbox"]), O("unbuffered", short: "u", long: ["unbuffered"]),
        O("null-data", short: "z", long: ["null-data"]), O("binary", short: "b", long: ["binary"]),
    ] + OptionSpec.helpVersion)) { call in
        guard call.parsed.has("in-place") else { return call.assessment(nil, "prints the result") }
        let scriptGiven = call.parsed.has("expression") || call.parsed.has("file")
        let files = Array(call.operandWords.dropFirst(scriptGiven ? 0 : 1))
        guard !files.isEmpty else { return call.assessment(nil, "no file to edit") }
        var result = call.assessment(.overwrite, "edit in place (sed -i)")
        result.paths = call.paths(files, harm: .overwrite, follows: call.parsed.has("follow-symlinks"), onlyIfExists: true)
        return result
    }
}
