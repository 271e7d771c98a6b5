import HostGuardCore

/// Where the role state file lives and who may be believed: `/run/hostguard/role.state`
/// (tmpfs: gone after a reboot, never stale across one), `$HOSTGUARD_STATE_DIR/role.state`, or
/// `$HOSTGUARD_STATE_FILE` (the most specific wins).
/// Written by root (`hostguard status --refresh`, hostguard-refresh.timer), mode 0644, so every
/// user's prompt can read what only root can probe.
public enum RoleStateStore {
    public static let defaultFile = "/run/hostguard/role.state"
    /// After this long the prompt shows the state's age as a notice (the timer runs every 10 s).
    public static let staleAfterSeconds: Int64 = 120

    public static func path() -> String {
        if let override = system_getenv("HOSTGUARD_STATE_FILE"), override.hasPrefix("/") { return override }
        return HostLocations.stateDirectory() + "/role.state"
    }

    /// The state, or nil when absent, unreadable, malformed or not trustworthy (written by
    /// someone other than root or this user, or writable by others).
    /// Owner and mode come from the descriptor that was read (no window for a swap between a
    /// stat and the read); `RoleStateFile.believed` decides.
    public static func read(_ path: String = path()) -> RoleStateFile? {
        guard let read = try? system_readFileAndStatus(path, limit: 1 << 20, followSymlinks: true),
              RoleStateFile.believed(owner: read.status.owner, permissions: read.status.permissions,
                                     reader: system_effectiveUserID()) else { return nil }
        return RoleStateFile.decode(String(decoding: read.bytes, as: UTF8.self)[...])
    }

    /// Writes atomically (temp file + rename), creating the directory (0755) if needed.
    ///
    /// When the probes found what the file already says (the timer's usual run), the new file
    /// keeps the old one's modification time: the shell integrations re-render only when a file
    /// they watch changes (`PromptRefreshPlan`), and "the same answer, 10 s later" is no change.
    /// How old the answer is lives inside the file (`written`), where the prompt reads it.
    public static func write(_ state: RoleStateFile, to path: String = path()) throws(SystemError) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try system_makeDirectory(String(path[..<slash]), mode: 0o755, existingIsFine: true)
        }
        let previous = try? system_readFileAndStatus(path, limit: 1 << 20, followSymlinks: false)
        try system_writeFileAtomically(path, Array(state.encoded().utf8), mode: 0o644)
        if let previous, var old = RoleStateFile.decode(String(decoding: previous.bytes, as: UTF8.self)[...]) {
            old.written = state.written
            if old == state { try? system_setModifiedTime(path, nanoseconds: previous.status.modifiedNanoseconds) }
        }
    }
}
