/// `[replication]`: what the operator expects of this host's PostgreSQL replication, so the
/// prompt can be loud only when it matters. System config only.
///
/// ```toml
/// [replication]
/// expect_standbys = 1          # a primary with fewer connected: PRIMARY (no standby), in red
/// lag_alert_bytes = 268435456  # a standby further behind than this: "lag 1.2 GB", in red
/// ```
public struct ReplicationSettings: Equatable, Sendable {
    /// 16 WAL segments of the default 16 MiB: more than a moment's burst on a healthy standby.
    public static let defaultLagAlertBytes: Int64 = 256 << 20

    public var expectStandbys = 0
    public var lagAlertBytes: Int64 = ReplicationSettings.defaultLagAlertBytes

    public init() {}

    static func decode(_ reader: inout TableReader, into settings: inout ReplicationSettings) {
        if let value = reader.value("expect_standbys") {
            if case .integer(let number) = value, number >= 0, number <= 100 {
                settings.expectStandbys = Int(number)
            } else {
                reader.error("expect_standbys", "expected an integer from 0 to 100, found \(value.typeName)")
            }
        }
        if let value = reader.value("lag_alert_bytes") {
            if case .integer(let number) = value, number > 0 {
                settings.lagAlertBytes = Int64(number)
            } else {
                reader.error("lag_alert_bytes", "expected a positive integer (bytes), found \(value.typeName)")
            }
        }
    }
}
