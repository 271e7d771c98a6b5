/// The quarantine folder at the root of a filesystem, and when it may be used.
///
/// Root's folder is `.hostguard-trash`; another user's is `.hostguard-trash-UID` (as the
/// freedesktop trash names `.Trash-UID`), so a user can never make the folder root will use.
/// A folder is used only if it is a real directory (not a symlink), owned by that user, mode
/// 0700: anyone else who can write in it could read what was quarantined, or plant an entry
/// whose manifest sends a later `restore` over /etc/shadow. Where a filesystem's root is
/// writable by others (a /tmp mount), someone may have made the folder first: then quarantine
/// refuses and says why, rather than use it.
public enum TrashFolder {
    public static let rootName = ".hostguard-trash"

    public static func name(forUser uid: UInt32) -> String {
        uid == 0 ? rootName : rootName + "-\(uid)"
    }

    /// nil when the folder may be used by `uid`; otherwise why not, for the operator.
    public static func distrust(isDirectory: Bool, owner: UInt32, permissions: UInt32, user uid: UInt32) -> String? {
        guard isDirectory else { return "not a directory" }
        guard owner == uid else {
            return "owned by \(owner == 0 ? "root" : "uid \(owner)"), not \(uid == 0 ? "root" : "uid \(uid)"): someone else made it; move it away"
        }
        guard permissions & 0o7777 == 0o700 else {
            return "mode \(octal(permissions & 0o7777)), not 0700: others could read or plant entries; `chmod 700` it if you made it"
        }
        return nil
    }

    static func octal(_ value: UInt32) -> String {
        var digits = String(value, radix: 8)
        while digits.count < 4 { digits = "0" + digits }
        return digits
    }
}
