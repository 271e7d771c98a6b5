/// kubectl (Go pflag: `--flag value` or `--flag=value`, flags anywhere): `delete`, `apply|replace
/// --force`, `apply --prune` destroy resources; `drain`, `cordon`, `scale --replicas=0`,
/// `rollout restart` stop or move workloads. kubectl's own `--dry-run` (client, server; not
/// `none`) changes nothing. `exec POD -- CMD` runs CMD in the pod: its paths are unknown targets.
/// The cluster is not read: the decision comes from the argv and the host's environment.
/// Options: kubectl 1.28 (`kubectl options`, `kubectl delete --help` …).
enum KubectlRule {
    static let withArgument: Set<String> = ["-n", "--namespace", "--context", "--cluster", "--kubeconfig", "-f", "--filename",
                                            "-l", "--selector", "-o", "--output", "--user", "-s", "--server", "--field-selector",
                                            "--grace-period", "--cascade", "--timeout", "--token", "--as", "--as-group",
                                            "--request-timeout", "-k", "--kustomize", "-c", "--container", "--replicas",
                                            "--current-replicas", "--resource-version", "--for", "--type", "-p", "--patch",
                                            "--pod-running-timeout", "--field-manager", "--prune-allowlist", "--selector",
                                            "--template", "--chunk-size", "--profile", "--cache-dir", "--certificate-authority",
                                            "--client-certificate", "--client-key", "--tls-server-name", "-v", "--v",
                                            "--log-dir", "--image", "--port", "--overrides", "--raw"]

    static let rule = CommandRule(["kubectl", "oc"], spec: OptionSpec([])) { call in
        var operands: [(String, Int)] = []
        var flags: [String] = []
        var values: [(String, String)] = []
        var index = 0
        let words = call.arguments
        var execCommand: Int?
        while index < words.count {
            let word = words[index]
            if word == "--" {
                if operands.first?.0 == "exec" { execCommand = index + 1 }
                break
            }
            if word.hasPrefix("-") && word.count > 1 {
                flags.append(word)
                if withArgument.contains(word), index + 1 < words.count {
                    values.append((word, words[index + 1]))
                    index += 2
                    continue
                }
                if let equals = word.firstIndex(of: "=") { values.append((String(word[..<equals]), String(word[word.index(after: equals)...]))) }
                index += 1
            } else {
                operands.append((word, index))
                index += 1
            }
        }
        func value(_ names: String...) -> String? { values.last { names.contains($0.0) }?.1 }
        guard let verb = operands.first?.0 else { return call.assessment(nil, "no command") }
        if let dryRun = flags.first(where: { $0 == "--dry-run" || $0.hasPrefix("--dry-run=") }), !dryRun.hasSuffix("=none") {
            return call.assessment(nil, "dry run (\(dryRun))")
        }
        let scope = value("--context").map { " (context \($0))" } ?? ""
        let namespace = value("-n", "--namespace").map { " in namespace \($0)" } ?? ""
        let files = values.filter { $0.0 == "-f" || $0.0 == "--filename" || $0.0 == "-k" || $0.0 == "--kustomize" }.map { "-f \($0.1)" }
        let what = (operands.dropFirst().map(\.0) + files).joined(separator: " ")
        func named(_ harm: Harm, _ summary: String) -> CommandAssessment {
            var result = CommandAssessment(command: call.command, harm: harm, summary: summary)
            result.names = [NamedOperand(kind: "kubernetes", name: (what.isEmpty ? "?" : what) + namespace + scope, harm: harm)]
            return result
        }
        switch verb {
        case "delete":
            return named(.destroy, "deletes cluster resources")
        case "apply", "replace":
            if flags.contains("--force") { return named(.destroy, "\(verb) --force: deletes and re-creates resources") }
            if flags.contains(where: { $0.hasPrefix("--prune") }) { return named(.destroy, "apply --prune: deletes resources not in the files") }
            return call.assessment(nil, "\(verb) without --force")
        case "drain":
            return named(.service, "drain: every pod on the node is evicted, its workloads stop")
        case "cordon":
            return named(.service, "cordon: scheduling on the node will stop")
        case "scale":
            guard value("--replicas") == "0" else { return call.assessment(nil, "scale") }
            return named(.service, "scale --replicas=0: every replica will stop")
        case "rollout":
            guard operands.dropFirst().first?.0 == "restart" || operands.dropFirst().first?.0 == "undo" else { return call.assessment(nil, "rollout status") }
            return named(operands[1].0 == "undo" ? .overwrite : .service, "rollout \(operands[1].0): replaces running pods")
        case "exec":
            guard let start = execCommand, start < words.count else { return call.assessment(nil, "exec with no command") }
            var context = call.context
            let pod = operands.dropFirst().first?.0 ?? "?"
            context.foreignView = "pod \(pod)"
            var inner = CommandRules.assessInner(Array(words[start...]), via: "\(call.command) exec", context: context, depth: call.depth) { $0 + start }
            if inner.harm != nil { inner.summary += " inside pod \(pod)" }
            return inner
        default:
            return call.assessment(nil, "\(verb) does not delete")
        }
    }
}
