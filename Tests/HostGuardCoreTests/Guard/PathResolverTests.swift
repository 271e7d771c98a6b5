import Testing
@testable import HostGuardCore

/// A file system as a dictionary: path → entry; anything else is missing.
struct FakeFileSystem: FileSystemView {
    var entries: [String: PathEntry]
    func entry(at path: RawPath) -> PathEntry {
        if path == .root { return .directory }
        return entries[path.string] ?? .missing
    }
}

@Suite struct PathResolverTests {
    static let tree = FakeFileSystem(entries: [
        "/var": .directory, "/var/lib": .directory, "/var/lib/postgresql": .directory,
        "/var/lib/postgresql/15": .directory, "/var/lib/postgresql/15/main": .directory,
        "/var/lib/postgresql/15/main/base": .directory,
        "/home": .directory, "/home/me": .directory,
        // a relative link to the data directory
        "/home/me/pg": .symlink(target: Array("../../var/lib/postgresql/15/main".utf8)),
        // an absolute link to a directory holding the data directory
        "/srv": .symlink(target: Array("/var/lib".utf8)),
        "/loop": .symlink(target: Array("/loop".utf8)),
        "/home/me/secret": .failed("lstat /home/me/secret: Permission denied"),
        "/home/me/file": .other,
    ])

    struct Row: Sendable, CustomStringConvertible {
        var spelled: String
        var cwd = "/home/me"
        var follows = false
        var real: String
        var exists = true
        var isLink = false
        var problem = false
        var description: String { "\(spelled) from \(cwd)" }
    }

    static let rows: [Row] = [
        // absolute
        Row(spelled: "/var/lib/postgresql/15/main", real: "/var/lib/postgresql/15/main"),
        // relative from the cwd
        Row(spelled: "main", cwd: "/var/lib/postgresql/15", real: "/var/lib/postgresql/15/main"),
        // `..` and `.` and doubled slashes
        Row(spelled: "../../var//lib/./postgresql/15/main/base/..", real: "/var/lib/postgresql/15/main"),
        // `rm pg` removes the link itself
        Row(spelled: "pg", real: "/home/me/pg", isLink: true),
        // `rm -rf pg/` acts on the directory the link points to
        Row(spelled: "pg/", real: "/var/lib/postgresql/15/main"),
        // `pg/.` likewise
        Row(spelled: "pg/.", real: "/var/lib/postgresql/15/main"),
        // a tool that follows the last link (dd of=, chmod)
        Row(spelled: "pg", follows: true, real: "/var/lib/postgresql/15/main"),
        // a link in the middle is always followed
        Row(spelled: "/srv/postgresql/15/main", real: "/var/lib/postgresql/15/main"),
        // `..` after a link is the parent of the link's target (kernel semantics, not lexical)
        Row(spelled: "pg/../main", real: "/var/lib/postgresql/15/main"),
        // a missing name: the rest is taken as written
        Row(spelled: "nothing/../x", real: "/home/me/x", exists: false),
        // a symlink loop is reported
        Row(spelled: "/loop/x", real: "/loop/x", problem: true),
        // an unreadable component is reported
        Row(spelled: "secret/x", real: "/home/me/secret/x", problem: true),
        // `..` above the root stays at the root
        Row(spelled: "/../../", real: "/"),
        // an empty name is nothing, not the cwd (rm "" fails with ENOENT)
        Row(spelled: "", real: "", exists: false),
    ]

    @Test(arguments: rows)
    func resolves(_ row: Row) {
        let result = PathResolver.resolve(RawPath(row.spelled), cwd: RawPath(row.cwd), followFinalSymlink: row.follows, in: Self.tree)
        #expect(result.real.string == row.real)
        #expect(result.exists == row.exists)
        #expect(result.isSymlinkItself == row.isLink)
        #expect((result.problem != nil) == row.problem)
    }

    @Test func startsWithIsByComponent() {
        #expect(RawPath("/usr/bin").starts(with: RawPath("/usr")))
        #expect(!RawPath("/usr/bin").starts(with: RawPath("/us")))
        #expect(RawPath("/x").starts(with: .root))
    }

    @Test func nonUTF8IsShownEscaped() {
        #expect(RawPath([0x2F, 0x61, 0xFF, 0x62]).description == "/a\\xffb")
        #expect(RawPath("/caf\u{e9}").description == "/caf\u{e9}")
        #expect(RawPath("/a\u{1b}[31m").description == "/a\\x1b[31m")
    }
}
