/// The registry of quarantine folders: every `.hostguard-trash` the guard has used, so that
/// `hostguard trash list|restore|purge` open only those and never walk the mount table (which
/// would touch /proc, /sys, cgroups, NFS and FUSE mounts). One line per folder, the path in hex
/// (paths are bytes; a mount point may hold a newline):
///
///     hostguard-trash-folders 1
///     folder 2f2e686f737467756172642d7472617368
///
/// Lines are only ever appended (one write(2) each), so concurrent guards never lose one;
/// a folder appended twice is listed once.
public enum TrashRegistry {
    public static let header = "hostguard-trash-folders 1"

    /// The folders, in first-registered order, each once. nil when the text is not a registry.
    public static func parse(_ text: Substring) -> [[UInt8]]? {
        var lines = text.split(separator: "\n").makeIterator()
        guard let first = lines.next(), first == header else { return text.isEmpty ? [] : nil }
        var folders: [[UInt8]] = []
        while let line = lines.next() {
            let fields = line.split(separator: " ")
            // Unknown keys and damaged lines are skipped: one bad line must not hide the others.
            guard fields.count == 2, fields[0] == "folder", let bytes = Hex.decode(fields[1]),
                  bytes.first == 0x2F, !folders.contains(bytes) else { continue }
            folders.append(bytes)
        }
        return folders
    }

    /// What to append for `folder`; the header too when the file is new (empty).
    public static func addition(_ folder: [UInt8], toEmptyFile: Bool) -> String {
        (toEmptyFile ? header + "\n" : "") + "folder \(Hex.encode(folder))\n"
    }
}
