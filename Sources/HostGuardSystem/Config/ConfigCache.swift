import HostGuardCore

extension ConfigLoader {
    /// The prompt's path: the same result as `load`, with the system files from a per-user
    /// cache while none of them (nor the ownership or mode of the directories and links on the
    /// way to them, which decide trust) has changed, and the user's file read afresh.
    /// `beforeUserFile` is told the system config first: the user's file is the one most likely
    /// to sit on a network home that does not answer (the prompt's watchdog then shows what the
    /// system config says).
    public static func loadCached(
        _ locations: ConfigLocations, cacheFile: String? = ConfigCache.defaultFile(), timings: StepTimer? = nil,
        beforeUserFile: ((HostGuardConfig) -> Void)? = nil
    ) -> HostGuardConfig {
        let (documents, failures) = loadSystemCached(locations, cacheFile: cacheFile, timings: timings)
        guard let user = locations.userFile else {
            return timings.measure("config: decode") { ConfigDecoder.decode(documents, readFailures: failures) }
        }
        beforeUserFile?(ConfigDecoder.decode(documents, readFailures: failures))
        var userFailures: [ConfigDiagnostic] = []
        let userDocument = timings.measure("config: read and parse \(user)") {
            read(user, authority: .user, optional: true, failures: &userFailures)
        }
        let all = documents + (userDocument.map { [$0] } ?? [])
        return timings.measure("config: decode") { ConfigDecoder.decode(all, readFailures: failures + userFailures) }
    }

    /// The system files (main file and conf.d), parsed, from the cache while it holds.
    static func loadSystemCached(
        _ locations: ConfigLocations, cacheFile: String?, timings: StepTimer?
    ) -> ([ConfigDocument], [ConfigDiagnostic]) {
        var system = locations
        system.userFile = nil
        let signature = timings.measure("config cache: stat config files and their directories") { ConfigCache.signature(system) }
        if let cacheFile, let entry = timings.measure("config cache: read \(cacheFile)", { ConfigCache.read(cacheFile) }),
           entry.signature == signature {
            return (entry.documents, entry.failures)
        }
        let (documents, failures) = readAll(system, timings: timings)
        if let cacheFile {
            timings.measure("config cache: write \(cacheFile)") {
                ConfigCache.write(cacheFile, ConfigCacheCodec.Entry(signature: signature, documents: documents, failures: failures))
            }
        }
        return (documents, failures)
    }
}

/// Where and how the prompt caches parsed config.
public enum ConfigCache {
    /// `config.cache` in this user's `RuntimeDirectory` (a tmpfs, never `$HOME`, which may be on
    /// a server that does not answer). Only a directory owned by this user and not writable by
    /// others is used: under `sudo -E` root must not read a cache another user wrote.
    public static func defaultFile() -> String? {
        RuntimeDirectory.path().map { $0 + "/config.cache" }
    }

    /// What must be unchanged for the cache to hold: every system config file and drop-in directory,
    /// and every directory and symbolic link on the way to them (their owner and mode decide
    /// trust: `ConfigTrust.steps`).
    static func signature(_ locations: ConfigLocations) -> String {
        var paths = locations.systemFiles()
        if let directory = locations.systemDropInDirectory { paths.append(directory) }
        var text = "uid=\(system_effectiveUserID())"
        var seen: [String: FileStatus] = [:]
        var listed: Set<String> = []
        for path in paths {
            for step in ConfigTrust.steps(to: path, seen: &seen) ?? [] where step.kind != .file && listed.insert(step.path).inserted {
                text += "\n" + step.path + "|\(step.kind):\(step.owner):\(step.permissions)"
            }
        }
        for path in paths {
            text += "\n" + path + "|"
            guard let info = try? system_stat(path) else {
                text += "absent"
                continue
            }
            // A directory counts by identity, owner and mode (what trust is decided on): its
            // mtime moves whenever anything in it changes (/tmp, /etc), which is not news.
            // conf.d's files are listed one by one above, so a new drop-in still shows.
            text += "\(info.device):\(info.inode):\(info.mode):\(info.owner)"
            if !info.isDirectory { text += ":\(info.size):\(info.modifiedNanoseconds)" }
        }
        return text
    }

    static func read(_ path: String) -> ConfigCacheCodec.Entry? {
        guard let info = try? system_stat(path), info.owner == system_effectiveUserID(),
              let bytes = try? system_readFile(path, limit: 4 << 20) else { return nil }
        return ConfigCacheCodec.decode(bytes)
    }

    static func write(_ path: String, _ entry: ConfigCacheCodec.Entry) {
        // Best effort: a prompt without a cache is only slower.
        try? system_writeFileAtomically(path, ConfigCacheCodec.encode(entry), mode: 0o600)
    }
}
