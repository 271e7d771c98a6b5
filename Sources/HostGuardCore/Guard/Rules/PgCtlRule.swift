/// Options: pg_ctl(1), PostgreSQL 15.
enum PgCtlRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["pg_ctl"], spec: OptionSpec([
        O("pgdata", short: "D", long: ["pgdata"], argument: .required), O("mode", short: "m", long: ["mode"], argument: .required),
        O("timeout", short: "t", long: ["timeout"], argument: .required), O("options", short: "o", long: ["options"], argument: .required),
        O("log", short: "l", long: ["log"], argument: .required), O("p", short: "p", argument: .required),
        O("silent", short: "s", long: ["silent"]), O("wait", short: "w", long: ["wait"]),
        O("no-wait", short: "W", long: ["no-wait"]), O("core-files", short: "c", long: ["core-files"]),
        O("N", short: "N", argument: .required), O("U", short: "U", argument: .required),
        O("P", short: "P", argument: .required), O("S", short: "S", argument: .required), O("e", short: "e", argument: .required),
        O("version", short: "V", long: ["version"]), O("help", short: "?", long: ["help"]),
    ])) { call in
        guard let verb = call.operand(0)?.0, ["stop", "restart", "promote", "kill", "unregister"].contains(verb) else {
            return call.assessment(nil, "does not stop or promote")
        }
        var result = call.assessment(.service, "pg_ctl \(verb)")
        if let option = call.parsed.options.last(where: { $0.name == "pgdata" }), let value = option.value {
            result.paths = [PathOperand(value, at: option.at, harm: .service, followsFinalSymlink: true)]
        } else if let pgdata = call.environment["PGDATA"] {
            result.paths = [PathOperand(pgdata, at: nil, harm: .service, followsFinalSymlink: true)]
        } else {
            result.names = [NamedOperand(kind: "server", name: "PostgreSQL (no -D, no PGDATA)", harm: .service)]
        }
        return result
    }
}
