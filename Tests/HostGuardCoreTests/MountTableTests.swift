import HostGuardCore
import Testing

@Suite("mount table")
struct MountTableTests {
    let stacked = MountTable(parsing: Fixture.text("mounts/captured-stacked.mountinfo")[...])
    let pages = MountTable(parsing: Fixture.text("mounts/nfs-migration.mountinfo")[...])

    @Test("the namespace root is the mount at / whose parent is not listed")
    func root() {
        #expect(stacked.rootMount?.mountID == 43)
        #expect(pages.rootMount?.mountID == 28)
    }

    @Test("a stack at one mount point: the later mount is on top, the earlier one over-mounted")
    func stacked_() {
        #expect(stacked.visibility(ofID: 64) == .overMounted(by: 65))   // old under new
        #expect(stacked.visibility(ofID: 65) == .visible)
        #expect(stacked.mounts(at: "/tmp/hgfx/srv/pages").map(\.mountID) == [64, 65])
        #expect(stacked.mountContaining("/tmp/hgfx/srv/pages/index.html")?.source == "new")
        // The sandbox's own /dev/shm and /dev/pts are stacked twice, too.
        #expect(stacked.isShadowed(id: 59))
        #expect(stacked.isShadowed(id: 61))
        #expect(!stacked.isShadowed(id: 60))
    }

    @Test("below an over-mounted mount everything is over-mounted, however deep")
    func shadowedSubtree() {
        #expect(stacked.visibility(ofID: 66) == .overMounted(by: 68))          // data under cover
        #expect(stacked.visibility(ofID: 67) == .overMounted(by: 68))          // sub below data: the walk reaches cover
        #expect(stacked.mountContaining("/tmp/hgfx/srv/data/sub/x")?.source == "cover")
        #expect(Set(stacked.shadowedMounts.map(\.mountID)) == [59, 61, 64, 66, 67])
        #expect(stacked.isVisible(id: 68))
    }

    @Test("a mount on a directory above an existing mount hides it (the walk enters the upper one first)")
    func coverFromAbove() throws {
        let table = MountTable(MountInfoParser.parse("""
            1 0 8:1 / / rw - ext4 /dev/sda1 rw
            2 1 0:40 / /srv/pages rw - nfs4 old:/pages rw
            3 1 0:41 / /srv rw - tmpfs cover rw
            """))
        #expect(table.visibility(ofID: 2) == .overMounted(by: 3))
        #expect(table.mountContaining("/srv/pages/a")?.mountID == 3)
        #expect(table.mountContaining("/srvx")?.mountID == 1)   // by component, not by prefix
    }

    @Test("bind mounts are separate, visible mounts of the same device")
    func bindMounts() {
        #expect(stacked.mounts(onDevice: DeviceNumber(major: 0, minor: 41)).map(\.mountID) == [65, 73, 74])
        #expect(stacked.isVisible(id: 73))
        #expect(stacked.isVisible(id: 74))
        #expect(stacked.mountContaining("/tmp/hgfx/srv/site")?.root == "/site")
    }

    @Test("the Pages migration: the old NFS export is shadowed by the new one")
    func pagesMigration() {
        #expect(pages.visibility(ofID: 130) == .overMounted(by: 140))
        #expect(pages.mountContaining("/var/opt/gitlab/gitlab-rails/shared/pages/a/index.html")?.source
            == "nfs-pages.internal:/export/pages")
        #expect(pages.mounts(atOrBelow: "/var/opt/gitlab").map(\.mountID) == [95, 130, 140])
        #expect(pages.mountsAlong("/var/opt/gitlab/gitlab-rails/shared/pages/x").map(\.mountID) == [28, 95, 130, 140])
    }

    @Test("paths compare by component and are normalised",
          arguments: [
              ("/srv", "/srv/pages", true),
              ("/srv", "/srv", true),
              ("/srv", "/srvx", false),
              ("/", "/anything", true),
              ("/srv/pages", "/srv", false),
          ])
    func pathPrefix(prefix: String, path: String, expected: Bool) {
        #expect(MountPath.isPrefix(prefix, of: path) == expected)
    }

    @Test("normalisation drops repeated slashes, trailing slashes and dots")
    func normalise() {
        #expect(MountPath.normalized("/srv//pages/./") == "/srv/pages")
        #expect(MountPath.normalized("/") == "/")
    }

    @Test("an empty table answers nil, never crashes")
    func empty() {
        let table = MountTable([])
        #expect(table.mountContaining("/") == nil)
        #expect(table.rootMount == nil)
        #expect(!table.isShadowed(id: 1))
    }
}
