/// The last full `hostguard mounts` run's count, left where the prompt can read it for the price
/// of one small file read ("stale mounts: 2"). Written by every run without `--path` (the timer's
/// runs), so the number describes the whole host.
///
/// The file is one line: the number of processes holding a stale mount, then the finish time:
/// "2 1763750000\n". /run is a tmpfs: the notice goes away at reboot, with the stale mounts.
public enum StaleMountNotice {
    public static let defaultPath = "/run/hostguard/stale-mounts"

    /// `HOSTGUARD_STALE_MOUNTS_FILE` overrides the location (tests, unprivileged runs), else
    /// `$HOSTGUARD_STATE_DIR/stale-mounts`.
    public static var path: String {
        HostLocations.absolute(system_getenv("HOSTGUARD_STALE_MOUNTS_FILE")) ?? HostLocations.stateDirectory() + "/stale-mounts"
    }

    /// The count from the last run; nil when there was no run (or the file is unreadable or
    /// malformed: the prompt then shows nothing rather than a guess).
    public static func read(path: String = StaleMountNotice.path) -> Int? {
        readRecord(path: path)?.staleProcesses
    }

    /// The count and when that run finished (seconds since the epoch), so a caller can ignore a
    /// notice the timer has not refreshed for a long time. Same single small read.
    public static func readRecord(path: String = StaleMountNotice.path) -> (staleProcesses: Int, finishedAt: Int?)? {
        var buffer = [UInt8](repeating: 0, count: 64)
        guard let count = try? system_readFile(path, into: &buffer) else { return nil }
        let fields = String(decoding: buffer[0..<count], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let first = fields.first, let staleProcesses = Int(first), staleProcesses >= 0 else { return nil }
        return (staleProcesses, fields.count > 1 ? Int(fields[1]) : nil)
    }

    /// Records a run's count atomically (temporary file + rename), creating the directory.
    public static func write(staleProcesses: Int, finishedAt: Double, path: String = StaleMountNotice.path) throws(SystemError) {
        // Every missing parent, like mkdir -p (/run/hostguard usually; deeper for tests).
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            try system_makeDirectory(prefix, mode: 0o755, existingIsFine: true)
        }
        let line = "\(staleProcesses) \(Int(finishedAt))\n"
        try system_writeFileAtomically(path, Array(line.utf8))
    }
}
