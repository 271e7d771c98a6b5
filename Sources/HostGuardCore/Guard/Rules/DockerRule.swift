/// `docker`/`podman`/`nerdctl` (and `docker compose`, `docker-compose`): removing containers,
/// volumes, images and networks, `system prune`, `compose down -v` destroy; `kill`/`stop`/
/// `restart`/`compose down` stop services. `exec CONTAINER CMD` runs CMD in the container's own
/// mount namespace: its paths are unknown targets with CMD's harm. Whether a volume holds a live
/// database is a fact System gathers (its mounts); the names here are as typed.
/// Options: docker CLI 24 (`docker --help`, Go cobra/pflag: global options before the verb),
/// podman 4.3, docker compose v2.
enum DockerRule {
    static let globalWithArgument: Set<String> = ["-H", "--host", "--context", "-c", "--config", "-l", "--log-level",
                                                  "--tlscacert", "--tlscert", "--tlskey", "--url", "--connection",
                                                  "--root", "--runroot", "--storage-driver", "--cgroup-manager",
                                                  "--namespace", "-n", "--address", "-a", "--module", "--identity"]
    static let composeWithArgument: Set<String> = ["-f", "--file", "-p", "--project-name", "--profile", "--env-file",
                                                   "--project-directory", "--ansi", "--progress", "--parallel", "-t", "--timeout", "--rmi"]

    static let groups: Set<String> = ["compose", "container", "volume", "image", "network", "system", "builder", "buildx", "pod"]

    static let rule = CommandRule(["docker", "podman", "nerdctl", "docker-compose", "podman-compose"], spec: OptionSpec([])) { call in
        let words = call.arguments
        var index = 0
        while index < words.count, words[index].hasPrefix("-") {
            if words[index] == "--help" || words[index] == "--version" || words[index] == "-v" { return call.assessment(nil, "prints help") }
            index += globalWithArgument.contains(words[index]) ? 2 : 1
        }
        var verbs: [String] = []
        if call.command.hasSuffix("-compose") { verbs = ["compose"] }
        var operands: [String] = []
        var flags: [String] = []
        var execAt: Int?
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("-") {
                flags.append(word)
                if composeWithArgument.contains(word) && verbs.first == "compose" { index += 1 }
            } else if verbs.isEmpty || (verbs.count == 1 && groups.contains(verbs[0])) {
                verbs.append(word)
                if verbs == ["exec"] || verbs == ["container", "exec"] || verbs == ["compose", "exec"] { execAt = index + 1; break }
            } else {
                operands.append(word)
            }
            index += 1
        }
        let tool = call.command
        let path = verbs.joined(separator: " ")
        func has(_ options: String...) -> Bool {
            flags.contains { flag in options.contains(flag) || options.contains { flag.hasPrefix($0 + "=") }
                || (flag.hasPrefix("-") && !flag.hasPrefix("--") && options.contains { $0.count == 2 && flag.contains($0.last!) }) }
        }
        func named(_ kind: String, _ harm: Harm, _ summary: String, _ items: [String]) -> CommandAssessment {
            var result = CommandAssessment(command: tool, harm: harm, summary: "\(tool) \(path): \(summary)")
            result.names = (items.isEmpty ? ["(all unused)"] : items).map { NamedOperand(kind: kind, name: $0, harm: harm) }
            return result
        }
        if let execAt {
            // Skip exec's own options (-u USER, -w DIR, -e VAR …), the container, then the command.
            var position = execAt
            let execWithArgument: Set<String> = ["-u", "--user", "-w", "--workdir", "-e", "--env", "--env-file", "--detach-keys"]
            while position < words.count, words[position].hasPrefix("-") {
                position += execWithArgument.contains(words[position]) ? 2 : 1
            }
            let container = position < words.count ? words[position] : "?"
            position += 1
            guard position < words.count else { return CommandAssessment.harmless(tool, "exec with no command") }
            var context = call.context
            context.foreignView = "container \(container)"
            let start = position
            var inner = CommandRules.assessInner(Array(words[position...]), via: "\(tool) exec", context: context, depth: call.depth) { $0 + start }
            if inner.harm != nil { inner.summary += " inside container \(container)" }
            return inner
        }
        switch path {
        case "rm", "container rm", "compose rm", "rmi", "image rm", "container prune", "image prune", "pod rm":
            if path.contains("prune") && !has("-f", "--force") && !has("-a", "--all") {
                return named(path.hasPrefix("image") ? "container image" : "container", .destroy, "removes stopped containers or dangling images", operands)
            }
            var result = named(path.contains("rmi") || path.hasPrefix("image") ? "container image" : "container", .destroy,
                               has("-f", "--force") ? "force-removes (running ones are killed)" : "removes", operands)
            if has("-v", "--volumes") { result.names.append(NamedOperand(kind: "container volume", name: "anonymous volumes of \(operands.joined(separator: " "))", harm: .destroy)) }
            return result
        case "volume rm", "volume prune":
            return named("container volume", .destroy, "removes volumes (their data is lost)", operands)
        case "system prune":
            var result = named("container", .destroy, "removes stopped containers, unused networks and images", [has("-a", "--all") ? "every unused image" : "dangling images"])
            if has("--volumes") { result.names.append(NamedOperand(kind: "container volume", name: "every unused volume", harm: .destroy)) }
            return result
        case "network rm", "network prune", "builder prune", "buildx prune":
            return named("container network", .delete, "removes", operands)
        case "kill", "stop", "restart", "container kill", "container stop", "container restart", "pause", "compose stop",
             "compose kill", "compose restart", "pod stop", "pod kill":
            return named("container", .service, path.hasSuffix("restart") ? "the containers restart" : "the containers stop", operands)
        case "compose down":
            var result = named("container", .service, "the project's containers are removed and stop", ["compose project"])
            if has("-v", "--volumes") { result.names.append(NamedOperand(kind: "container volume", name: "the project's volumes", harm: .destroy)); result.harm = .destroy }
            if has("--rmi") { result.names.append(NamedOperand(kind: "container image", name: "the project's images", harm: .destroy)) }
            return result
        default:
            return CommandAssessment.harmless(tool, "\(tool) \(path) does not remove anything")
        }
    }
}
