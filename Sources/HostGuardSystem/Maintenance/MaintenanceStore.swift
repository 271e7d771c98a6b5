import HostGuardCore

/// Reads and writes the host's maintenance flag and reads the well-known switches beside it.
///
/// The flag is `maintenance` in the state directory (`$HOSTGUARD_STATE_DIR`, default
/// /run/hostguard: a tmpfs, so a forgotten flag does not survive a reboot). It is believed only
/// when it is a regular file owned by root and not writable by group or others: anyone else
/// could otherwise put words in every prompt on the host.
///
/// The switch files are read under `$HOSTGUARD_SWITCH_ROOT` (default: the real root), so tests
/// plant their own /run/nologin in a temporary tree and never touch the host's.
public enum MaintenanceStore {
    public static let fileName = "maintenance"

    public static func path() -> String { HostLocations.stateDirectory() + "/" + fileName }

    static func switchRoot() -> String {
        guard let root = system_getenv("HOSTGUARD_SWITCH_ROOT"), root.hasPrefix("/") else { return "" }
        return root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// Everything the decision needs, read now. `details`: also read the nologin message and the
    /// reboot-required package list (not on the prompt path, where presence is enough: one
    /// open of the flag and three lstat calls per prompt).
    public static func read(now: Int64 = Int64(system_wallClockSeconds()), details: Bool = true) -> MaintenanceState {
        let (record, ignored) = readRecord(path())
        return MaintenanceState.decide(record: record, ignored: ignored, switches: readSwitches(details: details), now: now)
    }

    /// The record, or why a file that is there was not believed.
    public static func readRecord(_ path: String) -> (MaintenanceRecord?, ignored: String?) {
        let read: (bytes: [UInt8], status: FileStatus)
        do {
            read = try system_readFileAndStatus(path, limit: 64 << 10, followSymlinks: false)
        } catch {
            return (nil, error.isNotFound ? nil : "\(error)")
        }
        guard read.status.owner == 0 else { return (nil, "owned by uid \(read.status.owner), not root") }
        guard read.status.permissions & 0o022 == 0 else {
            return (nil, "writable by group or others (mode \(String(read.status.permissions, radix: 8)))")
        }
        guard let record = MaintenanceRecord.decode(String(decoding: read.bytes, as: UTF8.self)[...]) else {
            return (nil, "not a hostguard maintenance file of a version this hostguard reads")
        }
        return (record, nil)
    }

    public static func readSwitches(details: Bool) -> [HostSwitch] {
        let root = switchRoot()
        var found: [HostSwitch] = []
        for path in ["/run/nologin", "/etc/nologin"] where system_exists(root + path) {
            var detail: String?
            if details, let read = try? system_readFileAndStatus(root + path, limit: 1024, followSymlinks: false) {
                let first = String(decoding: read.bytes, as: UTF8.self).split(separator: "\n").first.map(String.init)
                detail = first.flatMap { $0.isEmpty ? nil : String($0.prefix(120)) }
            }
            found.append(HostSwitch(kind: .nologin, path: root + path, detail: detail))
        }
        let reboot = root + "/run/reboot-required"
        if system_exists(reboot) {
            var detail: String?
            if details, let read = try? system_readFileAndStatus(reboot + ".pkgs", limit: 16 << 10, followSymlinks: false) {
                var packages: [String] = []
                for line in String(decoding: read.bytes, as: UTF8.self).split(separator: "\n") {
                    let name = String(line.prefix(80))
                    if !packages.contains(name) { packages.append(name) }
                }
                detail = packages.isEmpty ? nil : packages.prefix(8).joined(separator: ", ") + (packages.count > 8 ? ", …" : "")
            }
            found.append(HostSwitch(kind: .rebootRequired, path: reboot, detail: detail))
        }
        return found
    }

    /// Writes the flag atomically (temporary file, fsync, rename), mode 0644, creating the state
    /// directory (0755) if needed.
    public static func write(_ record: MaintenanceRecord, to path: String = path()) throws(SystemError) {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += "/" + component
            try system_makeDirectory(prefix, mode: 0o755, existingIsFine: true)
        }
        try system_writeFileAtomically(path, Array(record.encoded().utf8), mode: 0o644)
    }

    /// Removes the flag; true when there was one.
    @discardableResult
    public static func remove(_ path: String = path()) throws(SystemError) -> Bool {
        do {
            try system_unlink(path)
            return true
        } catch {
            if error.isNotFound { return false }
            throw error
        }
    }
}
