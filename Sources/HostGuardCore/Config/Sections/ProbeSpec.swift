/// `[[probe]]`: a live-role probe as configured: its kind, its raw settings (for the state
/// file's fingerprint) and its settings decoded by the kind, once, when the config is decoded
/// (the prompt decodes config on every Enter; the runner uses `configuration` as it is).
public struct ProbeSpec: Equatable, Sendable {
    public var kind: String
    public var settings: [(key: String, value: ConfigValue)]
    public var file: String
    public var key: String
    /// The settings as the kind reads them, or the first error in them.
    public var configuration: Result<ProbeConfiguration, ConfigDiagnostic>

    /// Decodes `settings` for `kind` (tests and callers building a spec by hand).
    public init(kind: String, settings: [(key: String, value: ConfigValue)], file: String, key: String) {
        var reader = TableReader(file: file, path: key, entries: settings)
        let decoded = ProbeConfiguration.decode(kind: kind, &reader)
        self.init(kind: kind, settings: settings, file: file, key: key,
                  configuration: Self.outcome(decoded, reader.diagnostics, file: file, key: key))
    }

    init(kind: String, settings: [(key: String, value: ConfigValue)], file: String, key: String,
         configuration: Result<ProbeConfiguration, ConfigDiagnostic>) {
        self.kind = kind
        self.settings = settings
        self.file = file
        self.key = key
        self.configuration = configuration
    }

    public static func == (lhs: ProbeSpec, rhs: ProbeSpec) -> Bool {
        lhs.kind == rhs.kind && lhs.file == rhs.file && lhs.key == rhs.key
            && ConfigValue.table(lhs.settings) == ConfigValue.table(rhs.settings)
    }

    public func setting(_ name: String) -> ConfigValue? {
        settings.last(where: { $0.key == name })?.value
    }

    static func outcome(
        _ decoded: ProbeConfiguration?, _ diagnostics: [ConfigDiagnostic], file: String, key: String
    ) -> Result<ProbeConfiguration, ConfigDiagnostic> {
        if let error = diagnostics.first(where: { $0.severity == .error }) { return .failure(error) }
        guard let decoded else { return .failure(ConfigDiagnostic(.error, file: file, key: key, "invalid probe")) }
        return .success(decoded)
    }

    static func decode(_ reader: inout TableReader, entries: [(key: String, value: ConfigValue)]) -> ProbeSpec? {
        guard let kind = reader.string("kind") else {
            reader.error("kind", "missing: each [[probe]] needs kind = \"postgresql\" (or address, command, file)")
            return nil
        }
        // The probe kind validates its own keys (ProbeConfiguration); keys it does not read are
        // reported as unknown by the reader.
        let before = reader.diagnostics.count
        let decoded = ProbeConfiguration.decode(kind: kind, &reader)
        let own = Array(reader.diagnostics[before...])
        return ProbeSpec(kind: kind, settings: entries.filter { $0.key != "kind" }, file: reader.file, key: reader.path,
                         configuration: outcome(decoded, own, file: reader.file, key: reader.path))
    }
}
