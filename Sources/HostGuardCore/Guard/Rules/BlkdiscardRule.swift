/// `blkdiscard [opts] DEVICE`: discards (TRIMs) every sector: the data is gone.
/// Options: blkdiscard(8), util-linux 2.38.1.
enum BlkdiscardRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["blkdiscard"], spec: OptionSpec([
        O("offset", short: "o", long: ["offset"], argument: .required), O("length", short: "l", long: ["length"], argument: .required),
        O("step", short: "p", long: ["step"], argument: .required), O("force", short: "f", long: ["force"]),
        O("quiet", short: "q", long: ["quiet"]), O("secure", short: "s", long: ["secure"]),
        O("zeroout", short: "z", long: ["zeroout"]), O("verbose", short: "v", long: ["verbose"]),
        O("help", short: "h", long: ["help"]), O("version", short: "V", long: ["version"]),
    ])) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("blkdiscard", "prints help") }
        var result = call.assessment(.wipe, "discards every block of the device")
        result.paths = call.paths(call.operandWords, harm: .wipe, recursive: true, follows: true)
        return result
    }
}
