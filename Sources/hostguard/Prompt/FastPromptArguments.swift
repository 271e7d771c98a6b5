import HostGuardCore

/// `hostguard prompt` options parsed by hand, so the hot path never touches ArgumentParser.
/// Anything it does not recognise returns nil and the full parser takes over (and gives the
/// proper usage error), so the two can never disagree silently.
struct FastPromptArguments: Equatable {
    var dialect: ShellDialect = .plain
    var color: PromptSettings.Toggle?

    init?(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            var value: String?
            var name = argument
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else if argument == "--shell" || argument == "--color" {
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
            default:
                return nil
            }
            index += 1
        }
    }

    init(dialect: ShellDialect, color: PromptSettings.Toggle?) {
        self.dialect = dialect
        self.color = color
    }
}
