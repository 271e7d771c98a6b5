/// `losetup -d LOOPDEV…` / `-D`: detaches loop devices (from under a mounted file system if one
/// is); setting one up or listing is harmless. Options: losetup(8), util-linux 2.38.1.
enum LosetupRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["losetup"], spec: OptionSpec([
        O("all", short: "a", long: ["all"]), O("detach", short: "d", long: ["detach"]),
        O("detach-all", short: "D", long: ["detach-all"]), O("find", short: "f", long: ["find"]),
        O("set-capacity", short: "c", long: ["set-capacity"], argument: .required),
        O("associated", short: "j", long: ["associated"], argument: .required),
        O("nooverlap", short: "L", long: ["nooverlap"]), O("offset", short: "o", long: ["offset"], argument: .required),
        O("sizelimit", long: ["sizelimit"], argument: .required), O("sector-size", short: "b", long: ["sector-size"], argument: .required),
        O("partscan", short: "P", long: ["partscan"]), O("read-only", short: "r", long: ["read-only"]),
        O("direct-io", long: ["direct-io"], argument: .optional), O("loop-ref", long: ["loop-ref"], argument: .required),
        O("show", long: ["show"]), O("verbose", short: "v", long: ["verbose"]), O("json", short: "J", long: ["json"]),
        O("list", short: "l", long: ["list"]), O("noheadings", short: "n", long: ["noheadings"]),
        O("output", short: "O", long: ["output"], argument: .required), O("output-all", long: ["output-all"]),
        O("raw", long: ["raw"]), O("help", short: "h", long: ["help"]), O("version", short: "V", long: ["version"]),
    ])) { call in
        if call.parsed.has("detach-all") {
            var result = call.assessment(.unmount, "detaches every loop device")
            result.unknownTargets = [UnknownTarget("every loop device (losetup -D)", harm: .unmount, recursive: true)]
            return result
        }
        guard call.parsed.has("detach") else { return call.assessment(nil, "sets up or lists loop devices") }
        var result = call.assessment(.unmount, "detaches a loop device")
        result.paths = call.paths(call.operandWords, harm: .unmount, recursive: true, follows: true)
        return result
    }
}
