/// Options: dropdb(1), PostgreSQL 15.
enum DropdbRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["dropdb"], spec: OptionSpec([
        O("host", short: "h", long: ["host"], argument: .required), O("port", short: "p", long: ["port"], argument: .required),
        O("username", short: "U", long: ["username"], argument: .required),
        O("maintenance-db", long: ["maintenance-db"], argument: .required),
        O("echo", short: "e", long: ["echo"]), O("force", short: "f", long: ["force"]),
        O("interactive", short: "i", long: ["interactive"]), O("if-exists", long: ["if-exists"]),
        O("no-password", short: "w", long: ["no-password"]), O("password", short: "W", long: ["password"]),
        O("version", short: "V", long: ["version"]), O("help", short: "?", long: ["help"]),
    ])) { call in
        if call.parsed.has("help") || call.parsed.has("version") { return .harmless("dropdb", "prints help") }
        var result = call.assessment(.destroy, "drops a database")
        let server = call.parsed.last("host").map { " on \($0)" } ?? ""
        result.names = call.operandWords.prefix(1).map { NamedOperand(kind: "database", name: $0.0 + server, harm: .destroy) }
        return result
    }
}
