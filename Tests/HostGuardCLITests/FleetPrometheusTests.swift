import Foundation
import Testing
import HostGuardCore

/// The shipped alert rules and the metrics file, checked by Prometheus's own tool (Debian's
/// `prometheus` package ships promtool): the rules parse, their unit tests
/// (Packaging/prometheus/hostguard.rules.test.yml) pass, and a rendered textfile is valid
/// exposition format with the conventions node_exporter's textfile collector wants.
@Suite("Fleet: Prometheus rules and metrics (promtool)")
struct FleetPrometheusTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Packaging/prometheus").path

    @Test("promtool check rules and promtool test rules pass on the shipped rules")
    func rules() throws {
        let check = try runProcess("/usr/bin/promtool", ["check", "rules", Self.rulesDirectory + "/hostguard.rules.yml"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("SUCCESS: 6 rules found"))
        let unit = try runProcess("/usr/bin/promtool", ["test", "rules", "hostguard.rules.test.yml"], currentDirectory: Self.rulesDirectory)
        #expect(unit.status == 0, "\(unit.stdout)\(unit.stderr)")
        #expect(unit.stdout.contains("SUCCESS"))
    }

    @Test("promtool check metrics accepts a busy host's textfile, and rejects a broken one (the check can fail)")
    func metrics() throws {
        var metrics = FleetMetrics(version: "0.2.0", environment: "production \"eu\"", cluster: "db")
        metrics.observed = [.init(cluster: "db", service: "postgresql", dataDirectory: "/var/lib/postgresql/15/main", role: "primary", source: "pg_control")]
        metrics.declared = [(cluster: "db", role: "standby")]
        metrics.replication = [.init(cluster: "db", dataDirectory: "/var/lib/postgresql/15/main", up: false, lagBytes: nil)]
        metrics.maintenance = ["kernel upgrade\nby alice"]
        metrics.staleMounts = [.init(mountPoint: "/srv/pages", kind: "cwd", processes: 2)]
        metrics.stateAges = [(state: "role", seconds: 4.5), (state: "mounts", seconds: 120)]
        metrics.lastRunSuccess = [(timer: "refresh", success: true), (timer: "mounts", success: false)]
        let good = try runProcess("/usr/bin/promtool", ["check", "metrics"], stdin: Data(metrics.rendered().utf8))
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")

        let broken = metrics.rendered().replacingOccurrences(of: "hostguard_info{", with: "hostguard info{")
        let bad = try runProcess("/usr/bin/promtool", ["check", "metrics"], stdin: Data(broken.utf8))
        #expect(bad.status != 0)
    }
}
