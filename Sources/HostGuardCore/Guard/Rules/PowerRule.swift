/// Options: shutdown(8)/reboot(8)/halt(8), systemd 252.
enum PowerRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["reboot", "shutdown", "poweroff", "halt"], spec: OptionSpec([
        O("halt", short: "H", long: ["halt"]), O("poweroff", short: "P", long: ["poweroff"]),
        O("reboot", short: "r", long: ["reboot"]), O("h", short: "h"), O("k", short: "k"),
        O("no-wall", long: ["no-wall"]), O("cancel", short: "c"), O("show", long: ["show"]),
        O("force", short: "f", long: ["force"]), O("wtmp-only", short: "w", long: ["wtmp-only"]),
        O("no-wtmp", short: "d", long: ["no-wtmp"]), O("no-sync", short: "n", long: ["no-sync"]),
        O("p", short: "p"), O("i", short: "i"), O("t", short: "t", argument: .required),
    ] + OptionSpec.helpVersion)) { call in
        if call.parsed.has("help") || call.parsed.has("version") || call.parsed.has("cancel")
            || call.parsed.has("k") || call.parsed.has("show") || call.parsed.has("wtmp-only") {
            return call.assessment(nil, "does not stop the host")
        }
        var result = call.assessment(.power, call.command == "reboot" ? "reboots the host" : "stops the host")
        result.hostWide = true
        return result
    }
}
