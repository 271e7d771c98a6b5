/// Exit codes, documented in README.md ("Exit codes"). A command run by the guard exits with
/// its own status; these are hostguard's own answers.
enum ExitCodes {
    static let success: Int32 = 0
    /// `mounts`: stale mounts found.
    static let staleFound: Int32 = 1
    /// `mounts`/`status`: could not check (e.g. /proc unreadable, broken config).
    static let couldNotCheck: Int32 = 2
    /// Bad usage: unknown flag, missing argument (ArgumentParser's validation code).
    static let usage: Int32 = 64
}
