/// A configured environment name ("production", "prod-eu", "qa") and the class it belongs to.
///
/// Names are trimmed of blanks as they are read (`" production"` and `"Production "` are the
/// production environment, not a harmless custom one: issue 10), and classified case-folded by
/// their first word, so `prod-eu`, `production us` and `LIVE` are production for the guard's
/// policy and for the prompt's colours alike.
public struct EnvironmentName: Equatable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// As written, without leading or trailing blanks.
    public let name: String

    public init(_ written: String) {
        name = String(written.trimmingSpaces)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var environmentClass: EnvironmentClass { EnvironmentClass(name: name) }

    public var description: String { name }
}

/// The built-in families of environment names, each with its own look and its own caution.
public enum EnvironmentClass: Equatable, Sendable, CaseIterable {
    case production, staging, development
    /// Any other configured name ("qa", "dr", "lab-7"): gets a stable style of its own.
    case other
    /// Not configured, or the configuration could not be trusted or read.
    case unknown

    /// Classifies by the first word of the trimmed, lower-cased name, where words are split at
    /// anything that is not a letter or digit (`prod-eu`, `production us`, `live_2`).
    public init(name: String) {
        let folded = name.lowercased()
        let firstWord = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).first.map(String.init) ?? ""
        switch firstWord {
        case "production", "prod", "prd", "live": self = .production
        case "staging", "stage", "stg", "preprod", "uat": self = .staging
        case "development", "dev", "devel", "test", "testing", "sandbox", "local": self = .development
        default:
            // "pre-production" splits to "pre": kept as staging, as it always was.
            self = folded.hasPrefix("pre-production") || folded.hasPrefix("pre production") ? .staging : .other
        }
    }
}
