/// `postmaster.pid` in a data directory: the lock file a running postmaster writes.
/// Line numbers from src/include/utils/pidfile.h: 1 pid, 2 data directory, 3 start time (epoch
/// seconds), 4 port, 5 socket directory, 6 listen address, 7 shared memory key, 8 status
/// ("starting", "stopping", "ready", "standby"; since 10). A leftover file after a crash is
/// normal, so the pid must be checked against /proc before the server counts as running.
public struct PostmasterPidFile: Equatable, Sendable {
    public var pid: Int32
    public var dataDirectory: String?
    public var startTime: Int64?
    public var port: Int?
    /// Line 5: the first Unix-socket directory (empty when the server listens on TCP only).
    public var socketDirectory: String?
    /// Line 8, trimmed: "ready", "standby" (up, not accepting connections), "starting", "stopping".
    public var status: String?

    public init(pid: Int32, dataDirectory: String? = nil, startTime: Int64? = nil, port: Int? = nil, status: String? = nil) {
        self.pid = pid
        self.dataDirectory = dataDirectory
        self.startTime = startTime
        self.port = port
        self.status = status
    }

    /// nil when the first line is not a positive pid (an empty or half-written file).
    public static func parse(_ text: Substring) -> PostmasterPidFile? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ number: Int) -> Substring? {
            guard lines.count >= number else { return nil }
            let value = postgresTrimmed(lines[number - 1])
            return value.isEmpty ? nil : value
        }
        guard let first = line(1), let pid = Int32(first), pid > 0 else { return nil }
        return PostmasterPidFile(
            pid: pid, dataDirectory: line(2).map(String.init), startTime: line(3).flatMap { Int64($0) },
            port: line(4).flatMap { Int($0) }, status: line(8).map(String.init))
            .withSocketDirectory(line(5).map(String.init))
    }
}

extension PostmasterPidFile {
    public func withSocketDirectory(_ directory: String?) -> PostmasterPidFile {
        var copy = self
        copy.socketDirectory = directory
        return copy
    }
}

/// `recovery.conf` (PostgreSQL 11 and older): present means the server starts in recovery;
/// `standby_mode = on` means it stays a standby. Reads only that one setting.
public struct RecoveryConf: Equatable, Sendable {
    public var standbyMode: Bool

    public init(standbyMode: Bool) { self.standbyMode = standbyMode }

    public static func parse(_ text: Substring) -> RecoveryConf {
        var standby = false
        for rawLine in text.split(separator: "\n") {
            let line = postgresTrimmed(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = postgresTrimmed(line[..<equals]).lowercased()
            guard key == "standby_mode" else { continue }
            var value = postgresTrimmed(line[line.index(after: equals)...]).lowercased()
            if value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            standby = ["on", "true", "yes", "1"].contains(value)
        }
        return RecoveryConf(standbyMode: standby)
    }
}

func postgresTrimmed(_ text: Substring) -> Substring {
    var result = text
    while let first = result.first, first == " " || first == "\t" || first == "\r" { result = result.dropFirst() }
    while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
    return result
}
