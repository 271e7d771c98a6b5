/// Finds a user name in /etc/passwd text.
///
/// Read by hand rather than through getpwuid(3): the release binary links glibc statically, and
/// a static glibc answers getpwuid by loading the host's NSS modules, which must then match the
/// glibc it was built with. Local accounts are what an audit line needs; a directory-service
/// user is logged as "uid N" (with SUDO_USER beside it).
public enum PasswdFile {
    public static func userName(uid: UInt32, in text: Substring) -> String? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, !fields[0].hasPrefix("#"), !fields[0].isEmpty,
                  UInt32(fields[2]) == uid else { continue }
            return String(fields[0])
        }
        return nil
    }
}
