/// How much friction a protected path gets from the guard.
public enum ProtectLevel: String, Sendable, Equatable, Comparable, CaseIterable {
    case confirm
    case typeHostname = "type-hostname"
    case deny

    private var rank: Int {
        switch self {
        case .confirm: return 0
        case .typeHostname: return 1
        case .deny: return 2
        }
    }

    public static func < (lhs: ProtectLevel, rhs: ProtectLevel) -> Bool { lhs.rank < rhs.rank }
}

/// `[[protect]]`: a path the guard must speak up for, with the runbook note shown in its banner.
public struct ProtectRule: Equatable, Sendable {
    public var path: String
    public var level: ProtectLevel
    public var note: String?
    public var file: String
    public var key: String

    public init(path: String, level: ProtectLevel, note: String? = nil, file: String, key: String) {
        self.path = path
        self.level = level
        self.note = note
        self.file = file
        self.key = key
    }

    static func decode(_ reader: inout TableReader) -> ProtectRule? {
        let path = reader.string("path")
        let level = reader.choice("level", of: ProtectLevel.allCases.map(\.rawValue))
        let note = reader.string("note")
        guard let path else {
            reader.error("path", "missing: each [[protect]] rule needs path = \"/absolute/path\"")
            return nil
        }
        guard path.hasPrefix("/") else {
            reader.error("path", "expected an absolute path, found \"\(path)\"")
            return nil
        }
        // A rule whose level is missing still protects: the strictest reading of a half-written
        // rule is the safe one.
        return ProtectRule(
            path: path, level: level.flatMap(ProtectLevel.init(rawValue:)) ?? .typeHostname, note: note,
            file: reader.file, key: reader.path)
    }
}
