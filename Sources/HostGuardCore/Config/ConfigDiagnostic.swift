/// A problem found in a config file, written so the operator can go straight to the line:
/// `/etc/hostguard/hostguard.toml: host.environment: expected a string, found an integer`.
public struct ConfigDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public var severity: Severity
    public var file: String
    /// Dotted key path (`inventory[2].hosts`), or nil for whole-file problems (syntax, trust).
    public var key: String?
    public var message: String

    public init(_ severity: Severity, file: String, key: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "\(file): \(key): \(message)" }
        return "\(file): \(message)"
    }

    /// One line for stderr: `description` with control characters (a newline in a config
    /// string, an escape sequence) shown as `\xNN`, and nothing else changed, so what the
    /// TOML parser quoted already escaped (`saw '\n'`) reads once-escaped.
    public var line: String {
        var out = ""
        for scalar in description.unicodeScalars {
            if TerminalText.isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                out += scalar.value <= 0xFF ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
