/// A `[[probe]]` table's settings, validated by its kind. Each kind reads its own keys here;
/// a wrong type or value is an error naming the file and key ("…toml: probe[2].timeout_ms:
/// expected an integer from 1 to 60000, found 0"), an unknown key a warning.
///
/// ```toml
/// [[probe]]
/// kind = "postgresql"
/// data_dir = "/var/lib/postgresql/15/main"   # optional: discovered when absent
///
/// [[probe]]
/// kind = "address"
/// address = "10.0.0.50"                      # or a list; held by this host → held_role
/// interface = "eth0"                         # optional: only this interface counts
/// held_role = "primary"                      # default
/// absent_role = "standby"                    # default; "none" = no answer, next source decides
///
/// [[probe]]
/// kind = "command"
/// command = ["/usr/bin/patronictl", "-c", "/etc/patroni.yml", "topology"]   # argv, no shell
/// timeout_ms = 2000                          # default; the process group is killed after it
/// primary_output = ["leader"]                # optional: first word of the first line …
/// standby_output = ["replica", "sync_standby"]
///
/// [[probe]]
/// kind = "file"
/// path = "/etc/role"                         # first word of the first line is the role
/// max_age_seconds = 300                      # optional: older means no answer
/// ```
public enum ProbeConfiguration: Equatable, Sendable {
    case postgresql(dataDirectory: String?)
    case address(AddressSettings)
    case command(CommandSettings)
    case file(FileSettings)

    public static let kinds = ["postgresql", "address", "command", "file"]

    public struct AddressSettings: Equatable, Sendable {
        public var addresses: [String]
        public var interface: String?
        public var heldRole: String
        /// nil: no answer when the address is not here ("none").
        public var absentRole: String?
    }

    public struct CommandSettings: Equatable, Sendable {
        public var arguments: [String]
        public var timeoutMilliseconds: Int
        public var mapping: RoleWordMapping
    }

    public struct FileSettings: Equatable, Sendable {
        public var path: String
        public var maxAgeSeconds: Int?
        public var mapping: RoleWordMapping
    }

    /// The decoded settings of a spec (decoded once, with the config: `ProbeSpec.configuration`),
    /// or its first error.
    public static func from(_ spec: ProbeSpec) -> Result<ProbeConfiguration, ConfigDiagnostic> {
        spec.configuration
    }

    /// Reads and checks the keys of one kind; errors and warnings go to `reader`.
    static func decode(kind: String, _ reader: inout TableReader) -> ProbeConfiguration? {
        switch kind {
        case "postgresql":
            let directory = reader.string("data_dir")
            if let directory, !directory.hasPrefix("/") {
                reader.error("data_dir", "must be an absolute path, found \"\(directory)\"")
                return nil
            }
            return .postgresql(dataDirectory: directory)
        case "address":
            guard let addresses = reader.strings("address"), !addresses.isEmpty else {
                if reader.diagnostics.isEmpty { reader.error("address", "missing: the service address to look for, e.g. address = \"10.0.0.50\"") }
                return nil
            }
            for (index, address) in addresses.enumerated() where !looksLikeAddress(address) {
                reader.error(addresses.count == 1 ? "address" : "address[\(index)]",
                             "\"\(address)\" is not an IPv4 or IPv6 address (no prefix length, no host names)")
                return nil
            }
            let interface = reader.string("interface")
            let held = reader.string("held_role") ?? "primary"
            let absent = reader.string("absent_role") ?? "standby"
            return .address(AddressSettings(addresses: addresses, interface: interface, heldRole: held,
                                            absentRole: absent == "none" ? nil : absent))
        case "command":
            guard let value = reader.value("command") else {
                reader.error("command", "missing: the command to run as a list, e.g. command = [\"/usr/bin/patronictl\", \"list\"]")
                return nil
            }
            guard case .array = value, let arguments = reader.strings("command"), !arguments.isEmpty, !arguments[0].isEmpty else {
                if reader.diagnostics.isEmpty {
                    reader.error("command", "expected a non-empty list of strings (the argv; no shell), e.g. [\"/usr/bin/repmgr\", \"node\", \"status\"]")
                }
                return nil
            }
            var timeout = 2000
            if let value = reader.value("timeout_ms") {
                guard case .integer(let milliseconds) = value, (1...60_000).contains(milliseconds) else {
                    reader.error("timeout_ms", "expected an integer from 1 to 60000, found \(value.display)")
                    return nil
                }
                timeout = milliseconds
            }
            guard let mapping = RoleWordMapping.decode(&reader) else { return nil }
            return .command(CommandSettings(arguments: arguments, timeoutMilliseconds: timeout, mapping: mapping))
        case "file":
            guard let path = reader.string("path") else {
                if reader.diagnostics.isEmpty { reader.error("path", "missing: the file holding the role, e.g. path = \"/etc/role\"") }
                return nil
            }
            guard path.hasPrefix("/") else {
                reader.error("path", "must be an absolute path, found \"\(path)\"")
                return nil
            }
            var maxAge: Int?
            if let value = reader.value("max_age_seconds") {
                guard case .integer(let seconds) = value, seconds > 0 else {
                    reader.error("max_age_seconds", "expected a positive integer, found \(value.display)")
                    return nil
                }
                maxAge = seconds
            }
            guard let mapping = RoleWordMapping.decode(&reader) else { return nil }
            return .file(FileSettings(path: path, maxAgeSeconds: maxAge, mapping: mapping))
        default:
            reader.error("kind", "unknown probe kind \"\(kind)\": expected one of \(kinds.map { "\"\($0)\"" }.joined(separator: ", "))")
            return nil
        }
    }

    /// A light check (Core has no inet_pton): digits, hex, dots and colons, with a dot or a colon.
    static func looksLikeAddress(_ text: String) -> Bool {
        !text.isEmpty && (text.contains(".") || text.contains(":"))
            && text.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
    }
}

/// How a command's output or a file's content becomes a role: the first word of the first
/// non-empty line, compared case-insensitively with `primary_output` / `standby_output` when
/// set, else with the usual role words (primary, master, leader, standby, replica …).
/// Anything else is no answer, with the text quoted: a probe never guesses.
public struct RoleWordMapping: Equatable, Sendable {
    public var primaryWords: [String]
    public var standbyWords: [String]

    public init(primaryWords: [String] = [], standbyWords: [String] = []) {
        self.primaryWords = primaryWords.map { $0.lowercased() }
        self.standbyWords = standbyWords.map { $0.lowercased() }
    }

    static func decode(_ reader: inout TableReader) -> RoleWordMapping? {
        let before = reader.diagnostics.count
        let primary = reader.strings("primary_output") ?? []
        let standby = reader.strings("standby_output") ?? []
        if reader.diagnostics.count != before { return nil }
        return RoleWordMapping(primaryWords: primary, standbyWords: standby)
    }

    /// The role the text names, or (unknown) why it names none, quoting the text.
    public func role(from text: String) -> RoleReading {
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .first(where: { !$0.allSatisfy { $0 == " " || $0 == "\t" } })
        guard let line else { return .unknown(reason: "empty output") }
        let word = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map { $0.lowercased() } ?? ""
        let quoted = "\"" + String(line.prefix(60)) + "\""
        if !primaryWords.isEmpty || !standbyWords.isEmpty {
            if primaryWords.contains(word) { return .known(Role(.primary)) }
            if standbyWords.contains(word) { return .known(Role(.standby)) }
            return .unknown(reason: "\(quoted) matches neither primary_output nor standby_output")
        }
        switch Role.kind(named: word) {
        case .other: return .unknown(reason: "\(quoted) does not start with a role word (primary, standby, leader, replica …)")
        case let kind: return .known(Role(kind))
        }
    }
}

extension ConfigValue {
    /// A short rendering for messages: strings quoted, the rest by type.
    var display: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .integer(let value): return String(value)
        case .bool(let flag): return flag ? "true" : "false"
        default: return typeName
        }
    }
}

extension ProbeSpec {
    /// Identifies this probe across runs (state file entries): its kind and settings, so an
    /// edited probe never picks up the old one's answer.
    public var fingerprint: String {
        var text = kind
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            text += "|" + key + "=" + Self.render(value)
        }
        return text
    }

    private static func render(_ value: ConfigValue) -> String {
        switch value {
        case .string(let text): return "\"" + text + "\""
        case .integer(let number): return String(number)
        case .float(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .datetime(let text): return text
        case .array(let items): return "[" + items.map(render).joined(separator: ",") + "]"
        case .table(let entries): return "{" + entries.map { $0.key + "=" + render($0.value) }.joined(separator: ",") + "}"
        }
    }
}
