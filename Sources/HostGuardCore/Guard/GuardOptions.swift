/// `guard [--dry-run] [--json] [--confirm HOSTNAME] [--force-live] [--quarantine] [--] CMD ARGS…`.
/// Read from raw argv bytes: the guard's own options are ASCII, and everything from the command
/// on is kept byte for byte for exec.
public struct GuardOptions: Sendable, Equatable {
    public var dryRun = false
    public var json = false
    public var confirm: String?
    public var forceLive = false
    /// Quarantine instead of deleting, without asking which (with --confirm, for scripts).
    public var quarantine = false
    public var help = false
    /// The command and its arguments, exactly as given.
    public var command: [[UInt8]] = []

    public init() {}

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missingValue(String)
        case unknownOption(String)
        case noCommand

        public var description: String {
            switch self {
            case .missingValue(let option): return "option \(option) needs a value (the short host name)"
            case .unknownOption(let option): return "unknown option \(option) (use -- before a command that starts with a dash)"
            case .noCommand: return "no command given: guard [--dry-run] [--json] [--confirm HOSTNAME] CMD ARGS…"
            }
        }
    }

    /// Options end at the first word not starting with `-` (the command) or at `--`.
    public static func parse(_ words: [[UInt8]]) -> Result<GuardOptions, Failure> {
        var options = GuardOptions()
        var index = 0
        while index < words.count {
            let word = String(decoding: words[index], as: UTF8.self)
            if word == "--" {
                index += 1
                break
            }
            guard word.hasPrefix("-"), word != "-" else { break }
            switch word {
            case "--dry-run", "-n": options.dryRun = true
            case "--json": options.json = true
            case "--force-live": options.forceLive = true
            case "--quarantine": options.quarantine = true
            case "--help", "-h": options.help = true
            case "--confirm":
                guard index + 1 < words.count else { return .failure(.missingValue(word)) }
                index += 1
                options.confirm = String(decoding: words[index], as: UTF8.self)
            default:
                if word.hasPrefix("--confirm=") {
                    options.confirm = String(word.dropFirst("--confirm=".count))
                } else {
                    return .failure(.unknownOption(TerminalText.visible(word)))
                }
            }
            index += 1
        }
        options.command = Array(words[index...])
        if options.command.isEmpty && !options.help { return .failure(.noCommand) }
        return .success(options)
    }
}

/// What became of the question.
public enum GuardAnswer: String, Sendable, Equatable {
    case run
    case quarantine
    /// "n", empty, anything but yes; or a wrong host name.
    case declined
    /// Ctrl-C, Ctrl-D on an empty line, end of input, a signal.
    case interrupted

    /// Reads what was typed for a question at `level`. The host name must match exactly (case
    /// and all, after trimming surrounding blanks): a near miss is a sign of the wrong host.
    public static func evaluate(_ line: String?, interrupted: Bool, level: GuardLevel, hostName: String,
                                quarantineOffered: Bool) -> GuardAnswer {
        if interrupted { return .interrupted }
        guard let line else { return .interrupted }
        let typed = trimmed(line)
        if quarantineOffered && (typed == "q" || typed == "quarantine") { return .quarantine }
        switch level {
        case .run: return .run
        case .confirm: return ["y", "yes", "Y", "YES", "Yes"].contains(typed) ? .run : .declined
        case .typeHostname: return typed == hostName && !hostName.isEmpty ? .run : .declined
        case .refuse: return .declined
        }
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
