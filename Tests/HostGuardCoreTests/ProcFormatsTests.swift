import HostGuardCore
import Testing

@Suite("proc formats")
struct ProcFormatsTests {
    @Test("fdinfo gives the mount id; without the line, nil")
    func fdinfo() {
        #expect(FdInfo.mountID("pos:\t0\nflags:\t0100000\nmnt_id:\t24\nino:\t3\n") == 24)
        #expect(FdInfo.mountID("pos:\t0\nflags:\t02\n") == nil)
    }

    @Test("maps: one entry per mapped file, hex devices, spaces and newlines in names")
    func maps() throws {
        let mappings = ProcMaps.fileMappings(Fixture.text("mounts/sleep.maps")[...])
        #expect(mappings.first == ProcessMapping(device: DeviceNumber(major: 0xfe, minor: 0), inode: 254651, path: "/usr/bin/sleep"))
        // sleep, 12 locale files, libc, gconv cache, ld.so, and the three added lines.
        #expect(mappings.count == 19)
        #expect(!mappings.contains { $0.path.hasPrefix("[") })
        let spaced = try #require(mappings.first { $0.inode == 17 })
        #expect(spaced.path == "/srv/pages/with space.html (deleted)")
        #expect(spaced.isDeleted)
        #expect(spaced.device == DeviceNumber(major: 0, minor: 0x2d))
        #expect(mappings.contains { $0.path == "/srv/pages/new\nline" })
    }

    @Test("the byte-level maps scan agrees with the text parser, and filters by device before decoding")
    func mapsBytes() {
        let text = Fixture.text("mounts/sleep.maps")
        let bytes = Array(text.utf8)
        let all = bytes.withUnsafeBufferPointer { ProcMaps.fileMappings(bytes: $0, include: { _ in true }) }
        #expect(all == ProcMaps.fileMappings(text[...]))
        let tmpfsOnly = bytes.withUnsafeBufferPointer { ProcMaps.fileMappings(bytes: $0, include: { $0.major == 0 }) }
        #expect(tmpfsOnly.map(\.inode) == [1034, 17, 5])
        let info = Array("pos:\t0\nflags:\t0100000\nmnt_id:\t1234\nino:\t3\n".utf8)
        #expect(info.withUnsafeBufferPointer { FdInfo.mountID(bytes: $0) } == 1234)
        #expect(Array("pos:\t0\n".utf8).withUnsafeBufferPointer { FdInfo.mountID(bytes: $0) } == nil)
    }

    @Test("device numbers in both kernel formats",
          arguments: [("254:0", 10, 254, 0), ("fe:00", 16, 254, 0), ("103:05", 16, 259, 5), ("0:41", 10, 0, 41)])
    func devices(text: String, radix: Int, major: UInt32, minor: UInt32) {
        #expect(DeviceNumber(text[...], radix: radix) == DeviceNumber(major: major, minor: minor))
    }

    @Test("cgroup to unit", arguments: [
        // (cgroup file, unit name, kind)
        ("0::/system.slice/gitlab-pages.service\n", "gitlab-pages.service", ProcessUnit.Kind.systemService),
        ("0::/user.slice/user-1000.slice/user@1000.service/app.slice/syncthing.service\n", "syncthing.service", .userService),
        ("0::/user.slice/user-1000.slice/session-4.scope\n", "session-4.scope", .scope),
        ("0::/system.slice/docker-4f1c2e3d4b5a69788796a5b4c3d2e1f0.scope\n", "4f1c2e3d4b5a", .container),
        ("12:pids:/docker/0123456789abcdef\n1:name=systemd:/docker/0123456789abcdef\n0::/\n", "0123456789ab", .container),
        ("2:cpu:/\n1:name=systemd:/system.slice/nginx.service\n", "nginx.service", .systemService),
        ("0::/machine.slice/machine-web1.scope/payload\n", "web1", .container),
    ])
    func cgroups(text: String, name: String, kind: ProcessUnit.Kind) throws {
        let unit = try #require(ProcCgroup.unit(text[...]))
        #expect(unit.name == name)
        #expect(unit.kind == kind)
    }

    @Test("the root cgroup has no unit; the remedy names the unit when there is one")
    func rootCgroup() {
        #expect(ProcCgroup.unit("0::/\n") == nil)
        #expect(ProcCgroup.unit("0::/system.slice/a.service")?.remedy == "systemctl restart a.service")
        #expect(ProcCgroup.unit("0::/user.slice/user-1000.slice/user@1000.service/app.slice/b.service")?.remedy
            == "systemctl --user -M 1000@ restart b.service")
    }

    @Test("namespace links and command lines")
    func smallOnes() {
        #expect(NamespaceLink.inode("mnt:[4026531841]") == 4026531841)
        #expect(NamespaceLink.inode("mnt:") == nil)
        let cmdline = Array("python3\0-m\0http.server\0".utf8)
        #expect(ProcCommandLine.display(cmdline) == "python3 -m http.server")
        #expect(ProcCommandLine.display([]) == "")
        #expect(ProcCommandLine.display(Array("a\0\0b\0".utf8)) == "a  b")
    }
}
