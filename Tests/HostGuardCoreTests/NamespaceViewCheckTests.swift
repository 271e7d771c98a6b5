import HostGuardCore
import Testing

@Suite("namespace view check")
struct NamespaceViewCheckTests {
    let host = MountTable(parsing: Fixture.text("mounts/nfs-migration.mountinfo")[...])
    static let pagesPath = "/var/opt/gitlab/gitlab-rails/shared/pages"

    /// The host table as it was before the new export went on top: what a namespace made before
    /// the migration still shows.
    var before: MountTable {
        MountTable(host.entries.filter { $0.mountID != 140 })
    }

    @Test("defaults: every network mount point and every shadowed mount point, once each")
    func defaults() {
        #expect(NamespaceViewCheck.defaultWatchedPaths(reference: host) == ["/srv/git-data", Self.pagesPath])
    }

    @Test("a namespace made before the migration sees the old export")
    func oldNamespace() throws {
        let differences = NamespaceViewCheck.differences(before, reference: host, watched: [Self.pagesPath, "/srv/git-data"])
        let difference = try #require(differences.first)
        #expect(differences.count == 1)
        #expect(difference.path == Self.pagesPath)
        #expect(difference.held?.source == "nfs-old.internal:/pages")
        #expect(difference.current?.source == "nfs-pages.internal:/export/pages")
    }

    @Test("the same view, or only options differing (read-only), is not a difference")
    func sameView() {
        var readOnly = host.entries
        for index in readOnly.indices { readOnly[index].mountOptions = "ro,relatime" }
        #expect(NamespaceViewCheck.differences(MountTable(readOnly), reference: host, watched: [Self.pagesPath]).isEmpty)
    }

    @Test("systemd PrivateTmp and ProtectHome are benign")
    func sandboxing() {
        var entries = host.entries
        entries.append(MountEntry(mountID: 900, parentID: 28, device: DeviceNumber(major: 8, minor: 1),
                                  root: "/tmp/systemd-private-5c1d-nginx.service-Qx2/tmp", mountPoint: "/tmp",
                                  filesystemType: "ext4", source: "/dev/sda1"))
        entries.append(MountEntry(mountID: 901, parentID: 28, device: DeviceNumber(major: 0, minor: 90),
                                  root: "/", mountPoint: "/home", mountOptions: "ro,nosuid,nodev",
                                  filesystemType: "tmpfs", source: "tmpfs"))
        let sandboxed = MountTable(entries)
        #expect(NamespaceViewCheck.differences(sandboxed, reference: host, watched: ["/tmp", "/home"]).isEmpty)
    }

    @Test("a container has its own root: not compared path by path")
    func container() {
        let container = MountTable(parsing: Fixture.text("mounts/container.mountinfo")[...])
        #expect(NamespaceViewCheck.hasOwnRoot(container, comparedTo: host))
        #expect(!NamespaceViewCheck.hasOwnRoot(before, comparedTo: host))
    }
}

@Suite("mount views")
struct MountViewsTests {
    let host = MountTable(parsing: Fixture.text("mounts/nfs-migration.mountinfo")[...])

    @Test("a mount id is placed visible, over-mounted, or unlisted (detached or kernel-internal)")
    func placement() {
        let views = MountViews(referenceNamespace: 1, reference: host)
        #expect(views.placement(mountID: 140) == .visible(host.entry(id: 140)!))
        #expect(views.placement(mountID: 130) == .overMounted(host.entry(id: 130)!, by: 140, namespace: 1))
        #expect(views.placement(mountID: 4242) == .unlisted)
        #expect(views.overMountedIDs == [130])
        #expect(views.currentSource(at: "/var/opt/gitlab/gitlab-rails/shared/pages", namespace: 1)
            == "nfs-pages.internal:/export/pages (nfs4)")
    }

    @Test("a mapping is stale when every mount of its device is shadowed")
    func mappingDevice() {
        let views = MountViews(referenceNamespace: 1, reference: host)
        #expect(views.overMountedMount(forDevice: DeviceNumber(major: 0, minor: 52), namespace: 1)?.entry.mountID == 130)
        #expect(views.overMountedMount(forDevice: DeviceNumber(major: 0, minor: 54), namespace: 1) == nil)
        #expect(views.overMountedMount(forDevice: DeviceNumber(major: 8, minor: 1), namespace: 1) == nil)
        #expect(views.deviceIsUnlisted(DeviceNumber(major: 0, minor: 99)))
    }

    @Test("ids found in another namespace's table count as that mount")
    func otherNamespace() {
        var views = MountViews(referenceNamespace: 1, reference: host)
        views.add(namespace: 2, table: MountTable(parsing: Fixture.text("mounts/container.mountinfo")[...]))
        #expect(views.placement(mountID: 618) == .visible(views.tables[2]!.entry(id: 618)!))
    }
}
