import Foundation
import Testing

/// A fleet on one machine: three "hosts", each a private mount + UTS namespace with its own host
/// name, config, state directory and textfile directory, each scraped by its own node_exporter
/// (Debian's prometheus-node-exporter, textfile collector only) on a loopback port; one
/// Prometheus (Debian's prometheus) loads the shipped rules and scrapes all three every second.
/// db1 runs a real PostgreSQL primary, db2 its `pg_basebackup -R` standby, db3 no database.
/// Everything is started by the test and stopped by pid when it ends.
@Suite("Fleet: three hosts, real Prometheus and node_exporter", .serialized)
struct FleetIntegrationTests {
    final class Host {
        let name: String
        let directory: String
        let holder: BackgroundProcess
        let exporter: BackgroundProcess
        let port: Int

        init(name: String, base: String, config: String) throws {
            self.name = name
            directory = base + "/" + name
            for sub in ["state", "textfile"] {
                try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
            }
            try config.write(toFile: directory + "/hostguard.toml", atomically: false, encoding: .utf8)
            // The namespace lives as long as its holder: a shell that names the host, then sleeps.
            holder = try BackgroundProcess("/usr/bin/unshare", ["--mount", "--uts", "--propagation", "private", "/bin/sh", "-c",
                                                                 "hostname \(name) && exec sleep 900"], log: directory + "/holder.log")
            port = try freeLoopbackPort()
            exporter = try BackgroundProcess(
                "/usr/bin/prometheus-node-exporter",
                ["--web.listen-address=127.0.0.1:\(port)", "--collector.disable-defaults", "--collector.textfile",
                 "--collector.textfile.directory=\(directory)/textfile"],
                log: directory + "/node_exporter.log")
            try holder.wait(5, for: "host name \(name)") {
                (try? runProcess("/usr/bin/nsenter", ["-t", "\(holder.pid)", "--uts", "hostname"]).stdout) == name + "\n"
            }
        }

        var textfile: String { directory + "/textfile/hostguard.prom" }

        /// One run of the mounts timer's command inside this host's namespaces.
        @discardableResult
        func mountsScan() throws -> ProcessOutput {
            try runProcess("/usr/bin/nsenter", ["-t", "\(holder.pid)", "--mount", "--uts", HostGuardBinary.path, "mounts", "--timeout", "60"],
                           environment: ["HOSTGUARD_CONFIG": directory + "/hostguard.toml", "HOSTGUARD_STATE_DIR": directory + "/state"],
                           timeout: 120)
        }

        /// One run of the refresh timer's command inside this host's namespaces.
        @discardableResult
        func refresh() throws -> ProcessOutput {
            try runProcess("/usr/bin/nsenter", ["-t", "\(holder.pid)", "--mount", "--uts", HostGuardBinary.path, "status", "--refresh"],
                           environment: ["HOSTGUARD_CONFIG": directory + "/hostguard.toml", "HOSTGUARD_STATE_DIR": directory + "/state"])
        }
    }

    static let rules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Packaging/prometheus/hostguard.rules.yml").path

    static func config(_ host: String, declared: String?, probe: String?, textfile: String) -> String {
        var text = "[host]\nenvironment = \"production\"\ncluster = \"db\"\n"
        if let declared { text += "role = \"\(declared)\"\n" }
        if let probe { text += "\n[[probe]]\nkind = \"postgresql\"\ndata_dir = \"\(probe)\"\n" }
        text += "\n[metrics]\ntextfile = \"\(textfile)\"\n"
        return text
    }

    /// GET on Prometheus's HTTP API, through curl (bounded), decoded.
    static func api(_ port: Int, _ path: String) throws -> [String: Any] {
        let answer = try runProcess("/usr/bin/curl", ["-sf", "--max-time", "5", "http://127.0.0.1:\(port)\(path)"])
        guard answer.status == 0, let object = try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any] else {
            throw BackgroundFailure("curl \(path): exit \(answer.status) \(answer.stderr)")
        }
        return object
    }

    static func firing(_ port: Int, _ name: String) throws -> [[String: Any]] {
        let alerts = ((try api(port, "/api/v1/alerts")["data"] as? [String: Any])?["alerts"] as? [[String: Any]]) ?? []
        return alerts.filter { ($0["labels"] as? [String: String])?["alertname"] == name && $0["state"] as? String == "firing" }
    }

    @Test("promoting the standby while the primary runs fires HostguardSplitBrain naming both hosts; a host whose refresh stopped fires HostguardStateStale")
    func splitBrainAndStaleState() throws {
        let base = try TemporaryDirectory()
        let postgres = try PostgresPair()
        try postgres.setUp()

        var hosts: [Host] = []
        for (name, declared, probe) in [("db1", "primary", postgres.primary), ("db2", "standby", postgres.standby), ("db3", nil, nil)] as [(String, String?, String?)] {
            let textfile = base.path + "/" + name + "/textfile/hostguard.prom"
            hosts.append(try Host(name: name, base: base.path, config: Self.config(name, declared: declared, probe: probe, textfile: textfile)))
        }
        for host in hosts {
            let run = try host.refresh()
            #expect(run.status == 0, "\(host.name): \(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: host.textfile), "\(host.name) wrote no textfile: \(run.stderr)")
        }
        // The mounts timer renders the same file, adding its own run (0: nothing stale, 1: found).
        let scan = try hosts[0].mountsScan()
        #expect(scan.status == 0 || scan.status == 1, "\(scan.stderr)")
        let afterScan = (try? String(contentsOfFile: hosts[0].textfile, encoding: .utf8)) ?? ""
        #expect(afterScan.contains("hostguard_last_run_success{timer=\"mounts\"} 1"), "\(afterScan)")
        #expect(afterScan.contains("hostguard_role{cluster=\"db\",service=\"postgresql\""), "the mounts run dropped the role: \(afterScan)")
        let checked = try runProcess("/usr/bin/promtool", ["check", "metrics"], stdin: try Data(contentsOf: URL(fileURLWithPath: hosts[0].textfile)))
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")

        let port = try freeLoopbackPort()
        var scrape = ""
        for host in hosts {
            scrape += "      - targets: ['127.0.0.1:\(host.port)']\n        labels: {instance: \(host.name)}\n"
        }
        let configuration = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ['\(Self.rules)']
            scrape_configs:
              - job_name: node
                static_configs:
            \(scrape)
            """
        try configuration.write(toFile: base.path + "/prometheus.yml", atomically: false, encoding: .utf8)
        let prometheus = try BackgroundProcess(
            "/usr/bin/prometheus",
            ["--config.file=\(base.path)/prometheus.yml", "--storage.tsdb.path=\(base.path)/tsdb",
             "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn"],
            log: base.path + "/prometheus.log")
        defer { prometheus.stop() }

        // Both databases reported as they are: one primary, one standby; no split brain.
        try prometheus.wait(60, for: "db1 primary and db2 standby in Prometheus") {
            let result = ((try? Self.api(port, "/api/v1/query?query=hostguard_role"))?["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
            let seen = Set(result.compactMap { ($0["metric"] as? [String: String]).map { "\($0["instance"] ?? "")=\($0["role"] ?? "")" } })
            return seen == ["db1=primary", "db2=standby"]
        }
        #expect(try Self.firing(port, "HostguardSplitBrain").isEmpty)

        // The 2017 muddle: the standby is promoted while the primary still runs.
        try postgres.asPostgres("pg_ctl", ["-D", postgres.standby, "-w", "promote"])
        let promoted = Date()
        try hosts[1].refresh()
        try hosts[0].refresh()
        var alert: [String: Any]?
        try prometheus.wait(30, for: "HostguardSplitBrain firing") {
            alert = (try? Self.firing(port, "HostguardSplitBrain"))?.first
            return alert != nil
        }
        let seconds = Date().timeIntervalSince(promoted)
        let annotations = alert?["annotations"] as? [String: String] ?? [:]
        #expect(annotations["description"]?.contains("db1 (postgresql \(postgres.primary)") == true, "\(annotations)")
        #expect(annotations["description"]?.contains("db2 (postgresql \(postgres.standby)") == true, "\(annotations)")
        #expect((alert?["labels"] as? [String: String])?["cluster"] == "db")
        print("fleet: HostguardSplitBrain firing \(String(format: "%.1f", seconds)) s after the promotion (scrape and evaluation every 1 s)")

        // db2's inventory label now disagrees with what its server says.
        let conflict = ((try Self.api(port, "/api/v1/query?query=hostguard_role_conflict%3D%3D1"))["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        #expect(conflict.compactMap { ($0["metric"] as? [String: String])?["instance"] } == ["db2"])

        // db3's refresh timer stopped five minutes ago; db1 and db2 keep refreshing.
        let past = Date().addingTimeInterval(-300)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: hosts[2].textfile)
        var stale: [[String: Any]] = []
        try prometheus.wait(90, for: "HostguardStateStale firing for db3") {
            for host in hosts.prefix(2) { _ = try? host.refresh() }
            stale = (try? Self.firing(port, "HostguardStateStale")) ?? []
            return !stale.isEmpty
        }
        #expect(stale.compactMap { ($0["labels"] as? [String: String])?["instance"] } == ["db3"])
    }
}
