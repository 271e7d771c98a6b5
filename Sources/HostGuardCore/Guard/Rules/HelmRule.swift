/// `helm uninstall|delete|del|un RELEASE…` removes a release and its resources; `rollback`
/// changes what runs. `--dry-run` changes nothing. What the cluster holds is not read: the
/// decision comes from the argv and the host's environment. Options: helm 3.13 `helm --help`.
enum HelmRule {
    static let globalWithArgument: Set<String> = ["-n", "--namespace", "--kube-context", "--kubeconfig", "--kube-apiserver",
                                                  "--kube-as-user", "--kube-as-group", "--kube-token", "--registry-config",
                                                  "--repository-cache", "--repository-config", "--burst-limit", "--kube-ca-file",
                                                  "--timeout", "--description", "--cascade", "--kube-tls-server-name"]

    static let rule = CommandRule(["helm"], spec: OptionSpec([])) { call in
        var operands: [String] = []
        var flags: [String] = []
        var index = 0
        let words = call.arguments
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("-") {
                flags.append(word)
                index += globalWithArgument.contains(word) ? 2 : 1
            } else {
                operands.append(word)
                index += 1
            }
        }
        guard let verb = operands.first else { return call.assessment(nil, "no command") }
        if flags.contains(where: { $0 == "--dry-run" || $0.hasPrefix("--dry-run=") && !$0.hasSuffix("=none") }) {
            return call.assessment(nil, "dry run")
        }
        let releases = operands.dropFirst()
        let context = zip(words, words.dropFirst()).first { $0.0 == "--kube-context" }.map { " (context \($0.1))" } ?? ""
        switch verb {
        case "uninstall", "delete", "del", "un":
            var result = CommandAssessment(command: "helm", harm: .destroy, summary: "helm uninstall: removes releases and their resources")
            result.names = releases.map { NamedOperand(kind: "helm release", name: $0 + context, harm: .destroy) }
            return result
        case "rollback":
            var result = CommandAssessment(command: "helm", harm: .overwrite, summary: "helm rollback: replaces what runs")
            result.names = releases.prefix(1).map { NamedOperand(kind: "helm release", name: $0 + context, harm: .overwrite) }
            return result
        default:
            return call.assessment(nil, "helm \(verb)")
        }
    }
}
