/// `[metrics]`: where the refresh and mounts timers write the fleet's metrics for
/// node_exporter's textfile collector. System config only.
public struct MetricsSettings: Equatable, Sendable {
    /// Debian's prometheus-node-exporter reads `*.prom` in this directory
    /// (its `--collector.textfile.directory` default in /etc/default/prometheus-node-exporter).
    public static let defaultTextfile = "/var/lib/prometheus/node-exporter/hostguard.prom"

    /// nil: not written (`textfile = ""`). The file is written only when its directory exists,
    /// so a host without node_exporter gets no Prometheus directories from hostguard.
    public var textfile: String? = MetricsSettings.defaultTextfile

    public init() {}

    static func decode(_ reader: inout TableReader, into settings: inout MetricsSettings) {
        guard let path = reader.string("textfile") else { return }
        if path.isEmpty {
            settings.textfile = nil
        } else if path.hasPrefix("/") && path.hasSuffix(".prom") {
            settings.textfile = path
        } else {
            reader.error("textfile", "expected an absolute path ending in .prom (node_exporter reads only those), or \"\" to turn metrics off; found \"\(path)\"")
        }
    }
}
