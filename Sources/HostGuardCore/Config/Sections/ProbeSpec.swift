/// `[[probe]]`: a live-role probe as configured. Only `kind` is read here; each probe kind reads
/// its own settings from `settings` and reports its own problems.
public struct ProbeSpec: Equatable, Sendable {
    public var kind: String
    public var settings: [(key: String, value: ConfigValue)]
    public var file: String
    public var key: String

    public init(kind: String, settings: [(key: String, value: ConfigValue)], file: String, key: String) {
        self.kind = kind
        self.settings = settings
        self.file = file
        self.key = key
    }

    public static func == (lhs: ProbeSpec, rhs: ProbeSpec) -> Bool {
        lhs.kind == rhs.kind && lhs.file == rhs.file && lhs.key == rhs.key
            && ConfigValue.table(lhs.settings) == ConfigValue.table(rhs.settings)
    }

    public func setting(_ name: String) -> ConfigValue? {
        settings.last(where: { $0.key == name })?.value
    }

    static func decode(_ reader: inout TableReader, entries: [(key: String, value: ConfigValue)]) -> ProbeSpec? {
        guard let kind = reader.string("kind") else {
            reader.error("kind", "missing: each [[probe]] needs kind = \"postgresql\" (or address, command, file)")
            return nil
        }
        // The probe kind validates its own keys (ProbeConfiguration); keys it does not read are
        // reported as unknown by the reader.
        _ = ProbeConfiguration.decode(kind: kind, &reader)
        return ProbeSpec(kind: kind, settings: entries.filter { $0.key != "kind" }, file: reader.file, key: reader.path)
    }
}
