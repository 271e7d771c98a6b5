/// Every place on the host where hostguard keeps state, each with one environment override, for
/// tests (which must never touch the real ones) and for operators who relocate them. Config
/// files are in `ConfigLocations` (HOSTGUARD_CONFIG, HOSTGUARD_CONFIG_DIR); the prompt's config
/// cache follows XDG_RUNTIME_DIR / HOME (`ConfigCache`).
public enum HostLocations {
    /// Runtime state: role.state, stale-mounts. A tmpfs, so nothing in it outlives a reboot.
    public static let defaultStateDirectory = "/run/hostguard"
    /// State that must outlive a reboot: the trash registry (the quarantine folders do).
    public static let defaultDataDirectory = "/var/lib/hostguard"

    /// `HOSTGUARD_STATE_DIR`, else /run/hostguard.
    public static func stateDirectory() -> String {
        absolute(system_getenv("HOSTGUARD_STATE_DIR")) ?? defaultStateDirectory
    }

    /// The index of quarantine folders that exist (`hostguard trash` opens only those).
    /// `HOSTGUARD_TRASH_REGISTRY`, else /var/lib/hostguard/trash-folders for root, and for
    /// anyone else their own `$XDG_STATE_HOME/hostguard/trash-folders`
    /// (`~/.local/state/hostguard/trash-folders`): a user's quarantine is theirs alone.
    public static func trashRegistry() -> String? {
        if let override = absolute(system_getenv("HOSTGUARD_TRASH_REGISTRY")) { return override }
        if system_effectiveUserID() == 0 { return defaultDataDirectory + "/trash-folders" }
        if let state = absolute(system_getenv("XDG_STATE_HOME")) { return state + "/hostguard/trash-folders" }
        if let home = absolute(system_getenv("HOME")), home != "/" { return home + "/.local/state/hostguard/trash-folders" }
        return nil
    }

    /// Relative or empty values are ignored: a location is never resolved against the cwd.
    static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }
}
