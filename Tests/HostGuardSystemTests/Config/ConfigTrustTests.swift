import Glibc
import HostGuardCore
@testable import HostGuardSystem
import Testing

/// Config trust on real files, directories and symbolic links (the tests run as root; another
/// user is simulated by chown to nobody, uid 65534).
@Suite("config trust on real files")
struct ConfigTrustTests {
    final class Tree {
        let path: String
        init() {
            var template = Array("/tmp/hostguard-trust-XXXXXX".utf8CString)
            path = String(cString: mkdtemp(&template)!)
            chmod(path, 0o755)
        }
        deinit { _ = system("rm -rf '\(path)'") }

        @discardableResult
        func directory(_ name: String, mode: mode_t = 0o755, owner: uid_t = 0) -> String {
            let full = path + "/" + name
            mkdir(full, mode)
            chmod(full, mode)
            chown(full, owner, owner)
            return full
        }

        @discardableResult
        func file(_ name: String, mode: mode_t = 0o644, owner: uid_t = 0) -> String {
            let full = path + "/" + name
            let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, mode)
            _ = "[host]\nenvironment = \"development\"\n".withCString { write(fd, $0, strlen($0)) }
            close(fd)
            chmod(full, mode)
            chown(full, owner, owner)
            return full
        }

        @discardableResult
        func link(_ name: String, to target: String, owner: uid_t = 0) -> String {
            let full = path + "/" + name
            symlink(target, full)
            lchown(full, owner, owner)
            return full
        }
    }

    @Test("a root-owned file in root-owned directories is trusted; in a sticky /tmp too")
    func plain() {
        let tree = Tree()
        tree.directory("etc")
        #expect(ConfigTrust.problem(with: tree.file("etc/hg.toml")) == nil)
        // The tree itself sits in /tmp: sticky and world-writable, accepted.
        #expect(ConfigTrust.problem(with: tree.file("hg.toml")) == nil)
    }

    @Test("a symlink into a world-writable directory is not trusted, naming that directory")
    func symlinkIntoWorldWritable() {
        let tree = Tree()
        tree.directory("etc")
        tree.directory("drop", mode: 0o777)
        tree.file("drop/real.toml")
        let link = tree.link("etc/hg.toml", to: tree.path + "/drop/real.toml")
        let problem = ConfigTrust.problem(with: link)
        #expect(problem?.contains("directory \(tree.path)/drop is writable by group or others (mode 0777)") == true, "\(problem ?? "trusted")")
        #expect(problem?.contains("reached through the symbolic link \(link)") == true)
    }

    @Test("a relative symlink into a directory another user owns is not trusted")
    func relativeIntoForeignDirectory() {
        let tree = Tree()
        tree.directory("etc")
        tree.directory("home", owner: 65534)
        tree.file("home/real.toml")
        let link = tree.link("etc/hg.toml", to: "../home/real.toml")
        #expect(ConfigTrust.problem(with: link)?.contains("directory \(tree.path)/home is owned by uid 65534") == true)
    }

    @Test("a directory symlink on the way is followed to where it really leads")
    func directorySymlink() {
        let tree = Tree()
        tree.directory("open", mode: 0o777)
        tree.directory("open/conf")
        tree.file("open/conf/hg.toml")
        tree.link("etc", to: "open/conf")
        let problem = ConfigTrust.problem(with: tree.path + "/etc/hg.toml")
        #expect(problem?.contains("directory \(tree.path)/open is writable") == true, "\(problem ?? "trusted")")
    }

    @Test("a chain of links: the middle link's directory counts, and so does each link's owner")
    func chains() {
        let tree = Tree()
        tree.directory("etc")
        tree.directory("safe")
        tree.directory("open", mode: 0o777)
        tree.file("safe/real.toml")
        tree.link("open/middle", to: tree.path + "/safe/real.toml")
        let first = tree.link("etc/hg.toml", to: tree.path + "/open/middle")
        #expect(ConfigTrust.problem(with: first)?.contains("directory \(tree.path)/open is writable") == true)

        let foreign = tree.link("etc/foreign.toml", to: tree.path + "/safe/real.toml", owner: 65534)
        #expect(ConfigTrust.problem(with: foreign)?.contains("the symbolic link \(foreign) is owned by uid 65534") == true)

        let good = tree.link("etc/good.toml", to: "../safe/real.toml")
        #expect(ConfigTrust.problem(with: good) == nil)
    }

    @Test("the final file's owner and mode, through a link")
    func finalFile() {
        let tree = Tree()
        tree.directory("etc")
        tree.file("etc/theirs.toml", owner: 65534)
        tree.file("etc/writable.toml", mode: 0o666)
        #expect(ConfigTrust.problem(with: tree.link("a.toml", to: "etc/theirs.toml"))?.contains("owned by uid 65534, not root") == true)
        #expect(ConfigTrust.problem(with: tree.link("b.toml", to: "etc/writable.toml"))?.contains("chmod go-w \(tree.path)/etc/writable.toml") == true)
    }

    @Test("absent files and looping links are left to the reader (which names them)")
    func absentAndLoops() {
        let tree = Tree()
        #expect(ConfigTrust.problem(with: tree.path + "/missing.toml") == nil)
        tree.link("loop", to: "loop")
        #expect(ConfigTrust.steps(to: tree.path + "/loop") == nil)
    }

    @Test("the prompt's config cache is invalidated when a directory behind a link changes mode or a link is repointed")
    func cacheFollowsTrust() {
        let tree = Tree()
        tree.directory("etc")
        tree.directory("real")
        tree.directory("other")
        tree.file("real/hg.toml")
        tree.file("other/hg.toml")
        let link = tree.link("etc/hg.toml", to: tree.path + "/real/hg.toml")
        let locations = ConfigLocations(systemFile: link, systemDropInDirectory: nil, userFile: nil, systemFileNamedExplicitly: true)
        let before = ConfigCache.signature(locations)
        #expect(ConfigCache.signature(locations) == before)
        chmod(tree.path + "/real", 0o777)
        let opened = ConfigCache.signature(locations)
        #expect(opened != before)
        chmod(tree.path + "/real", 0o755)
        #expect(ConfigCache.signature(locations) == before)
        unlink(link)
        tree.link("etc/hg.toml", to: tree.path + "/other/hg.toml")
        #expect(ConfigCache.signature(locations) != before)
    }

    @Test("the steps are every directory and link walked, the file last")
    func stepsWalked() {
        let tree = Tree()
        tree.directory("etc")
        tree.file("etc/real.toml")
        tree.link("hg.toml", to: "etc/real.toml")
        let steps = ConfigTrust.steps(to: tree.path + "/hg.toml") ?? []
        #expect(steps.first?.path == "/")
        #expect(steps.suffix(3).map(\.path) == [tree.path + "/hg.toml", tree.path + "/etc", tree.path + "/etc/real.toml"])
        #expect(steps.suffix(3).map(\.kind) == [.symlink, .directory, .file])
    }
}
