import HostGuardCore

/// `hostguard prompt` options parsed by hand, so the hot path never touches ArgumentParser.
/// Anything it does not recognise returns nil and the full parser takes over (and gives the
/// proper usage error), so the two can never disagree silently.
struct FastPromptArguments: Equatable {
    var dialect: ShellDialect = .plain
    var color: PromptSettings.Toggle?
    /// `--integration ID`: called by the shell integration (ID: the shell's pid); prints the
    /// refresh plan after the segment and keeps the shell's stamp file.
    var integration: String?

    init?(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var value: String?
            var name = argument
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else if argument == "--shell" || argument == "--color" || argument == "--integration" {
                index += 1
                guard index < arguments.count else { return nil }
                value = arguments[index]
            }
            switch name {
            case "--shell":
                guard let value, let dialect = ShellDialect(rawValue: value) else { return nil }
                self.dialect = dialect
            case "--color":
                guard let value, let toggle = PromptSettings.Toggle(rawValue: value) else { return nil }
                self.color = toggle
            case "--integration":
                guard let value, Self.isSessionID(value) else { return nil }
                self.integration = value
            default:
                return nil
            }
            index += 1
        }
    }

    init(dialect: ShellDialect, color: PromptSettings.Toggle?, integration: String? = nil) {
        self.dialect = dialect
        self.color = color
        self.integration = integration
    }

    /// Digits only, at most 10: it becomes part of a file name.
    static func isSessionID(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 10 && value.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
