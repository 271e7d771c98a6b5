import HostGuardCore
import Testing

/// A process as plain values (what the system layer would read from /proc), counting the lazy
/// look-ups so the tests can check they happen only where needed.
final class FakeProcess: ProcessView {
    let pid: Int32
    let namespace: UInt64
    let held: [HeldObject]
    var targets: [Int32: String]
    var devices: [Int32: DeviceNumber]
    var maps: [ProcessMapping]
    var lookups = 0

    init(pid: Int32, namespace: UInt64 = 1, held: [HeldObject], targets: [Int32: String] = [:],
         devices: [Int32: DeviceNumber] = [:], maps: [ProcessMapping] = []) {
        self.pid = pid
        self.namespace = namespace
        self.held = held
        self.targets = targets
        self.devices = devices
        self.maps = maps
    }

    func target(of object: HeldObject) -> String? {
        lookups += 1
        return object.kind == .cwd ? targets[-1] : targets[object.descriptor]
    }

    func device(of object: HeldObject) -> DeviceNumber? {
        lookups += 1
        return devices[object.descriptor]
    }

    func mappings(include: (DeviceNumber) -> Bool) -> [ProcessMapping] { maps.filter { include($0.device) } }

    func commandLine() -> String { "proc\(pid)" }
}

@Suite("stale mount finder")
struct StaleMountFinderTests {
    /// The Pages migration table: 130 (old export) over-mounted by 140 (new export).
    static var host: MountTable { MountTable(parsing: Fixture.text("mounts/nfs-migration.mountinfo")[...]) }
    static var views: MountViews { MountViews(referenceNamespace: 1, reference: host) }

    // (process, expected (kind, reason) pairs) — one row per situation.
    static var rows: [(String, FakeProcess, [String])] { [
        ("a clean process: nothing on a covered mount, no look-ups",
         FakeProcess(pid: 10, held: [HeldObject(kind: .cwd, mountID: 28), HeldObject(kind: .fd, descriptor: 3, mountID: 140)]),
         []),
        ("cwd on the old export: over-mounted, with what is mounted now",
         FakeProcess(pid: 11, held: [HeldObject(kind: .cwd, mountID: 130)], targets: [-1: "/var/opt/gitlab/gitlab-rails/shared/pages"]),
         ["cwd over_mounted"]),
        ("three fds on the old export: one finding, count 3",
         FakeProcess(pid: 12, held: (3...5).map { HeldObject(kind: .fd, descriptor: $0, mountID: 130) }, targets: [3: "/p/a", 4: "/p/b", 5: "/p/c"]),
         ["fd over_mounted"]),
        ("a pipe on an unlisted (kernel-internal) mount: not stale",
         FakeProcess(pid: 13, held: [HeldObject(kind: .fd, descriptor: 0, mountID: 9)], targets: [0: "pipe:[123]"]),
         []),
        ("a file on an unlisted mount whose device no table has: detached",
         FakeProcess(pid: 14, held: [HeldObject(kind: .fd, descriptor: 7, mountID: 999)], targets: [7: "/held"], devices: [7: DeviceNumber(major: 0, minor: 99)]),
         ["fd detached"]),
        ("a file on an unlisted mount whose device is visibly mounted: via another namespace, not stale",
         FakeProcess(pid: 15, held: [HeldObject(kind: .fd, descriptor: 7, mountID: 998)], targets: [7: "/x"], devices: [7: DeviceNumber(major: 8, minor: 1)]),
         []),
        ("a mapping of a file on the covered export's device: mmap over-mounted",
         FakeProcess(pid: 16, held: [], maps: [ProcessMapping(device: DeviceNumber(major: 0, minor: 52), inode: 5, path: "/p/lib.so")]),
         ["mmap over_mounted"]),
        ("a mapping on a device no table lists: mmap detached",
         FakeProcess(pid: 17, held: [], maps: [ProcessMapping(device: DeviceNumber(major: 0, minor: 77), inode: 5, path: "/gone/lib.so")]),
         ["mmap detached"]),
    ] }

    @Test("each held object decided by mount id first", arguments: 0..<8)
    func row(index: Int) {
        let (name, process, expected) = Self.rows[index]
        var finder = StaleMountFinder(views: Self.views)
        let found = finder.findings(for: process)
        #expect(found.map { "\($0.kind.rawValue) \($0.reason.key)" } == expected, "\(name)")
        if expected.isEmpty && process.held.allSatisfy({ [28, 140].contains($0.mountID) }) {
            #expect(process.lookups == 0, "a clean process costs no look-ups")
        }
        if let first = found.first {
            #expect(first.command == "proc\(process.pid)")
            if first.reason == .overMounted(by: 140) && first.kind != .mmap {
                #expect(first.currentSource == "nfs-pages.internal:/export/pages (nfs4)")
            }
        }
        if name.contains("three fds") { #expect(found.first?.count == 3 && found.first?.path == "/p/a") }
    }

    @Test("an unlisted kernel-internal mount is looked at once, then remembered")
    func internalCache() {
        var finder = StaleMountFinder(views: Self.views)
        let first = FakeProcess(pid: 1, held: [HeldObject(kind: .fd, descriptor: 0, mountID: 9)], targets: [0: "socket:[1]"])
        let second = FakeProcess(pid: 2, held: [HeldObject(kind: .fd, descriptor: 0, mountID: 9)], targets: [0: "socket:[2]"])
        #expect(finder.findings(for: first).isEmpty && finder.findings(for: second).isEmpty)
        #expect(second.lookups == 0)
    }

    @Test("a namespace made before the migration: every process in it is named, once per path")
    func namespaces() {
        var views = Self.views
        views.add(namespace: 2, table: MountTable(parsing: """
            28 1 8:1 / / rw - ext4 /dev/sda1 rw
            130 28 0:52 / /var/opt/gitlab/gitlab-rails/shared/pages rw - nfs4 nfs-old:/pages rw
            """))
        let (findings, watched, skipped) = StaleMountFinder.namespaceFindings(
            views: views, processes: [(5, 2, { "old" }), (6, 1, { "new" })], watchedPaths: [], includePrivate: false)
        #expect(skipped == 0)
        #expect(watched.contains("/var/opt/gitlab/gitlab-rails/shared/pages"))
        #expect(Set(findings.map(\.pid)) == [5])
        let pages = findings.first { $0.path == "/var/opt/gitlab/gitlab-rails/shared/pages" }
        #expect(pages?.heldSource == "nfs-old:/pages (nfs4)")
        #expect(pages?.currentSource == "nfs-pages.internal:/export/pages (nfs4)")
    }

    @Test("acknowledged findings stay listed but leave the exit status and the notice; a changed finding is new")
    func acknowledge() {
        var finder = StaleMountFinder(views: Self.views)
        let found = finder.findings(for: FakeProcess(pid: 11, held: [HeldObject(kind: .cwd, mountID: 130)], targets: [-1: "/p"]))
        let id = MountAcknowledgement.id(of: found[0])
        #expect(id.count == 12)
        var result = MountScanResult()
        result.findings = MountAcknowledgement.apply([id.uppercased()], to: found)
        #expect(result.findings.count == 1 && result.findings[0].acknowledged)
        #expect(result.isClean && result.staleProcessCount == 0)
        var changed = found[0]
        changed.heldSource = "nfs-other:/pages (nfs4)"
        #expect(MountAcknowledgement.id(of: changed) != id)
        var restarted = found[0]
        restarted.pid = 4711   // same holder after a restart: same finding
        #expect(MountAcknowledgement.id(of: restarted) == id)
    }

    @Test("mappings are read when a table shows a mount they could be stale on (auto), always (all), never (off)")
    func mappingPolicy() {
        #expect(StaleMountFinder(views: Self.views).readsMappings)
        let clean = MountViews(referenceNamespace: 1, reference: MountTable(parsing: "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:40 / /srv rw - tmpfs t rw\n"))
        #expect(!StaleMountFinder(views: clean).readsMappings)
        #expect(StaleMountFinder(views: clean, mappings: .all).readsMappings)
        #expect(!StaleMountFinder(views: Self.views, mappings: .off).readsMappings)
        // Without mappings, a mapping on the covered device goes unseen; the program file does not.
        var finder = StaleMountFinder(views: Self.views, mappings: .off)
        let process = FakeProcess(pid: 20, held: [HeldObject(kind: .mmap, descriptor: HeldObject.executable, mountID: 130)],
                                  maps: [ProcessMapping(device: DeviceNumber(major: 0, minor: 52), inode: 5, path: "/p/lib.so")])
        process.targets[HeldObject.executable] = "/p/bin/server"
        #expect(finder.findings(for: process).map { "\($0.kind.rawValue) \($0.path)" } == ["mmap /p/bin/server"])
    }

    @Test("findings merge by process, kind and mount, typed keys, first-seen order")
    func merge() {
        let a = StaleFinding(pid: 1, command: "", unit: nil, kind: .fd, reason: .detached, path: "/a", mountPoint: nil, mountID: 7, heldSource: nil, currentSource: nil)
        var b = a; b.path = "/b"
        var c = a; c.mountID = 8
        let merged = StaleFinding.merged([a, b, c])
        #expect(merged.map(\.count) == [2, 1])
        #expect(merged.map(\.path) == ["/a", "/a"])
    }
}
