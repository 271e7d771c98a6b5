import Foundation
import HostGuardCore
import HostGuardSystem
import Testing

/// Data directories and /proc entries built in a temp tree, with real pg_control images.
@Suite("PostgreSQL data directory inspection (temp trees)")
struct PostgresClusterTests {
    static let fixtures: String = {
        let tests = "\(#filePath)".split(separator: "/").dropLast(3).joined(separator: "/")
        return "/" + tests + "/HostGuardCoreTests/Fixtures/pg_control"
    }()

    final class Tree {
        let root: String
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("hg-pg-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }

        func dataDirectory(_ relative: String, control fixture: String, files: [String: String] = [:]) throws -> String {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: path + "/global", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: PostgresClusterTests.fixtures + "/" + fixture, toPath: path + "/global/pg_control")
            try "15\n".write(toFile: path + "/PG_VERSION", atomically: false, encoding: .utf8)
            for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8) }
            return path
        }

        /// A fake /proc/<pid> with a cmdline and a cwd symlink.
        func process(_ pid: Int32, cmdline: [String], cwd: String) throws {
            let path = root + "/proc/\(pid)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let bytes = cmdline.map { Array($0.utf8) + [0] }.flatMap { $0 }
            try Data(bytes).write(to: URL(fileURLWithPath: path + "/cmdline"))
            try (cmdline.first.map { String($0.split(separator: "/").last ?? "") } ?? "").appending("\n")
                .write(toFile: path + "/comm", atomically: false, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: path + "/cwd", withDestinationPath: cwd)
        }
    }

    @Test("a running primary: pid alive, a postmaster, cwd is the data directory")
    func runningPrimary() throws {
        let tree = try Tree()
        let data = try tree.dataDirectory("pg/main", control: "pg15-primary-in-production.bin",
                                          files: ["postmaster.pid": "4242\n\(tree.root)/pg/main\n1\n5432\n/tmp\n*\n1\nready   \n"])
        try tree.process(4242, cmdline: ["/usr/lib/postgresql/15/bin/postgres", "-D", data], cwd: data)
        let state = PostgresCluster.inspect(dataDirectory: data, procRoot: tree.root + "/proc")
        #expect(state.role?.kind == .primary)
        #expect(state.running == true)
        #expect(state.postmasterPID == 4242)
        #expect(state.facts.contains { $0.contains("cwd is the data directory") })
    }

    @Test("a stale postmaster.pid (pid gone, or reused, or another cluster's) is not running", arguments: [
        ("gone", [String](), ""),
        ("reused", ["/usr/bin/sleep", "100"], "DATA"),
        ("child", ["postgres: 15/main: checkpointer "], "DATA"),
        ("other cluster", ["/usr/lib/postgresql/15/bin/postgres"], "/elsewhere"),
    ])
    func stale(label: String, cmdline: [String], cwd: String) throws {
        let tree = try Tree()
        let data = try tree.dataDirectory("pg/main", control: "pg15-primary-crashed-in-production.bin",
                                          files: ["postmaster.pid": "4242\n\(tree.root)/pg/main\n"])
        if !cmdline.isEmpty { try tree.process(4242, cmdline: cmdline, cwd: cwd == "DATA" ? data : cwd) }
        try FileManager.default.createDirectory(atPath: tree.root + "/proc", withIntermediateDirectories: true)
        let state = PostgresCluster.inspect(dataDirectory: data, procRoot: tree.root + "/proc")
        #expect(state.running == false, "\(label): \(state.facts)")
        #expect(state.role?.kind == .primary, "\(label)")
        #expect(state.facts.contains { $0.contains("crashed or killed") }, "\(label)")
    }

    @Test("a stopped standby with standby.signal")
    func stoppedStandby() throws {
        let tree = try Tree()
        let data = try tree.dataDirectory("pg/replica", control: "pg15-standby-shut-down-in-recovery.bin", files: ["standby.signal": ""])
        let state = PostgresCluster.inspect(dataDirectory: data, procRoot: tree.root + "/proc")
        #expect(state.role?.kind == .standby)
        #expect(state.running == false)
    }

    @Test("missing, truncated and foreign pg_control are unknown with the reason", arguments: [
        ("damaged-truncated-100.bin", "too short"),
        ("foreign-big-endian.bin", "byte order"),
        ("damaged-crc-mismatch.bin", "checksum"),
    ])
    func unknown(fixture: String, says: String) throws {
        let tree = try Tree()
        let data = try tree.dataDirectory("pg/main", control: fixture)
        let state = PostgresCluster.inspect(dataDirectory: data, procRoot: tree.root + "/proc")
        guard case .unknown(let reason) = state.reading else { Issue.record("\(state.reading)"); return }
        #expect(reason.contains(says))
        let none = PostgresCluster.inspect(dataDirectory: tree.root + "/nothing", procRoot: tree.root + "/proc")
        guard case .unknown(let missing) = none.reading else { Issue.record("\(none.reading)"); return }
        #expect(missing.contains("pg_control"))
    }

    @Test("discovery finds running postmasters and Debian/RHEL locations, running primary first")
    func discovery() throws {
        let tree = try Tree()
        let debianStandby = try tree.dataDirectory("var/lib/postgresql/15/replica", control: "pg15-standby-shut-down-in-recovery.bin", files: ["standby.signal": ""])
        let rhel = try tree.dataDirectory("var/lib/pgsql/16/data", control: "pg15-promoted-shut-down.bin")
        let elsewhere = try tree.dataDirectory("srv/pg", control: "pg15-primary-in-production.bin",
                                               files: ["postmaster.pid": "99\n\(tree.root)/srv/pg\n"])
        try tree.process(99, cmdline: ["/usr/lib/postgresql/15/bin/postgres", "-D", elsewhere], cwd: elsewhere)
        try tree.process(100, cmdline: ["postgres: 15/main: walwriter "], cwd: elsewhere)
        try FileManager.default.createDirectory(atPath: tree.root + "/var/lib/postgresql/.cache", withIntermediateDirectories: true)
        let clusters = PostgresCluster.discover(root: tree.root, procRoot: tree.root + "/proc")
        #expect(clusters.map(\.dataDirectory) == [elsewhere, rhel, debianStandby])
        #expect(clusters.map { $0.role?.name } == ["primary", "primary", "standby"])
        #expect(clusters.map(\.running) == [true, false, false])
    }

    @Test("discovery through the probe runner: every cluster is evidence, a damaged one is a notice", arguments: [ProbeMode.fresh, .prompt])
    func discoveryNotice(mode: ProbeMode) throws {
        let tree = try Tree()
        let good = try tree.dataDirectory("var/lib/postgresql/15/main", control: "pg15-promoted-shut-down.bin")
        let bad = try tree.dataDirectory("var/lib/postgresql/16/main", control: "damaged-crc-mismatch.bin")
        try FileManager.default.createDirectory(atPath: tree.root + "/proc", withIntermediateDirectories: true)
        let spec = ProbeSpec(kind: "postgresql", settings: [], file: "/etc/hostguard/hostguard.toml", key: "probe[1]")
        let run = ProbeRunner.run([spec], mode: mode, state: nil, statePath: tree.root + "/state", procRoot: tree.root + "/proc", root: tree.root)
        #expect(run.results.map(\.subject) == [good, bad])
        #expect(run.results.first?.role == Role(.primary, service: "postgresql", running: false))
        #expect(run.results.last?.reason?.contains("checksum mismatch") == true)
        #expect(run.notices.map(\.text) == ["1 of 2 postgresql unknown"])
    }
}
