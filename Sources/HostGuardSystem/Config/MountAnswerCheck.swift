import HostGuardCore

/// Which paths sit on a mount that may not answer (network, FUSE, autofs), from this process's
/// /proc/self/mountinfo. Reading mountinfo never touches the mounts themselves: the kernel
/// prints its own mount table (fs/proc_namespace.c, show_mountinfo), so a dead server cannot
/// block it. The path is matched lexically (no stat, which is exactly what could hang).
public struct MountAnswerCheck: Sendable {
    let table: MountTable?

    public static func current() -> MountAnswerCheck {
        guard let text = try? system_readText("/proc/self/mountinfo", limit: 8 << 20) else { return MountAnswerCheck(table: nil) }
        return MountAnswerCheck(table: MountTable(parsing: text[...]))
    }

    /// True when the mount holding `path` may not answer, or when the mount table could not be
    /// read (then nothing is known, and caution costs only a deadline).
    public func mayNotAnswer(_ path: String) -> Bool {
        guard let table else { return true }
        guard let mount = table.mountContaining(path) else { return false }
        return PromptRefreshPlan.mayNotAnswer(filesystemType: mount.filesystemType)
    }
}
