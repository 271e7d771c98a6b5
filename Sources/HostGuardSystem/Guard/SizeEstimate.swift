import HostGuardCore

/// Counts what is below a directory within a time budget, and notes database data directories
/// met on the way. Depth-first, lstat only (never follows symlinks), one filesystem (what is
/// mounted below is reported as mount points, not counted).
struct SizeEstimate {
    var bytes: Int64 = 0
    var entries = 0
    var complete = true
    /// Directories that look like PostgreSQL or MySQL data directories.
    var dataDirectories: [(kind: String, path: [UInt8])] = []

    static func run(_ root: [UInt8], deadline: UInt64, maximumEntries: Int = 2_000_000) -> SizeEstimate {
        var estimate = SizeEstimate()
        guard let top = try? system_stat(bytes: root, followSymlinks: false) else {
            estimate.complete = false
            return estimate
        }
        estimate.bytes = top.size
        estimate.entries = 1
        guard top.isDirectory else { return estimate }
        var stack: [[UInt8]] = [root]
        var checked = 0
        while let directory = stack.popLast() {
            guard let names = try? system_listDirectory(bytes: directory) else {
                estimate.complete = false
                continue
            }
            DataDirectoryMarkers.kind(of: names.map(\.name)).map { estimate.dataDirectories.append(($0, directory)) }
            for entry in names {
                checked += 1
                // The clock is read every 64 entries: cheap enough, and fine-grained enough.
                if checked & 63 == 0 && system_monotonicNanoseconds() > deadline || estimate.entries >= maximumEntries {
                    estimate.complete = false
                    return estimate
                }
                let path = directory + [0x2F] + entry.name
                guard let status = try? system_stat(bytes: path, followSymlinks: false) else {
                    estimate.complete = false
                    continue
                }
                estimate.entries += 1
                estimate.bytes += status.size
                if status.isDirectory && status.device == top.device { stack.append(path) }
            }
        }
        return estimate
    }
}

/// What a database data directory has in it, so one can be recognised by its listing.
enum DataDirectoryMarkers {
    static func kind(of names: [[UInt8]]) -> String? {
        func has(_ name: String) -> Bool { names.contains(Array(name.utf8)) }
        // PostgreSQL: PG_VERSION and global/ (src/backend/utils/init/miscinit.c checks PG_VERSION).
        if has("PG_VERSION") && has("global") { return "postgresql" }
        // MySQL/MariaDB: the system schema directory beside InnoDB's or Aria's files.
        if has("mysql") && (has("ibdata1") || has("mysql.ibd") || has("aria_log_control") || has("ib_logfile0")) {
            return "mysql"
        }
        return nil
    }

    static func kind(ofDirectory path: [UInt8]) -> String? {
        func exists(_ name: String) -> Bool { (try? system_stat(bytes: path + [0x2F] + Array(name.utf8), followSymlinks: false)) != nil }
        if exists("PG_VERSION") && exists("global/pg_control") { return "postgresql" }
        if exists("mysql") && (exists("ibdata1") || exists("mysql.ibd") || exists("aria_log_control")) { return "mysql" }
        return nil
    }
}
