/// Exit codes, documented in README.md ("Exit codes"). A command run by the guard exits with
/// its own status; these are hostguard's own answers.
enum ExitCodes {
    static let success: Int32 = 0
    /// `mounts`: stale mounts found.
    static let staleFound: Int32 = 1
    /// `maint status`: no maintenance flag and no host switch (nologin, reboot required).
    static let maintenanceQuiet: Int32 = 1
    /// `mounts`/`status`: could not check (e.g. /proc unreadable, broken config).
    static let couldNotCheck: Int32 = 2
    /// `status --field`: the value is not known (printed as "unknown").
    static let unknownField: Int32 = 3
    /// Bad usage: unknown flag, missing argument (ArgumentParser's validation code).
    static let usage: Int32 = 64
    /// `guard`: refused by policy, or it needed an answer and there was no terminal and no
    /// (matching) `--confirm`. Nothing was run.
    static let refused: Int32 = 100
    /// `guard`: the question was answered no, or the typed host name was wrong. Nothing was run.
    static let declined: Int32 = 101
    /// `guard`: quarantine was chosen but could not be done. Nothing was moved or deleted.
    static let quarantineFailed: Int32 = 102
    /// `guard`: the command is not executable (as shells do).
    static let cannotExecute: Int32 = 126
    /// `guard`: the command was not found on PATH (as shells do).
    static let notFound: Int32 = 127
    /// `guard`: Ctrl-C, Ctrl-D or end of input at the question (128 + SIGINT, as shells do).
    static let interrupted: Int32 = 130
}
