/// `swapoff -a` / `swapoff DEV|FILE`: pages come back into memory; on a loaded database host
/// that can wake the OOM killer. Options: swapoff(8), util-linux 2.38.1.
enum SwapoffRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["swapoff"], spec: OptionSpec([
        O("all", short: "a", long: ["all"]), O("verbose", short: "v", long: ["verbose"]),
        O("help", short: "h", long: ["help"]), O("version", short: "V", long: ["version"]),
        O("label", short: "L", argument: .required), O("uuid", short: "U", argument: .required),
    ])) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("swapoff", "prints help") }
        var result = call.assessment(.unmount, "turns swap off")
        let what = call.parsed.has("all") ? "all swap" : (call.operandWords.map(\.0) + call.parsed.values("label") + call.parsed.values("uuid")).joined(separator: " ")
        result.names = [NamedOperand(kind: "swap", name: what, harm: .unmount)]
        result.hostWide = call.parsed.has("all")
        return result
    }
}
