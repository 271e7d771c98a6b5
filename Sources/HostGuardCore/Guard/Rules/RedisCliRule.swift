/// `redis-cli [opts] [COMMAND ARG…]`: FLUSHALL, FLUSHDB, SCRIPT/FUNCTION FLUSH lose data; SHUTDOWN
/// and DEBUG stop the server; CONFIG SET dir/dbfilename point persistence elsewhere (an old
/// exploit, and a lost dump on restart); REPLICAOF/SLAVEOF and CLUSTER FAILOVER/RESET change the
/// server's role; DEL/UNLINK delete keys. With no command and stdin not a terminal, or with
/// `--pipe`, it runs commands the guard cannot see. Options: redis-cli 7.0 `--help`.
enum RedisCliRule {
    static let withArgument: Set<String> = ["-h", "-p", "-s", "-a", "-u", "-r", "-i", "-n", "-d", "-D", "--user", "--pass",
                                            "--askpass", "--eval", "--rdb", "--functions-rdb", "--pattern", "--count",
                                            "--quoted-pattern", "--memkeys-samples", "--cacert", "--cacertdir", "--cert",
                                            "--key", "--tls-ciphers", "--tls-ciphersuites", "--sni", "--pipe-timeout",
                                            "--intrinsic-latency", "--lru-test", "-t", "--show-pushes", "-3", "--replica"]
    static let destroys: Set<String> = ["FLUSHALL", "FLUSHDB"]
    static let stops: Set<String> = ["SHUTDOWN", "DEBUG", "REPLICAOF", "SLAVEOF", "FAILOVER"]

    static let rule = CommandRule(["redis-cli"], spec: OptionSpec([])) { call in
        var index = 0
        let words = call.arguments
        var pipe = false
        var host = "localhost"
        while index < words.count, words[index].hasPrefix("-") {
            let word = words[index]
            if word == "--pipe" { pipe = true }
            if word == "-h", index + 1 < words.count { host = words[index + 1] }
            if word == "--help" || word == "-v" || word == "--version" { return call.assessment(nil, "prints help") }
            if ["--scan", "--bigkeys", "--memkeys", "--hotkeys", "--stat", "--latency", "--latency-history", "--latency-dist", "--rdb"].contains(word) {
                return call.assessment(nil, "reads only")
            }
            index += withArgument.contains(word) ? 2 : 1
        }
        let command = index < words.count ? Array(words[index...]) : []
        let place = "redis on \(host)"
        var names: [NamedOperand] = []
        var harm: Harm = .destroy
        if let verb = command.first?.uppercased() {
            let second = command.dropFirst().first?.uppercased() ?? ""
            if destroys.contains(verb) || ((verb == "SCRIPT" || verb == "FUNCTION") && second == "FLUSH") {
                names.append(NamedOperand(kind: "redis", name: "\(verb) \(second == "FLUSH" ? "FLUSH " : "")on \(place)", harm: .destroy))
            } else if stops.contains(verb) || (verb == "CLUSTER" && ["FAILOVER", "RESET"].contains(second)) {
                names.append(NamedOperand(kind: "redis", name: "\(verb) \(verb == "CLUSTER" ? second : "")on \(place)", harm: .service))
                harm = .service
            } else if verb == "CONFIG" && second == "SET", let key = command.dropFirst(2).first?.lowercased(), ["dir", "dbfilename", "appendfilename"].contains(key) {
                names.append(NamedOperand(kind: "redis", name: "CONFIG SET \(key) on \(place)", harm: .destroy))
            } else if ["DEL", "UNLINK"].contains(verb) {
                names.append(NamedOperand(kind: "redis", name: "\(verb) \(command.dropFirst().joined(separator: " ")) on \(place)", harm: .delete))
                harm = .delete
            }
        } else if pipe || !call.stdinIsTerminal {
            names.append(NamedOperand(kind: "redis", name: "commands read from standard input on \(place)", harm: .destroy))
        }
        guard !names.isEmpty else { return call.assessment(nil, "reads or adds only") }
        var result = CommandAssessment(command: "redis-cli", harm: harm, summary: "redis-cli \(command.first ?? "(stdin)")")
        result.names = names
        return result
    }
}
