import Testing
@testable import HostGuardCore

/// Bind-mount aliases and the namespace comparison, on mountinfo text shaped like the kernel's
/// (proc_pid_mountinfo(5): id parent major:minor root mount-point options - type source super).
@Suite struct TargetViewsTests {
    static let host = MountTable(parsing: """
        22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
        30 22 8:1 /var/lib/postgresql/15/main /mnt/pgview rw,relatime - ext4 /dev/sda1 rw
        31 22 0:50 / /srv/data rw,relatime - nfs4 new:/data rw
        32 31 0:51 / /srv/data rw,relatime - tmpfs later rw
        """[...])

    @Test func bindMountNamesTheSameFiles() {
        let real = RawPath("/mnt/pgview/base")
        let mount = Self.host.mountContaining(real.string)
        #expect(mount?.mountID == 30)
        let aliases = TargetViews.aliases(of: real, on: mount, in: Self.host)
        #expect(aliases == [RawPath("/var/lib/postgresql/15/main/base")])
        // And the other way round: the original reaches the bind view.
        let original = RawPath("/var/lib/postgresql/15/main")
        let back = TargetViews.aliases(of: original, on: Self.host.mountContaining(original.string), in: Self.host)
        #expect(back == [RawPath("/mnt/pgview")])
        // A path outside the bound subtree has no alias there.
        #expect(TargetViews.aliases(of: RawPath("/etc"), on: Self.host.mountContaining("/etc"), in: Self.host).isEmpty)
    }

    @Test func privateViewDiffersFromHost() throws {
        // Our namespace still has the old NFS export at /srv/data; the host has moved on.
        let here = MountTable(parsing: """
            40 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
            41 40 0:49 / /srv/data rw,relatime - nfs4 old:/data rw
            """[...])
        let mine = try #require(here.mountContaining("/srv/data/x"))
        let fact = try #require(TargetViews.namespace(of: mine, here: here, host: Self.host))
        #expect(fact.here?.source == "old:/data")
        #expect(fact.onHost?.filesystemType == "tmpfs")
        #expect(fact.sentence.contains("here /srv/data is nfs4 old:/data, on the host it is tmpfs later"))
    }

    @Test func hostHasItButOverMounted() throws {
        let here = MountTable(parsing: """
            40 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
            41 40 0:50 / /srv/data rw,relatime - nfs4 new:/data rw
            """[...])
        let mine = try #require(here.mountContaining("/srv/data/x"))
        let fact = try #require(TargetViews.namespace(of: mine, here: here, host: Self.host))
        #expect(fact.shadowedOnHost)
        #expect(fact.sentence.contains("over-mounted there"))
    }

    @Test func sameViewIsNoFact() throws {
        let mine = try #require(Self.host.mountContaining("/home/x"))
        #expect(TargetViews.namespace(of: mine, here: Self.host, host: Self.host) == nil)
    }
}
