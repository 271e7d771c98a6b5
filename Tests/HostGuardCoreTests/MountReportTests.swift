import HostGuardCore
import Testing

@Suite("mount report")
struct MountReportTests {
    static func pagesResult() -> MountScanResult {
        var result = MountScanResult()
        result.processesScanned = 212
        result.namespacesRead = 2
        result.durationSeconds = 0.0415
        result.finishedAt = 1_763_750_000.25
        result.watchedPaths = ["/srv/pages"]
        result.findings = [
            StaleFinding(pid: 4242, command: "gitlab-pages -pages-root /srv/pages", unit: ProcessUnit(name: "gitlab-pages.service", kind: .systemService),
                         kind: .cwd, reason: .overMounted(by: 140), path: "/srv/pages", mountPoint: "/srv/pages", mountID: 130,
                         heldSource: "nfs-old:/pages (nfs4)", currentSource: "nfs-new:/pages (nfs4)"),
            StaleFinding(pid: 4242, command: "gitlab-pages -pages-root /srv/pages", unit: ProcessUnit(name: "gitlab-pages.service", kind: .systemService),
                         kind: .fd, reason: .overMounted(by: 140), path: "/srv/pages/a/index.html", count: 3, mountPoint: "/srv/pages", mountID: 130,
                         heldSource: "nfs-old:/pages (nfs4)", currentSource: "nfs-new:/pages (nfs4)"),
            StaleFinding(pid: 77, command: "evil\u{1B}]0;pwned\u{07}", unit: nil, kind: .fd, reason: .detached,
                         path: "/bad\nname\"q", mountPoint: nil, mountID: 99, heldSource: "detached mount 99", currentSource: nil),
        ]
        return result
    }

    @Test("JSON follows the contract: stale[] with pid, command, unit, kind, path, mount_point, held_source, current_source")
    func json() throws {
        let json = MountReport.json(Self.pagesResult())
        guard case .object(let members) = json, case .array(let stale)? = members.first(where: { $0.0 == "stale" })?.1 else {
            Issue.record("not an object with stale[]"); return
        }
        #expect(members.first?.0 == "stale")
        guard case .object(let first) = stale[0] else { Issue.record("finding is not an object"); return }
        #expect(Array(first.map(\.0).prefix(8)) == ["pid", "command", "unit", "kind", "path", "mount_point", "held_source", "current_source"])
        let text = json.serialized()
        #expect(text.contains(#""pid":4242,"command":"gitlab-pages -pages-root /srv/pages","unit":"gitlab-pages.service","kind":"cwd","path":"/srv/pages","mount_point":"/srv/pages","held_source":"nfs-old:/pages (nfs4)","current_source":"nfs-new:/pages (nfs4)""#))
        // A detached mount has no mount point and nothing mounted "now".
        #expect(text.contains(#""unit":null,"kind":"fd","path":"/bad\nname\"q","mount_point":null,"held_source":"detached mount 99","current_source":null"#))
        #expect(text.contains(#""command":"evil\u001b]0;pwned\u0007""#))
    }

    @Test("Prometheus: counts per unit, mount point and kind; labels escaped; success, timestamp, duration")
    func prometheus() {
        let result = Self.pagesResult()
        let text = MountReport.prometheus(result, success: true, finishedAt: result.finishedAt, durationSeconds: result.durationSeconds)
        #expect(text.contains("hostguard_mounts_stale{unit=\"gitlab-pages.service\",mount_point=\"/srv/pages\",kind=\"cwd\"} 1\n"))
        #expect(text.contains("hostguard_mounts_stale{unit=\"gitlab-pages.service\",mount_point=\"/srv/pages\",kind=\"fd\"} 1\n"))
        #expect(text.contains("hostguard_mounts_stale{unit=\"\",mount_point=\"/bad\\nname\\\"q\",kind=\"fd\"} 1\n"))
        #expect(text.contains("hostguard_mounts_stale_processes 2\n"))
        #expect(text.contains("hostguard_mounts_success 1\n"))
        #expect(text.contains("hostguard_mounts_last_run_timestamp_seconds 1763750000.250\n"))
        #expect(text.contains("hostguard_mounts_duration_seconds 0.041500\n"))
        // Every sample line belongs to a declared metric.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = line.prefix { $0 != "{" && $0 != " " }
            #expect(text.contains("# TYPE \(name) gauge"), "\(line)")
        }
    }

    @Test("a failed run writes success 0 and no findings")
    func prometheusFailure() {
        let text = MountReport.prometheus(nil, success: false, finishedAt: 5, durationSeconds: 0.5)
        #expect(text.contains("hostguard_mounts_success 0\n"))
        #expect(!text.contains("hostguard_mounts_stale{"))
    }

    @Test("text: grouped by unit with the remedy, columns aligned, hostile names made visible")
    func text() {
        var out = ""
        MountReport.text(Self.pagesResult(), styled: false, to: &out)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "2 processes hold a stale view of the file system")
        #expect(out.contains("gitlab-pages.service  → systemctl restart gitlab-pages.service\n"))
        #expect(out.contains("(no systemd unit)  → restart the process(es) below\n"))
        #expect(out.contains("fd×3"))
        #expect(!out.contains("\u{1B}"))
        #expect(out.contains("evil\\x1b]0;pwned\\x07"))
        #expect(out.contains("/bad\\x0aname\"q"))
        // Alignment: in the first group, every row's KIND column starts at the same offset.
        let header = lines.first { $0.hasPrefix("  PID") }!
        let kindColumn = header.distance(from: header.startIndex, to: header.firstRange(of: "KIND")!.lowerBound)
        for row in lines where row.hasPrefix("  4242") {
            #expect(row.dropFirst(kindColumn).hasPrefix("cwd") || row.dropFirst(kindColumn).hasPrefix("fd"))
        }
        #expect(lines.last { !$0.isEmpty } == "Scanned 212 processes in 2 mount namespaces in 0.042 s.")
    }

    @Test("a clean result says so; unreadable processes are counted with an example and the root hint")
    func clean() {
        var result = MountScanResult()
        result.processesScanned = 10
        result.namespacesRead = 1
        result.processesUnreadable = 3
        result.runningAsRoot = false
        result.firstUnreadable = "readlink /proc/1/ns/mnt: Permission denied"
        var out = ""
        MountReport.text(result, styled: false, to: &out)
        #expect(out.hasPrefix("No process holds a stale mount.\n"))
        #expect(out.contains("3 could not be read (e.g. readlink /proc/1/ns/mnt: Permission denied): run as root to see every process."))
    }
}
