/// Which database keeps its data in a directory, told from the names in it. The one recogniser
/// for the guard (targets, what is above and below them) and the probes: the marker lists used to
/// be written three times and had drifted apart.
public enum DataDirectoryKind: String, Sendable, Equatable, CaseIterable {
    case postgresql
    case mysql

    /// PostgreSQL: PG_VERSION beside global/ (postmaster checks PG_VERSION first:
    /// src/backend/utils/init/miscinit.c `ValidatePgVersion`; global/ holds pg_control).
    /// MySQL/MariaDB: the `mysql` system schema directory beside InnoDB's or Aria's files.
    /// `has` is asked lazily, most telling name first, so a caller that stats each name pays
    /// two look-ups for a directory that is neither.
    public static func recognise(has: (String) -> Bool) -> DataDirectoryKind? {
        if has("PG_VERSION") && has("global") { return .postgresql }
        if has("mysql") && (has("ibdata1") || has("mysql.ibd") || has("aria_log_control") || has("ib_logfile0")) {
            return .mysql
        }
        return nil
    }

    /// From a directory listing (names as bytes: a listing may hold names that are not UTF-8).
    public static func recognise(names: [[UInt8]]) -> DataDirectoryKind? {
        let set = Set(names)
        return recognise { set.contains(Array($0.utf8)) }
    }

    /// The command names (/proc/PID/comm) its server processes run under.
    public var serverNames: [String] {
        switch self {
        case .postgresql: return ["postgres", "postmaster"]
        case .mysql: return ["mysqld", "mariadbd"]
        }
    }

    /// Files whose contents the guard and the probes read to tell a data directory's state; each
    /// must be a regular file before it is opened (one planted as a FIFO would block a read).
    public var stateFiles: [String] {
        switch self {
        case .postgresql: return ["global/pg_control", "PG_VERSION", "postmaster.pid", "recovery.conf"]
        case .mysql: return []
        }
    }
}

/// A directory that belongs to a database server but lives outside its data directory (or is a
/// part of one a target reaches on its own): a WAL directory a `pg_wal` symlink points to, a
/// tablespace location.
public enum DataDirectoryPart: String, Sendable, Equatable {
    case postgresqlWAL = "PostgreSQL WAL directory"
    case postgresqlTablespace = "PostgreSQL tablespace"

    /// A tablespace's version directory is named `PG_<major>_<catalog version>`
    /// (src/include/catalog/catalog.h TABLESPACE_VERSION_DIRECTORY, e.g. PG_15_202209061).
    public static func isTablespaceVersionName(_ name: [UInt8]) -> Bool {
        guard name.count > 5, name.starts(with: Array("PG_".utf8)) else { return false }
        let parts = name.dropFirst(3).split(separator: 0x5F, omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    /// A WAL segment file name: 24 upper-case hex digits (timeline, log, segment:
    /// src/include/access/xlog_internal.h XLogFileName).
    public static func isWALSegmentName(_ name: [UInt8]) -> Bool {
        name.count == 24 && name.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) }
    }

    /// From a directory's own name and a lazy look-up of names in it (for the directories above
    /// a target: two look-ups at most).
    public static func recognise(name: [UInt8], has: (String) -> Bool) -> DataDirectoryPart? {
        if isTablespaceVersionName(name) { return .postgresqlTablespace }
        // pg_wal always has archive_status/ (created by initdb and at startup: xlog.c).
        if has("archive_status") && !has("PG_VERSION") { return .postgresqlWAL }
        return nil
    }

    /// From a full listing (the size walk has one): a tablespace location holds a version
    /// directory; a WAL directory holds archive_status/ and segments.
    public static func recognise(listing names: [[UInt8]]) -> DataDirectoryPart? {
        if names.contains(where: isTablespaceVersionName) { return .postgresqlTablespace }
        if names.contains(Array("archive_status".utf8)) && names.contains(where: isWALSegmentName)
            && !names.contains(Array("PG_VERSION".utf8)) {
            return .postgresqlWAL
        }
        return nil
    }
}
