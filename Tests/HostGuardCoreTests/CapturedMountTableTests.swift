import HostGuardCore
import Testing

/// Tables captured on this kernel by Tests/tools/capture-mountinfo.sh (each in a private mount
/// namespace), with what they should parse to beside them (`NAME.expected`, checked by hand),
/// as util-linux keeps tests/ts/libmount/files and tests/expected/libmount.
@Suite("captured mount tables")
struct CapturedMountTableTests {
    /// One line per mount: every parsed field the checks use, escaped as the kernel escapes
    /// (plus CR), then the state the table gives it.
    static func listing(_ table: MountTable) -> String {
        var out = ""
        for entry in table.entries {
            let state: String
            switch table.visibility(ofID: entry.mountID)! {
            case .visible: state = "visible"
            case .overMounted(let by): state = "over-mounted-by=\(by)"
            }
            let e = MountInfoParser.escape
            out += "\(entry.mountID) parent=\(entry.parentID) dev=\(entry.device) root=\(e(entry.root)) target=\(e(entry.mountPoint))"
            out += " type=\(e(entry.filesystemType)) source=\(e(entry.source)) options=\(e(entry.mountOptions))"
            out += " optional=\(entry.optionalFields.joined(separator: ",")) super=\(e(entry.superOptions))"
            out += " state=\(state)" + (table.isAttachedOutside(id: entry.mountID) ? " attached-outside" : "") + "\n"
        }
        return out
    }

    @Test("each captured table parses to its expected listing, no line dropped",
          arguments: ["empty-source", "escaped", "overlay", "btrfs", "chroot", "container"])
    func captured(name: String) {
        let text = Fixture.text("mounts/captured/\(name).mountinfo")
        let table = MountTable(parsing: text[...])
        #expect(table.entries.count == text.utf8.filter { $0 == UInt8(ascii: "\n") }.count, "a line was dropped or merged")
        #expect(Self.listing(table) == Fixture.text("mounts/captured/\(name).expected"))
    }

    @Test("an empty source stays empty, with and without an optional field before the separator")
    func emptySource() {
        let table = MountTable(parsing: Fixture.text("mounts/captured/empty-source.mountinfo")[...])
        let empties = table.entries.filter { $0.filesystemType == "tmpfs" && $0.mountPoint != "/cap" }
        #expect(empties.count == 6)
        #expect(empties.allSatisfy { $0.source == "" && $0.superOptions == "rw" })
        #expect(empties.contains { $0.optionalFields.first?.hasPrefix("shared:") == true })
        // The stacked pair: the lower one over-mounted by the upper, not "detached".
        let stack = table.mounts(at: "/cap/stacked")
        #expect(table.visibility(ofID: stack[0].mountID) == .overMounted(by: stack[1].mountID))
        // Covered from above: /cap/above/pages was mounted first, then /cap/above.
        let pages = table.mounts(at: "/cap/above/pages")[0], above = table.mounts(at: "/cap/above")[0]
        #expect(table.visibility(ofID: pages.mountID) == .overMounted(by: above.mountID))
    }

    @Test("a raw CR ending a line (btrfs subvol=/sub\\r) is data; the next line survives")
    func carriageReturn() {
        let table = MountTable(parsing: Fixture.text("mounts/captured/btrfs.mountinfo")[...])
        let cr = table.entries.first { $0.mountPoint == "/cap/subcr" }
        #expect(cr?.root == "/sub\r")
        #expect(cr?.superOptions.hasSuffix("subvol=/sub\r") == true)
        #expect(table.entries.contains { $0.mountPoint == "/cap/sub1/inner" })
        // Subvolume mounts of one device are separate, visible mounts.
        #expect(table.entries.allSatisfy { table.isVisible(id: $0.mountID) })
    }

    @Test("a chroot's table has no / entry and is checked relative to its own root")
    func chroot() {
        let table = MountTable(parsing: Fixture.text("mounts/captured/chroot.mountinfo")[...])
        #expect(table.rootMount == nil)
        #expect(table.overMountedMounts.isEmpty)
        #expect(table.topMounts.count == table.entries.count)
        #expect(table.mountContaining("/srv/data/x")?.source == "data")
        #expect(table.mountContaining("/etc/passwd") == nil)
    }

    @Test("a container's table: its root's parent is outside, everything visible")
    func container() {
        let table = MountTable(parsing: Fixture.text("mounts/captured/container.mountinfo")[...])
        #expect(table.rootMount?.source == "ctr-root")
        #expect(table.overMountedMounts.isEmpty)
        #expect(table.mountContaining("/data/x")?.root == "/data")
    }

    @Test("escaped names decode to the bytes they stand for, and escape back")
    func escaped() {
        let table = MountTable(parsing: Fixture.text("mounts/captured/escaped.mountinfo")[...])
        let points = Set(table.entries.map(\.mountPoint))
        #expect(points.isSuperset(of: ["/cap/a b", "/cap/tab\tx", "/cap/nl\nx", "/cap/back\\x"]))
        #expect(table.entries.contains { $0.source == "src with space" })
        #expect(table.entries.contains { $0.source == "back\\src" })
        #expect(MountInfoParser.escape("/cap/nl\nx y\\z\r") == "/cap/nl\\012x\\040y\\134z\\015")
    }
}
