import HostGuardCore

/// Runs psql against a local cluster over its Unix socket, as the data directory's owner, under
/// a hard time limit.
///
/// Why a bounded `psql` child rather than linking libpq: the asking happens only in the root
/// refresh (a timer every few seconds, never the prompt), where a process costs nothing that
/// matters, while libpq linked into the one hostguard binary would load on every prompt (its
/// shared-library start-up, or a static libpq with OpenSSL, Kerberos and LDAP behind it), for a
/// feature the prompt never uses. A child also gives the one bound that cannot fail:
/// `system_runBounded` kills its whole process group at the deadline, whatever libpq is blocked
/// on (a SIGSTOPped postmaster accepts the socket connection into its backlog and never
/// answers). Inside that, connect_timeout and statement_timeout make psql give up by itself
/// first, with a message that says which. Running as the owner (peer authentication over the
/// socket, as `sudo -u postgres psql` does) needs no password and no pg_hba change.
public enum PostgresClient {
    /// The hard bound on the whole child: connect + statements + slack.
    public static let deadlineMilliseconds = 5000

    public struct Target: Sendable {
        public var dataDirectory: String
        public var socketDirectory: String
        public var port: Int
        public var majorVersion: String?
        public var ownerUID: UInt32
    }

    /// What was asked, for evidence ("psql over /run/postgresql/.s.PGSQL.5432 as postgres").
    public static func describe(_ target: Target) -> String {
        let user = system_userName(target.ownerUID) ?? "uid \(target.ownerUID)"
        return "psql over \(target.socketDirectory)/.s.PGSQL.\(target.port) as \(user): pg_stat_wal_receiver, pg_stat_replication, pg_is_in_recovery(), pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), pg_is_wal_replay_paused(), max_wal_senders"
    }

    /// The argv that runs `statements` (psql -c each) against `target`, or why it cannot run.
    public static func command(_ target: Target, psqlArguments: [String]) -> Result<[String], ClusterReplication.NotAnswering> {
        var psql = "psql"
        if let major = target.majorVersion {
            let candidate = "/usr/lib/postgresql/\(major)/bin/psql"
            if system_isExecutableFile(Array(candidate.utf8)) { psql = candidate }
        }
        let euid = system_effectiveUserID()
        var prefix: [String] = []
        if euid != target.ownerUID {
            guard euid == 0 else {
                return .failure(.init("not asked: only root or the data directory's owner can (run hostguard status --refresh as root)"))
            }
            guard let user = system_userName(target.ownerUID) else {
                return .failure(.init("not asked: the data directory's owner (uid \(target.ownerUID)) has no name in /etc/passwd"))
            }
            guard let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first(where: { system_isExecutableFile(Array($0.utf8)) }) else {
                return .failure(.init("not asked: runuser (util-linux) not found"))
            }
            prefix = [runuser, "-u", user, "--"]
        }
        return .success(prefix + [psql] + psqlArguments)
    }
}
