import Testing
@testable import HostGuardCore

@Suite("config file trust")
struct ConfigFileTrustTests {
    static let root = PathStep("/", .directory, owner: 0, permissions: 0o755)
    static let etc = PathStep("/etc", .directory, owner: 0, permissions: 0o755)
    static let file = PathStep("/etc/hg.toml", .file, owner: 0, permissions: 0o644)

    @Test("each step decides", arguments: [
        // (steps, nil when trusted / else a phrase the problem must contain)
        ([root, etc, file], nil),
        ([root, PathStep("/tmp", .directory, owner: 0, permissions: 0o1777), PathStep("/tmp/hg.toml", .file, owner: 0, permissions: 0o600)], nil),
        ([root, etc, PathStep("/etc/hg.toml", .file, owner: 1000, permissions: 0o644)], "owned by uid 1000, not root"),
        ([root, etc, PathStep("/etc/hg.toml", .file, owner: 0, permissions: 0o664)], "writable by group or others (mode 0664)"),
        ([root, PathStep("/etc", .directory, owner: 0, permissions: 0o777), file], "directory /etc is writable by group or others (mode 0777)"),
        ([root, PathStep("/etc", .directory, owner: 33, permissions: 0o755), file], "directory /etc is owned by uid 33"),
        ([root, etc, PathStep("/etc/link", .symlink, owner: 0, permissions: 0o777), PathStep("/srv", .directory, owner: 0, permissions: 0o757),
          PathStep("/srv/hg.toml", .file, owner: 0, permissions: 0o644)], "directory /srv is writable by group or others (mode 0757) (reached through the symbolic link /etc/link)"),
        ([root, etc, PathStep("/etc/link", .symlink, owner: 1000, permissions: 0o777), file], "the symbolic link /etc/link is owned by uid 1000"),
    ] as [([PathStep], String?)])
    func decide(steps: [PathStep], expected: String?) {
        let problem = ConfigFileTrust.problem(steps: steps)
        if let expected {
            #expect(problem?.contains(expected) == true, "\(problem ?? "trusted")")
        } else {
            #expect(problem == nil)
        }
    }
}
