/// Absolute paths compared component by component, as the kernel walks them: "/srv" contains
/// "/srv/pages" but not "/srvx" (the swift-system `FilePath.starts(with:)` habit).
public enum MountPath {
    /// True when `path` is `prefix` or lies below it.
    public static func isPrefix(_ prefix: String, of path: String) -> Bool {
        if prefix == "/" { return path.hasPrefix("/") }
        guard path.hasPrefix(prefix) else { return false }
        if path.utf8.count == prefix.utf8.count { return true }
        return path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: prefix.utf8.count)] == UInt8(ascii: "/")
    }

    /// Removes repeated and trailing slashes and "." components ("/srv//pages/." → "/srv/pages").
    /// ".." is kept: without the file system it cannot be resolved honestly.
    public static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }
}
