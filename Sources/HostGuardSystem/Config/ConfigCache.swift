import HostGuardCore

extension ConfigLoader {
    /// The prompt's path: the same result as `load`, from a per-user cache while no config file
    /// (nor the ownership or mode of its directories, which decide trust) has changed.
    public static func loadCached(
        _ locations: ConfigLocations, cacheFile: String? = ConfigCache.defaultFile(), timings: StepTimer? = nil
    ) -> HostGuardConfig {
        let signature = timings.measure("config cache: stat config files and their directories") { ConfigCache.signature(locations) }
        if let cacheFile, let entry = timings.measure("config cache: read \(cacheFile)", { ConfigCache.read(cacheFile) }),
           entry.signature == signature {
            return timings.measure("config: decode (from the cache)") { ConfigDecoder.decode(entry.documents, readFailures: entry.failures) }
        }
        let (documents, failures) = readAll(locations, timings: timings)
        if let cacheFile {
            timings.measure("config cache: write \(cacheFile)") {
                ConfigCache.write(cacheFile, ConfigCacheCodec.Entry(signature: signature, documents: documents, failures: failures))
            }
        }
        return timings.measure("config: decode") { ConfigDecoder.decode(documents, readFailures: failures) }
    }
}

/// Where and how the prompt caches parsed config.
public enum ConfigCache {
    /// `$XDG_RUNTIME_DIR/hostguard/config.cache` (a per-user tmpfs), else
    /// `~/.cache/hostguard/config.cache`. Only a directory owned by this user and not writable by
    /// others is used: under `sudo -E` root must not read a cache another user wrote.
    public static func defaultFile() -> String? {
        let uid = system_effectiveUserID()
        var candidates: [String] = []
        if let runtime = system_getenv("XDG_RUNTIME_DIR"), runtime.hasPrefix("/") { candidates.append(runtime) }
        if let home = system_getenv("HOME"), home.hasPrefix("/"), home != "/" { candidates.append(home + "/.cache") }
        for base in candidates {
            guard let info = try? system_stat(base), info.isDirectory, info.owner == uid,
                  info.permissions & 0o022 == 0 else { continue }
            let directory = base + "/hostguard"
            // One stat on every prompt; the mkdir and a second stat only the first time.
            var own = try? system_stat(directory)
            if own == nil {
                try? system_makeDirectory(directory, mode: 0o700, existingIsFine: true)
                own = try? system_stat(directory)
            }
            guard let own, own.isDirectory, own.owner == uid,
                  own.permissions & 0o022 == 0 else { continue }
            return directory + "/config.cache"
        }
        return nil
    }

    /// What must be unchanged for the cache to hold: every config file and drop-in directory,
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
        if let user = locations.userFile { paths.append(user) }
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
