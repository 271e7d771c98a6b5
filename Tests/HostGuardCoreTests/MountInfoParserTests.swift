import HostGuardCore
import Testing

@Suite("mountinfo parser")
struct MountInfoParserTests {
    let stacked = MountInfoParser.parse(Fixture.text("mounts/captured-stacked.mountinfo"))

    @Test("every line of a captured table parses, fields in place")
    func capturedTable() throws {
        #expect(stacked.count == 34)
        let root = try #require(stacked.first)
        #expect(root.mountID == 43)
        #expect(root.parentID == 42)
        #expect(root.device == DeviceNumber(major: 254, minor: 0))
        #expect(root.root == "/")
        #expect(root.mountPoint == "/")
        #expect(root.mountOptions == "rw,relatime")
        #expect(root.optionalFields == [])
        #expect(root.filesystemType == "ext4")
        #expect(root.source == "/dev/vda")
        #expect(root.superOptions == "rw,discard,resv_strict,resuid=65534,resgid=65534")
    }

    @Test("octal escapes in mount points and sources decode to the real bytes",
          arguments: [
              (69, "/tmp/hgfx/srv/with space", "sp ace"),   // \040
              (70, "/tmp/hgfx/srv/tab\there", "tabbed"),    // \011
              (71, "/tmp/hgfx/srv/back\\slash", "back"),    // \134
              (72, "/tmp/hgfx/srv/new\nline", "nl"),        // \012
          ])
    func escapes(id: Int, mountPoint: String, source: String) throws {
        let entry = try #require(stacked.first { $0.mountID == id })
        #expect(entry.mountPoint == mountPoint)
        #expect(entry.source == source)
    }

    @Test("optional fields are kept, and the separator still found after them")
    func optionalFields() throws {
        let shared = try #require(stacked.first { $0.mountID == 75 })
        #expect(shared.optionalFields == ["shared:1"])
        #expect(shared.filesystemType == "tmpfs")
        #expect(shared.source == "sharedfs")
        let slave = try #require(stacked.first { $0.mountID == 76 })
        #expect(slave.optionalFields == ["master:1"])
        let line = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 shared:4 propagate_from:2 unbindable - ext3 /dev/root rw,errors=continue"
        let entry = try #require(MountInfoParser.parseLine(line[...]))
        #expect(entry.optionalFields == ["master:1", "shared:4", "propagate_from:2", "unbindable"])
        #expect(entry.root == "/mnt1")
        #expect(entry.superOptions == "rw,errors=continue")
    }

    @Test("a bind of a subdirectory keeps its root")
    func bindRoot() throws {
        let site = try #require(stacked.first { $0.mountID == 74 })
        #expect(site.root == "/site")
        #expect(site.sourceDescription == "new[/site] (tmpfs)")
    }

    @Test("malformed lines are skipped, not fatal",
          arguments: [
              "",                                                // empty
              "garbage",                                         // one field
              "36 35 98:0 / /mnt rw shared:1 ext3 /dev/root rw", // no "-" separator
              "x 35 98:0 / /mnt rw - ext3 /dev/root rw",         // id not a number
              "36 35 98-0 / /mnt rw - ext3 /dev/root rw",        // device without colon
          ])
    func malformed(line: String) {
        #expect(MountInfoParser.parseLine(line[...]) == nil)
    }

    @Test("an escape that is not octal is left as typed; a lone trailing backslash too")
    func oddEscapes() {
        #expect(MountInfoParser.unescape("a\\09b") == "a\\09b")
        #expect(MountInfoParser.unescape("end\\") == "end\\")
        #expect(MountInfoParser.unescape("\\101\\102") == "AB")
        // Not UTF-8 (a Latin-1 é): shown as U+FFFD, never a crash.
        #expect(MountInfoParser.unescape("caf\\351") == "caf\u{FFFD}")
    }

    @Test("network file systems are recognised by type")
    func network() {
        let table = MountInfoParser.parse(Fixture.text("mounts/nfs-migration.mountinfo"))
        #expect(table.filter(\.isNetworkFilesystem).map(\.mountID) == [130, 131, 140])
    }
}
