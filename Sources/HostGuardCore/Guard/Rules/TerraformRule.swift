/// terraform / OpenTofu (Go `flag`: single-dash flags, `-chdir=DIR` before the verb): `destroy`,
/// `apply -destroy`, `apply -auto-approve` (no plan shown, no question), `state rm|push`,
/// `workspace delete`, `force-unlock` change or drop managed infrastructure or its state. A plain
/// `apply` shows the plan and asks itself. What the state holds is not read.
/// Options: terraform 1.6 / tofu 1.6 (`terraform -help`, `terraform apply -help`).
enum TerraformRule {
    static let rule = CommandRule(["terraform", "tofu"], spec: OptionSpec([], stopAtFirstOperand: false)) { call in
        let words = call.arguments
        guard let verbIndex = words.firstIndex(where: { !$0.hasPrefix("-") }) else { return call.assessment(nil, "no command") }
        let verb = words[verbIndex]
        let rest = words[(verbIndex + 1)...]
        let flags = rest.filter { $0.hasPrefix("-") }.map { $0.hasPrefix("--") ? String($0.dropFirst()) : $0 }
        let operands = rest.filter { !$0.hasPrefix("-") }
        let directory = words[..<verbIndex].first { $0.hasPrefix("-chdir=") }.map { String($0.dropFirst(7)) } ?? "."
        func named(_ harm: Harm, _ summary: String, _ name: String = "") -> CommandAssessment {
            var result = CommandAssessment(command: call.command, harm: harm, summary: summary)
            result.names = [NamedOperand(kind: "terraform state", name: directory + name, harm: harm)]
            return result
        }
        if flags.contains("-help") || flags.contains("-h") { return call.assessment(nil, "prints help") }
        switch verb {
        case "destroy":
            return named(.destroy, "destroys managed infrastructure")
        case "apply":
            if flags.contains("-destroy") { return named(.destroy, "destroys managed infrastructure") }
            if flags.contains(where: { $0 == "-auto-approve" || $0 == "-auto-approve=true" }) {
                return named(.destroy, "applies changes without showing the plan or asking")
            }
            return call.assessment(nil, "apply shows the plan and asks")
        case "state":
            guard let sub = operands.first, ["rm", "push", "replace-provider", "mv"].contains(sub) else { return call.assessment(nil, "state list/show") }
            return named(.destroy, "state \(sub): changes what terraform manages", ": " + operands.dropFirst().joined(separator: " "))
        case "workspace":
            guard operands.first == "delete" else { return call.assessment(nil, "workspace") }
            return named(.destroy, "deletes a workspace (and its state)", ": workspace " + operands.dropFirst().joined(separator: " "))
        case "force-unlock":
            return named(.delete, "removes the state lock (another run may be writing)")
        default:
            return .harmless(call.command, "\(call.command) \(verb) does not destroy")
        }
    }
}
