import Glibc
import HostGuardCore
import HostGuardSystem
import Testing

/// ProcFS on a temporary tree laid out like /proc, and once on the real /proc/self.
@Suite("proc readers")
struct ProcFSTests {
    /// A fake /proc with one process, 4242, built from plain files and symlinks.
    final class FakeProc {
        let root: String

        init() throws {
            var template = Array("/tmp/hostguard-proc-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw SystemError("mkdtemp", errno: .noSuchFileOrDirectory) }
            root = String(cString: made)
            let process = root + "/4242"
            for directory in [process, process + "/ns", process + "/fd", process + "/fdinfo", root + "/self", root + "/notapid"] {
                mkdir(directory, 0o755)
            }
            write(process + "/mountinfo", "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n2 1 0:40 / /srv/pages rw - nfs4 old:/pages rw\n")
            write(process + "/cmdline", "gitlab-pages\0-pages-root\0/srv/pages\0")
            write(process + "/comm", "gitlab-pages\n")
            write(process + "/cgroup", "0::/system.slice/gitlab-pages.service\n")
            write(process + "/maps", "7f00-7f01 r--p 00000000 00:28 12 /srv/pages/a.html\n")
            write(process + "/fdinfo/3", "pos:\t0\nflags:\t0100000\nmnt_id:\t2\nino:\t12\n")
            symlink("mnt:[4026532001]", process + "/ns/mnt")
            symlink("/srv/pages/a.html", process + "/fd/3")
            symlink("/", process + "/cwd")
            symlink("/", process + "/root")
        }

        deinit {
            // Tests run as root; the tree is ours and small.
            _ = system("rm -rf '\(root)'")
        }

        private func write(_ path: String, _ text: String) {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
            close(fd)
        }
    }

    @Test("pids are the numeric entries only")
    func pids() throws {
        let fake = try FakeProc()
        #expect(try ProcFS(root: fake.root).processIDs() == [4242])
    }

    @Test("every reader on a fake process")
    func readers() throws {
        let fake = try FakeProc()
        let process = try ProcFS(root: fake.root).process(4242)
        #expect(try process.mountNamespace() == 4026532001)
        #expect(try process.mountInfo().map(\.mountPoint) == ["/", "/srv/pages"])
        #expect(try process.commandLine() == "gitlab-pages -pages-root /srv/pages")
        #expect(try process.shortName() == "gitlab-pages")
        #expect(try process.unit() == ProcessUnit(name: "gitlab-pages.service", kind: .systemService))
        #expect(try process.fileDescriptors() == [3])
        #expect(try process.mountID(ofDescriptor: 3) == 2)
        #expect(try process.target(ofDescriptor: 3) == "/srv/pages/a.html")
        #expect(try process.mappings() == [ProcessMapping(device: DeviceNumber(major: 0, minor: 0x28), inode: 12, path: "/srv/pages/a.html")])
        let cwd = try process.cwd()
        #expect(cwd.path == "/")
        #expect(cwd.mountID != nil)   // the real root mount, via our own O_PATH fdinfo
    }

    @Test("a process that is gone reads as gone, not as a crash")
    func gone() throws {
        let fake = try FakeProc()
        #expect(throws: SystemError.self) { try ProcFS(root: fake.root).process(99999) }
        do {
            _ = try ProcFS(root: fake.root).process(99999)
        } catch {
            #expect(error.isProcessGone)
        }
    }

    @Test("walk: a listed pid that is gone counts as vanished; body errors are sorted by cause")
    func walkSkipsVanished() throws {
        let fake = try FakeProc()
        let proc = ProcFS(root: fake.root)
        var seen: [Int32] = []
        let walk = try proc.walk(pids: [4242, 99999]) { process throws(SystemError) in
            seen.append(process.pid)
            #expect(try process.cwdPath() == "/")
            #expect(try process.rootPath() == "/")
            #expect(try process.descriptorTargets() == ["/srv/pages/a.html"])
            #expect(try process.arguments().map { String(decoding: $0, as: UTF8.self) } == ["gitlab-pages", "-pages-root", "/srv/pages"])
        }
        #expect(seen == [4242])
        #expect(walk == { var w = ProcessWalk(); w.visited = 1; w.vanished = 1; return w }())
        let denied = try proc.walk(pids: [4242]) { _ throws(SystemError) in
            throw SystemError("readlink", path: "/proc/4242/cwd", errno: .permissionDenied)
        }
        #expect(denied.unreadable == 1 && denied.visited == 0)
        #expect(denied.firstUnreadable == "readlink /proc/4242/cwd: Permission denied")
    }

    @Test("walk over the real /proc: finds pid 1 (or our namespace's init) and never ourselves")
    func walkReal() throws {
        var pids: [Int32] = []
        let walk = try ProcFS().walk { process throws(SystemError) in pids.append(process.pid) }
        #expect(!pids.contains(getpid()))
        #expect(walk.visited == pids.count && pids.count > 0)
        #expect(pids == pids.sorted())
    }

    @Test("the real /proc/self: our cwd is on a mount our own table lists, visible")
    func realSelf() throws {
        let proc = ProcFS()
        let me = try proc.selfProcess()
        let table = MountTable(try me.mountInfo())
        let cwd = try me.cwd()
        let id = try #require(cwd.mountID)
        #expect(table.isVisible(id: id))
        #expect(try me.mountNamespace() > 0)
        #expect(!(try me.mappings()).isEmpty)
    }

    @Test("mappings: PROCMAP_QUERY (where the kernel has it) and the maps text give the same files")
    func mappingsBothWays() throws {
        // A sleep, whose mappings do not change while we look (ours might: the test runner).
        var template = Array("/tmp/hostguard-sleep-XXXXXX".utf8CString)
        let directory = String(cString: mkdtemp(&template)!)
        defer { _ = system("kill $(cat '\(directory)/pid') 2>/dev/null; rm -rf '\(directory)'") }
        #expect(system("sleep 30 </dev/null >/dev/null 2>&1 & echo $! > '\(directory)/pid'") == 0)
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = try system_readProcFile(directory + "/pid", into: &buffer)
        let pid = try #require(Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingNewline()))
        usleep(100_000)   // let it exec
        let process = try ProcFS().process(pid)
        let queried = Set(try process.mappings().map { "\($0.device) \($0.inode) \($0.path)" })
        process.useStatx = false   // text only
        let parsed = Set(try process.mappings().map { "\($0.device) \($0.inode) \($0.path)" })
        #expect(queried == parsed)
        #expect(parsed.contains { $0.hasSuffix("/sleep") })
    }
}

private extension String {
    func trimmingNewline() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
