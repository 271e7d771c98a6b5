/// terraform uses Go's flag package: single-dash flags, `-chdir=DIR` before the verb.
/// Options: terraform 1.6 / OpenTofu 1.6 (`terraform -help`).
enum TerraformRule {
    typealias O = OptionSpec.Option

    static let rule = CommandRule(["terraform", "tofu"], spec: OptionSpec([], stopAtFirstOperand: false)) { call in
        let words = call.arguments
        guard let verbIndex = words.firstIndex(where: { !$0.hasPrefix("-") }) else { return call.assessment(nil, "no command") }
        let verb = words[verbIndex]
        let destroys = verb == "destroy" || (verb == "apply" && words[verbIndex...].contains { $0 == "-destroy" || $0 == "--destroy" })
        guard destroys else { return .harmless(call.command, "terraform \(verb) does not destroy") }
        var result = CommandAssessment(command: call.command, harm: .destroy, summary: "destroys managed infrastructure")
        let directory = words[..<verbIndex].first { $0.hasPrefix("-chdir=") }.map { String($0.dropFirst(7)) } ?? "."
        result.names = [NamedOperand(kind: "terraform state", name: directory, harm: .destroy)]
        return result
    }
}
