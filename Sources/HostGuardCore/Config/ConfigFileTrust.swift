/// One step on the way to a config file, as lstat(2) saw it: a directory passed through, a
/// symbolic link followed, or the file itself at the end.
public struct PathStep: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case directory, symlink, file }

    public var path: String
    public var kind: Kind
    public var owner: UInt32
    /// Permission bits (`st_mode & 07777`).
    public var permissions: UInt32

    public init(_ path: String, _ kind: Kind, owner: UInt32, permissions: UInt32) {
        self.path = path
        self.kind = kind
        self.owner = owner
        self.permissions = permissions
    }
}

/// Decides whether a system config file may be believed, from every step on the way to it.
///
/// A file that a non-root user could have written could say "development" on a production
/// primary, and the guard would wave `rm -rf` through. So, like sshd's StrictModes, the file and
/// every directory on the path to its *final* target (after every symbolic link, issue 10) must
/// be owned by root and not writable by group or others; every symbolic link followed must be
/// root's too (a link another user owns could be pointed at any root-owned file). A sticky
/// world-writable directory such as /tmp is accepted: others cannot replace root's entry in it
/// (unlink(2), "EPERM … the directory has the sticky bit").
public enum ConfigFileTrust {
    /// nil when trusted; else one sentence saying what is wrong and how to fix it. `steps` are
    /// in the order walked, the file last (`ConfigTrust.steps` in HostGuardSystem).
    public static func problem(steps: [PathStep]) -> String? {
        guard let file = steps.last, file.kind == .file else { return nil }
        let via = steps.filter { $0.kind == .symlink }.map(\.path)
        let through = via.isEmpty ? "" : " (reached through the symbolic link\(via.count == 1 ? "" : "s") \(via.joined(separator: ", ")))"
        if file.owner != 0 {
            return "not trusted: owned by uid \(file.owner), not root\(through); ignoring it (chown root: \(file.path))"
        }
        if file.permissions & 0o022 != 0 {
            return "not trusted: writable by group or others (mode \(octal(file.permissions)))\(through); ignoring it (chmod go-w \(file.path))"
        }
        for step in steps.dropLast() {
            switch step.kind {
            case .symlink:
                if step.owner != 0 {
                    return "not trusted: the symbolic link \(step.path) is owned by uid \(step.owner), not root; ignoring it"
                }
            case .directory, .file:
                if step.owner != 0 {
                    return "not trusted: directory \(step.path) is owned by uid \(step.owner), not root\(through); ignoring it"
                }
                let sticky = step.permissions & 0o1000 != 0
                if step.permissions & 0o022 != 0 && !sticky {
                    return "not trusted: directory \(step.path) is writable by group or others (mode \(octal(step.permissions)))\(through); ignoring it (chmod go-w \(step.path))"
                }
            }
        }
        return nil
    }

    static func octal(_ mode: UInt32) -> String {
        "0" + String(mode, radix: 8)
    }
}
