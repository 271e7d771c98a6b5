import HostGuardCore

/// A directory private to this user on a local, memory-backed file system, for what the prompt
/// keeps between runs (the parsed-config cache, the shells' stamps): `$XDG_RUNTIME_DIR/hostguard`
/// (systemd-logind's per-user tmpfs), else `/tmp/hostguard-UID`. Never under `$HOME`, which may
/// be on NFS: the shell stats its stamp on every prompt and must not wait on a server.
/// A directory is used only if it is a real directory (not a symlink) owned by this user and
/// not writable by others: under `sudo -E` root must not use one another user controls.
public enum RuntimeDirectory {
    public static func path() -> String? {
        let uid = system_effectiveUserID()
        if let runtime = system_getenv("XDG_RUNTIME_DIR"), runtime.hasPrefix("/"),
           let base = try? system_stat(runtime), base.isDirectory, base.owner == uid, base.permissions & 0o022 == 0,
           let directory = ownDirectory(runtime + "/hostguard", uid: uid) {
            return directory
        }
        return ownDirectory("/tmp/hostguard-\(uid)", uid: uid)
    }

    /// `path` if it is (or could be made) this user's own directory, mode 0700.
    static func ownDirectory(_ path: String, uid: UInt32) -> String? {
        // One lstat on every run; the mkdir and a second lstat only the first time.
        var info = try? system_stat(path, followSymlinks: false)
        if info == nil {
            try? system_makeDirectory(path, mode: 0o700, existingIsFine: true)
            info = try? system_stat(path, followSymlinks: false)
        }
        guard let info, info.isDirectory, info.owner == uid, info.permissions & 0o077 == 0 else { return nil }
        return path
    }
}
