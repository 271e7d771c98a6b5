import HostGuardCore

/// Decides whether a system config file may be believed.
///
/// A file that a non-root user could have written could say "development" on a production
/// primary, and the guard would wave `rm -rf` through. So, like sshd's StrictModes, the file and
/// every directory above it must be owned by root and not writable by group or others (a
/// sticky world-writable directory such as /tmp is accepted: others cannot replace root's file
/// in it).
public enum ConfigTrust {
    public static func problem(with path: String) -> String? {
        guard let status = try? system_stat(path) else { return nil }  // absence is handled by the reader
        if status.owner != 0 {
            return "not trusted: owned by uid \(status.owner), not root; ignoring it (chown root: \(path))"
        }
        if status.permissions & 0o022 != 0 {
            return "not trusted: writable by group or others (mode \(octal(status.permissions))); ignoring it (chmod go-w \(path))"
        }
        var directory = parent(of: path)
        while true {
            guard let info = try? system_stat(directory) else { break }
            let sticky = info.permissions & 0o1000 != 0
            if info.owner != 0 {
                return "not trusted: directory \(directory) is owned by uid \(info.owner), not root; ignoring it"
            }
            if info.permissions & 0o022 != 0 && !sticky {
                return "not trusted: directory \(directory) is writable by group or others (mode \(octal(info.permissions))); ignoring it"
            }
            if directory == "/" { break }
            directory = parent(of: directory)
        }
        return nil
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func octal(_ mode: UInt32) -> String {
        "0" + String(mode, radix: 8)
    }
}
