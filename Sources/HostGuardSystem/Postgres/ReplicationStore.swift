import HostGuardCore

/// `replication.state` in the state directory: what the last root refresh learnt of each
/// cluster's replication, for every prompt and for the next refresh. Believed only when it is
/// a regular file owned by root and not writable by group or others.
public enum ReplicationStore {
    public static let fileName = "replication.state"

    public static func path() -> String { HostLocations.stateDirectory() + "/" + fileName }

    public static func read(_ path: String = path()) -> ReplicationStateFile? {
        guard let read = try? system_readFileAndStatus(path, limit: 1 << 20, followSymlinks: false),
              read.status.owner == 0 || read.status.owner == system_effectiveUserID(),
              read.status.permissions & 0o022 == 0 else { return nil }
        return ReplicationStateFile.decode(String(decoding: read.bytes, as: UTF8.self)[...])
    }

    public static func write(_ state: ReplicationStateFile, to path: String = path()) throws(SystemError) {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            try system_makeDirectory(prefix, mode: 0o755, existingIsFine: true)
        }
        try system_writeFileAtomically(path, Array(state.encoded().utf8), mode: 0o644)
    }
}
