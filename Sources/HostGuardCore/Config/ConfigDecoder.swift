/// Turns parsed documents into one `HostGuardConfig`, enforcing who may say what.
public enum ConfigDecoder {
    static let systemSections = ["host", "inventory", "probe", "protect", "watch", "prompt", "guard", "mounts", "metrics", "replication"]

    /// Decodes `documents` in order (system files first, the user's last) and merges them.
    /// `readFailures` are files that could not be read or parsed; they count as errors.
    public static func decode(_ documents: [ConfigDocument], readFailures: [ConfigDiagnostic] = []) -> HostGuardConfig {
        var config = HostGuardConfig()
        config.diagnostics = readFailures
        for document in documents {
            guard case .table(let entries) = document.root else {
                config.diagnostics.append(ConfigDiagnostic(.error, file: document.path, "expected a TOML table at the top level"))
                continue
            }
            var reader = TableReader(file: document.path, path: "", entries: entries)
            switch document.authority {
            case .system:
                decodeSystem(&reader, into: &config)
                config.sources.append(document.path)
            case .user:
                decodeUser(&reader, entries: entries, into: &config)
                config.userFiles.append(document.path)
            }
            config.diagnostics += reader.finish()
        }
        return config
    }

    private static func decodeSystem(_ reader: inout TableReader, into config: inout HostGuardConfig) {
        if var host = reader.table("host") {
            config.host.merge(HostSection.decode(&host))
            reader.absorb(&host)
        }
        for var rule in reader.tables("inventory") {
            if let decoded = InventoryRule.decode(&rule) { config.inventory.append(decoded) }
            reader.absorb(&rule)
        }
        if case .array(let items)? = reader.value("probe") {
            var index = 0
            for var probe in reader.tables("probe") {
                if case .table(let entries) = items[index], let spec = ProbeSpec.decode(&probe, entries: entries) {
                    config.probes.append(spec)
                }
                index += 1
                reader.absorb(&probe)
            }
        } else {
            _ = reader.tables("probe")
        }
        for var rule in reader.tables("protect") {
            if let decoded = ProtectRule.decode(&rule) { config.protect.append(decoded) }
            reader.absorb(&rule)
        }
        for var rule in reader.tables("watch") {
            if let decoded = WatchRule.decode(&rule) { config.watch.append(decoded) }
            reader.absorb(&rule)
        }
        if var prompt = reader.table("prompt") {
            PromptSettings.decode(&prompt, into: &config.prompt)
            reader.absorb(&prompt)
        }
        if var guardTable = reader.table("guard") {
            GuardSettings.decode(&guardTable, into: &config.guardSettings)
            reader.absorb(&guardTable)
        }
        if var mounts = reader.table("mounts") {
            MountsSettings.decode(&mounts, into: &config.mounts)
            reader.absorb(&mounts)
        }
        if var metrics = reader.table("metrics") {
            MetricsSettings.decode(&metrics, into: &config.metrics)
            reader.absorb(&metrics)
        }
        if var replication = reader.table("replication") {
            ReplicationSettings.decode(&replication, into: &config.replication)
            reader.absorb(&replication)
        }
    }

    private static func decodeUser(
        _ reader: inout TableReader, entries: [(key: String, value: ConfigValue)], into config: inout HostGuardConfig
    ) {
        for entry in entries where entry.key != "prompt" {
            _ = reader.value(entry.key)
            if systemSections.contains(entry.key) {
                reader.warning(
                    entry.key,
                    "ignored: your own config may change looks ([prompt]) only; environment, role and guard policy come from /etc/hostguard"
                )
            } else {
                reader.warning(entry.key, "unknown key, ignored")
            }
        }
        if var prompt = reader.table("prompt") {
            PromptSettings.decode(&prompt, into: &config.prompt)
            // A mistake in the user's own file costs them their looks, not their safety: demote.
            var child = prompt.finish()
            for index in child.indices { child[index].severity = .warning }
            config.diagnostics += child
        }
    }
}
