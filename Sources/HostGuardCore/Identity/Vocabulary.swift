/// The words an operator reads for each environment class, role and guard decision, defined
/// once: the prompt, the title, the guard's banner, `status`, the JSON and the man pages all
/// say the same thing for the same state (issue 16: three spellings of "unknown environment"
/// had grown in three places). `VocabularyTests` checks that README.md and the man pages use
/// these labels and none of the old spellings.
///
/// Two forms where both are needed: a *label* for people ("PRIMARY", "UNKNOWN ENV") and a
/// *value* for machines ("primary", "type-hostname" in JSON, audit lines and the state file).
public enum Vocabulary {
    /// Every fixed label, for the test that the README and the man pages use them.
    public static var fixedLabels: [String] {
        [unknownEnvironment, primary, standby, unknownRole] + GuardLevel.allCases.map { label($0) }
    }

    /// The value machines get for something not known (`status --field`, the guard's JSON
    /// role, the fleet metrics' environment), where JSON `null` is not available.
    public static let unknownValue = "unknown"

    // MARK: environment

    /// An environment nobody configured, or whose configuration could not be trusted or read.
    public static let unknownEnvironment = "UNKNOWN ENV"
    /// What the guard assumes about an unknown environment, said beside the label where there
    /// is room (`status`, the banner, reasons).
    public static let unknownEnvironmentMeaning = "treated as production"

    /// The environment as the prompt, the title and the banner show it: the configured name in
    /// capitals, made inert for a terminal ("PRODUCTION", "PROD-EU", "QA"), or `UNKNOWN ENV`.
    public static func environmentLabel(_ environment: EnvironmentName?) -> String {
        guard let environment else { return unknownEnvironment }
        return TerminalText.inert(environment.name).uppercased()
    }

    /// The class's name, for `status --explain` and JSON (`environment_class`).
    public static func value(_ environmentClass: EnvironmentClass) -> String {
        switch environmentClass {
        case .production: return "production"
        case .staging: return "staging"
        case .development: return "development"
        case .other: return "other"
        case .unknown: return unknownValue
        }
    }

    // MARK: role

    public static let primary = "PRIMARY"
    public static let standby = "standby"
    /// A role that was expected (a probe or label is configured) but could not be established.
    public static let unknownRole = "ROLE?"
    public static let unknownRoleMeaning = "treated as primary"

    /// PRIMARY in capitals (it is the one that matters), standby calm, any other role as
    /// written (made inert).
    public static func label(_ kind: Role.Kind) -> String {
        switch kind {
        case .primary: return primary
        case .standby: return standby
        case .other(let name): return TerminalText.inert(name)
        }
    }

    /// The role's value in JSON and the state file: "primary", "standby", or the name as written.
    public static func value(_ kind: Role.Kind) -> String {
        switch kind {
        case .primary: return "primary"
        case .standby: return "standby"
        case .other(let name): return name
        }
    }

    /// "PRIMARY (running)", "standby (stopped)", "PRIMARY" (a static label: running unknown).
    public static func label(_ role: Role) -> String {
        var text = label(role.kind)
        if let running = role.running { text += running ? " (running)" : " (stopped)" }
        return text
    }

    /// A service's name in full (the banner, `status`) and short (the prompt, where every
    /// column counts).
    public static func serviceLabel(_ service: String, short: Bool = false) -> String {
        switch service {
        case "postgresql": return short ? "pg" : "PostgreSQL"
        default: return TerminalText.inert(service)
        }
    }

    // MARK: guard decision

    /// The decision's value in JSON and audit lines.
    public static func value(_ level: GuardLevel) -> String {
        switch level {
        case .run: return "run"
        case .confirm: return "confirm"
        case .typeHostname: return "type-hostname"
        case .refuse: return "refuse"
        }
    }

    /// The decision as the banner headline names it.
    public static func label(_ level: GuardLevel) -> String {
        switch level {
        case .run: return "RUN"
        case .confirm: return "CONFIRM"
        case .typeHostname: return "TYPE THE HOST NAME"
        case .refuse: return "REFUSED"
        }
    }
}
