/// What the refresh asks a PostgreSQL server about its replication, as psql `-c` statements
/// whose rows `ReplicationReading.parse` reads back. Every row starts with a tag naming its
/// kind; `psql -X -A -t -F <TAB>` prints rows as tab-separated fields, NULL as an empty field.
///
/// Sources (PostgreSQL 15 documentation, "Monitoring Database Activity" and "System
/// Administration Functions"): pg_stat_wal_receiver has one row while a WAL receiver process
/// exists (status: starting, streaming, waiting, restarting, stopping); pg_stat_replication one
/// row per WAL sender, including pg_basebackup's (state backup), so its count is the senders in
/// use; pg_current_wal_lsn() fails during recovery, hence the CASE (a cascading standby's own
/// standbys are measured against what it has received). Text that a client may choose
/// (application_name, the upstream host from primary_conninfo) has tabs and newlines replaced,
/// so a row stays one line of the expected fields.
public enum ReplicationQuery {
    public static let statements: [String] = [
        "SELECT 'node', pg_is_in_recovery(), current_setting('max_wal_senders'), "
            + "(SELECT count(*) FROM pg_stat_replication), "
            + "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END, "
            + "CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) END, "
            + "current_setting('server_version_num')",
        "SELECT 'receiver', status, translate(coalesce(sender_host, ''), E'\\t\\n\\r', '   '), sender_port, "
            + "extract(epoch FROM now() - last_msg_receipt_time) FROM pg_stat_wal_receiver",
        "SELECT 'standby', translate(coalesce(application_name, ''), E'\\t\\n\\r', '   '), "
            + "coalesce(host(client_addr), 'local'), state, sync_state, "
            + "pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END, replay_lsn) "
            + "FROM pg_stat_replication",
    ]

    /// libpq's connect_timeout (seconds; libpq raises values under 2 to 2).
    public static let connectTimeoutSeconds = 2
    public static let statementTimeoutMilliseconds = 2000

    /// The psql arguments after the program name: no psqlrc (-X), unaligned (-A), tuples only
    /// (-t), tab-separated, quiet, stop at the first error, then one -c per statement.
    public static func psqlArguments(connection: String) -> [String] {
        var arguments = ["-X", "-A", "-t", "-q", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", connection]
        for statement in statements { arguments += ["-c", statement] }
        return arguments
    }

    /// A libpq connection string for a Unix socket directory: connect and statement timeouts
    /// (so a server that does not answer makes psql give up by itself), read-only, an
    /// application_name that says who asks. Values quoted as libpq documents ('…' with \\
    /// and \' escaped: "Connection Strings", libpq documentation).
    public static func connectionString(socketDirectory: String, port: Int, database: String = "postgres") -> String {
        func quoted(_ value: String) -> String {
            var out = "'"
            for character in value {
                if character == "\\" || character == "'" { out.append("\\") }
                out.append(character)
            }
            return out + "'"
        }
        return "host=\(quoted(socketDirectory)) port=\(port) dbname=\(quoted(database)) connect_timeout=\(connectTimeoutSeconds) "
            + "application_name=hostguard "
            + "options=\(quoted("-c statement_timeout=\(statementTimeoutMilliseconds) -c default_transaction_read_only=on"))"
    }
}
