/// kubectl (Go pflag): find the verb among the words; flags may take `--flag value`.
/// Options: kubectl 1.28 (`kubectl options`, Go pflag).
enum KubectlRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["kubectl"], spec: OptionSpec(
        ["namespace", "context", "cluster", "kubeconfig", "filename", "selector", "output", "user", "server",
         "field-selector", "grace-period", "cascade", "timeout", "token", "as", "as-group", "request-timeout",
         "kustomize"].map { O($0, long: [$0], argument: .required) }
        + [O("namespace", short: "n", argument: .required), O("filename", short: "f", argument: .required),
           O("selector", short: "l", argument: .required), O("output", short: "o", argument: .required),
           O("kustomize", short: "k", argument: .required), O("all", long: ["all", "all-namespaces", "force", "now", "wait", "recursive", "ignore-not-found", "dry-run"]),
           O("A", short: "A"), O("R", short: "R")]
    )) { call in
        guard call.operand(0)?.0 == "delete" else { return call.assessment(nil, "does not delete") }
        var result = call.assessment(.destroy, "deletes cluster resources")
        result.problems = []
        let what = call.operandWords.dropFirst().map(\.0) + call.parsed.values("filename").map { "-f \($0)" }
        let scope = call.parsed.last("context").map { " (context \($0))" } ?? ""
        result.names = [NamedOperand(kind: "kubernetes", name: (what.isEmpty ? "?" : what.joined(separator: " ")) + scope, harm: .destroy)]
        return result
    }
}
