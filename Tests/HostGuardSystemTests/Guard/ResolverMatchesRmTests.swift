import Glibc
import Testing
import HostGuardCore
@testable import HostGuardSystem

/// The resolver's model checked against what GNU rm really does on a real tree: `rm -rf link`
/// removes the link, `rm -rf link/` (and `link/.`) empties the directory it points to.
@Suite struct ResolverMatchesRmTests {
    struct Case: Sendable, CustomStringConvertible {
        var spelling: String
        /// Which the resolver must name: the link itself, or the directory behind it.
        var actsOnDirectory: Bool
        var description: String { spelling }
    }

    @Test(arguments: [
        Case(spelling: "link", actsOnDirectory: false),
        Case(spelling: "link/", actsOnDirectory: true),
        Case(spelling: "./link//", actsOnDirectory: true),
        Case(spelling: "sub/../link", actsOnDirectory: false),
    ])
    func resolverPredictsRm(_ test: Case) throws {
        var template = Array("/tmp/hostguard-rm-XXXXXX".utf8CString)
        let base = String(cString: try #require(mkdtemp(&template)))
        defer { _ = system("rm -rf '\(base)'") }
        #expect(system("cd '\(base)' && mkdir -p target/inner sub && touch target/file target/inner/x && ln -s target link") == 0)

        let predicted = PathResolver.resolve(RawPath(test.spelling), cwd: RawPath(base), followFinalSymlink: false, in: LiveFileSystem())
        #expect(predicted.real.string == (test.actsOnDirectory ? base + "/target" : base + "/link"))
        #expect(predicted.isSymlinkItself == !test.actsOnDirectory)

        _ = system("cd '\(base)' && rm -rf '\(test.spelling)' 2>/dev/null")
        var info = stat()
        let linkThere = lstat(base + "/link", &info) == 0
        let contentsThere = lstat(base + "/target/file", &info) == 0
        if test.actsOnDirectory {
            #expect(linkThere && !contentsThere, "rm emptied the directory behind the link")
        } else {
            #expect(!linkThere && contentsThere, "rm removed only the link")
        }
    }
}
