/// Options: systemctl(1), systemd 252.
enum SystemctlRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["systemctl"], spec: OptionSpec(
        ["type", "property", "signal", "host", "machine", "lines", "output", "state", "job-mode", "root",
         "image", "kill-whom", "kill-value", "what", "timestamp", "boot-loader-menu", "boot-loader-entry",
         "check-inhibitors", "message", "reboot-argument", "preset-mode", "marked", "drop-in", "when",
         "legend", "kill-who"].map { O($0, long: [$0], argument: .required) }
        + [O("type", short: "t", argument: .required), O("property", short: "p", argument: .required),
           O("P", short: "P", argument: .required), O("signal", short: "s", argument: .required),
           O("host", short: "H", argument: .required), O("machine", short: "M", argument: .required),
           O("lines", short: "n", argument: .required), O("output", short: "o", argument: .required)]
        + ["all", "recursive", "reverse", "after", "before", "full", "value", "show-types", "ignore-inhibitors",
           "dry-run", "quiet", "no-block", "wait", "user", "system", "global", "no-wall", "no-reload",
           "no-ask-password", "force", "now", "runtime", "no-pager", "no-legend", "plain", "firmware-setup",
           "failed", "show-transaction", "with-dependencies", "read-only", "mkdir", "no-warn"].map { O($0, long: [$0]) }
        + [O("all", short: "a"), O("recursive", short: "r"), O("full", short: "l"), O("ignore-inhibitors", short: "i"),
           O("quiet", short: "q"), O("force", short: "f"), O("show-transaction", short: "T"),
           O("help", short: "h", long: ["help"]), O("version", long: ["version"])]
    )) { call in
        guard let verb = call.operand(0)?.0 else { return call.assessment(nil, "lists units") }
        let units = call.operandWords.dropFirst().map(\.0)
        let powerVerbs = ["poweroff", "reboot", "halt", "kexec", "soft-reboot", "emergency", "rescue",
                          "default", "suspend", "hibernate", "hybrid-sleep", "suspend-then-hibernate"]
        if powerVerbs.contains(verb) || verb == "isolate" {
            var result = call.assessment(.power, verb == "isolate" ? "switches the whole host to \(units.first ?? "a target")" : "systemctl \(verb) of the host")
            result.hostWide = true
            return result
        }
        let stopping = ["stop", "restart", "try-restart", "reload-or-restart", "try-reload-or-restart",
                        "condrestart", "force-reload", "kill", "clean", "freeze"]
        let stopsWithNow = ["disable", "mask"]
        guard stopping.contains(verb) || (stopsWithNow.contains(verb) && call.parsed.has("now")) || verb == "mask" else {
            return call.assessment(nil, "systemctl \(verb) does not stop anything")
        }
        var result = call.assessment(.service, "systemctl \(verb)")
        result.names = units.map { NamedOperand(kind: "unit", name: $0, harm: .service) }
        return result
    }
}
