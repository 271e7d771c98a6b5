/// `[host]`: what this host says about itself. Wins over the fleet inventory, because a file
/// dropped on one host by config management is more specific than a glob over the fleet.
public struct HostSection: Equatable, Sendable {
    public var environment: Sourced<String>?
    /// Static role label: the fallback when no live probe answers.
    public var role: Sourced<String>?
    public var cluster: Sourced<String>?

    public init(environment: Sourced<String>? = nil, role: Sourced<String>? = nil, cluster: Sourced<String>? = nil) {
        self.environment = environment
        self.role = role
        self.cluster = cluster
    }

    static func decode(_ reader: inout TableReader) -> HostSection {
        var section = HostSection()
        func sourced(_ key: String, _ reader: inout TableReader) -> Sourced<String>? {
            guard let text = reader.string(key) else { return nil }
            if text.trimmingSpaces.isEmpty {
                reader.error(key, "must not be empty")
                return nil
            }
            return Sourced(text, file: reader.file, key: reader.keyPath(key))
        }
        section.environment = sourced("environment", &reader)
        section.role = sourced("role", &reader)
        section.cluster = sourced("cluster", &reader)
        return section
    }

    /// Later files override earlier ones key by key (conf.d/*.toml in name order).
    mutating func merge(_ later: HostSection) {
        environment = later.environment ?? environment
        role = later.role ?? role
        cluster = later.cluster ?? cluster
    }
}

extension StringProtocol {
    /// Without leading and trailing blanks (space, tab, CR, LF): how config values, machine-info
    /// lines and TOML source lines are compared.
    var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let end = lastIndex(where: { !isSpace($0) })!
        return self[start...end]
    }
}
