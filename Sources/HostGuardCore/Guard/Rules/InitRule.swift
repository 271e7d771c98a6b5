/// `init N` / `telinit N`: runlevel 0 halts, 6 reboots, 1/S/s/emergency/rescue drop to single
/// user (every service stops), 2–5 switch targets (services stop and start); `q`/`u` only
/// reload. systemd maps them to targets (systemd 252 `telinit --help`, runlevel(8)).
enum InitRule {
    static let rule = CommandRule(["init", "telinit"], spec: OptionSpec([
        OptionSpec.Option("help", long: ["help"]), OptionSpec.Option("no-wall", long: ["no-wall"]),
    ])) { call in
        guard let level = call.operand(0)?.0 else { return call.assessment(nil, "no runlevel") }
        if ["q", "Q", "u", "U"].contains(level) { return call.assessment(nil, "reloads init") }
        let summary: String
        switch level {
        case "0": summary = "halts the host (runlevel 0)"
        case "6": summary = "reboots the host (runlevel 6)"
        case "1", "s", "S", "emergency", "rescue": summary = "single-user mode: stops every service"
        default: summary = "switches the host to runlevel \(level)"
        }
        var result = call.assessment(.power, summary)
        result.hostWide = true
        return result
    }
}
