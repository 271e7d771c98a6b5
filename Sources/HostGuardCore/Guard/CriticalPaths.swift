/// Paths whose loss breaks the host itself, whatever the config says. Built in, so a missing or
/// broken config still protects them.
public enum CriticalPaths {
    public static let directories: [String] = [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/opt",
        "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/usr", "/usr/bin", "/usr/lib", "/usr/local",
        "/usr/sbin", "/usr/share", "/var", "/var/lib", "/var/log", "/var/spool", "/var/backups",
        "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/fstab", "/etc/sudoers", "/etc/ssh",
    ]

    /// The critical path the target is, or contains (`rm -rf /usr/..` is `/`).
    public static func hit(_ real: RawPath) -> String? {
        directories.first { RawPath($0).starts(with: real) }
    }
}
