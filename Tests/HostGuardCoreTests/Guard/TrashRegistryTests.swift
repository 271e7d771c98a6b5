import Testing
@testable import HostGuardCore

@Suite struct TrashRegistryTests {
    static let rootTrash = Array("/.hostguard-trash".utf8)
    static let srvTrash = Array("/srv/a\nb/.hostguard-trash".utf8)

    @Test("what is appended parses back, in order, each folder once; newlines in a mount point survive")
    func roundTrip() {
        let text = TrashRegistry.addition(Self.rootTrash, toEmptyFile: true)
            + TrashRegistry.addition(Self.srvTrash, toEmptyFile: false)
            + TrashRegistry.addition(Self.rootTrash, toEmptyFile: false)
        #expect(text.hasPrefix("hostguard-trash-folders 1\nfolder 2f2e"))
        #expect(TrashRegistry.parse(text[...]) == [Self.rootTrash, Self.srvTrash])
    }

    static let rows: [(String, [[UInt8]]?)] = [
        // a new, empty file: no folders
        ("", []),
        // not a registry at all: nil, the caller says so
        ("hello\n", nil),
        // two writers that both found the file empty: the second header is skipped
        ("hostguard-trash-folders 1\nfolder 2f78\nhostguard-trash-folders 1\nfolder 2f79\n", [Array("/x".utf8), Array("/y".utf8)]),
        // damaged lines, unknown keys and relative paths are skipped, the rest kept
        ("hostguard-trash-folders 1\nfolder zz\nnote hi\nfolder 78\nfolder 2f78 extra\nfolder 2f7a\n", [Array("/z".utf8)]),
    ]

    @Test("parse", arguments: rows.indices)
    func parse(row: Int) {
        #expect(TrashRegistry.parse(Self.rows[row].0[...]) == Self.rows[row].1)
    }
}

@Suite struct TrashFolderTests {
    @Test("root's folder and a user's are different names: a user cannot make root's")
    func names() {
        #expect(TrashFolder.name(forUser: 0) == ".hostguard-trash")
        #expect(TrashFolder.name(forUser: 1000) == ".hostguard-trash-1000")
    }

    // (isDirectory, owner, permissions, user) → the reason contains this, or nil: trusted
    static let rows: [(Bool, UInt32, UInt32, UInt32, String?)] = [
        (true, 0, 0o700, 0, nil),                        // made by root, as quarantine makes it
        (true, 1000, 0o700, 1000, nil),                  // a user's own
        (true, 1000, 0o700, 0, "owned by uid 1000, not root"),   // planted by a user for root's files
        (true, 0, 0o700, 1000, "owned by root, not uid 1000"),
        (true, 0, 0o755, 0, "mode 0755, not 0700"),      // others can read what was quarantined
        (true, 0, 0o1777, 0, "mode 1777"),
        (true, 0, 0o770, 0, "mode 0770"),
        (false, 0, 0o700, 0, "not a directory"),         // a file or a symlink in its place
    ]

    @Test("distrust", arguments: rows.indices)
    func distrust(row: Int) {
        let (isDirectory, owner, permissions, user, expected) = Self.rows[row]
        let reason = TrashFolder.distrust(isDirectory: isDirectory, owner: owner, permissions: permissions, user: user)
        if let expected {
            #expect(reason?.contains(expected) == true, "\(reason ?? "nil")")
        } else {
            #expect(reason == nil)
        }
    }
}
