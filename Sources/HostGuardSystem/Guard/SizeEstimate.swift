import HostGuardCore

/// Counts what is below a directory within a time budget, and notes database data directories
/// (and parts of one: a WAL directory, a tablespace) met on the way. Depth-first, lstat only
/// (never follows symlinks), one file system; mount points below are never looked into, not even
/// stat'ed (one may be a network or FUSE mount that does not answer): they are reported from the
/// mount table instead.
struct SizeEstimate {
    var bytes: Int64 = 0
    var entries = 0
    var complete = true
    /// Directories recognised as a database's data directory.
    var dataDirectories: [(kind: DataDirectoryKind, path: [UInt8])] = []
    var dataParts: [(part: DataDirectoryPart, path: [UInt8])] = []

    static func run(_ root: [UInt8], deadline: UInt64, skipping mountPoints: Set<[UInt8]> = [],
                    maximumEntries: Int = 2_000_000) -> SizeEstimate {
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
            let listing = names.map(\.name)
            if let kind = DataDirectoryKind.recognise(names: listing) { estimate.dataDirectories.append((kind, directory)) }
            if let part = DataDirectoryPart.recognise(listing: listing) { estimate.dataParts.append((part, directory)) }
            for entry in names {
                checked += 1
                // The clock is read every 64 entries: cheap enough, and fine-grained enough.
                if checked & 63 == 0 && system_monotonicNanoseconds() > deadline || estimate.entries >= maximumEntries {
                    estimate.complete = false
                    return estimate
                }
                let path = directory + [0x2F] + entry.name
                if mountPoints.contains(path) { continue }
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

    /// Paths below `root` (same file system, no symlinks followed) whose inode is `inode`: the
    /// other names of a hard-linked file. `complete` false when the budget ran out first.
    static func findInode(_ inode: UInt64, device: UInt64, below root: [UInt8], deadline: UInt64) -> (found: Bool, complete: Bool) {
        var stack: [[UInt8]] = [root]
        var checked = 0
        while let directory = stack.popLast() {
            guard let names = try? system_listDirectory(bytes: directory) else { return (false, false) }
            for entry in names {
                checked += 1
                if checked & 63 == 0 && system_monotonicNanoseconds() > deadline { return (false, false) }
                let path = directory + [0x2F] + entry.name
                guard let status = try? system_stat(bytes: path, followSymlinks: false) else { continue }
                guard status.device == device else { continue }
                if status.inode == inode { return (true, true) }
                if status.isDirectory { stack.append(path) }
            }
        }
        return (false, true)
    }
}
