import Glibc
import HostGuardSystem
import Testing

@Suite("stale mount notice")
struct StaleMountNoticeTests {
    /// A fresh directory and the notice path inside it (two levels deeper, so creating parents is tested).
    func temporaryPath() -> (base: String, path: String) {
        var template = Array("/tmp/hostguard-notice-XXXXXX".utf8CString)
        let base = String(cString: mkdtemp(&template)!)
        return (base, base + "/run/hostguard/stale-mounts")
    }

    @Test("what a run writes, the prompt reads back; the directory is created")
    func roundTrip() throws {
        let (base, path) = temporaryPath()
        defer { _ = system("rm -rf '\(base)'") }
        #expect(StaleMountNotice.read(path: path) == nil)
        try StaleMountNotice.write(staleProcesses: 2, finishedAt: 1_763_750_000, path: path)
        #expect(StaleMountNotice.read(path: path) == 2)
        #expect(StaleMountNotice.readRecord(path: path)?.finishedAt == 1_763_750_000)
        try StaleMountNotice.write(staleProcesses: 0, finishedAt: 1_763_750_300, path: path)
        #expect(StaleMountNotice.read(path: path) == 0)
    }

    @Test("a malformed or empty file reads as no notice, never a guess")
    func malformed() throws {
        let (base, path) = temporaryPath()
        defer { _ = system("rm -rf '\(base)'") }
        try StaleMountNotice.write(staleProcesses: 1, finishedAt: 1, path: path)
        for text in ["", "lots\n", "\n", "-\n", "-3 17\n"] {
            let fd = open(path, O_WRONLY | O_TRUNC)
            _ = text.withCString { write(fd, $0, strlen($0)) }
            close(fd)
            #expect(StaleMountNotice.read(path: path) == nil, "\(text.debugDescription)")
        }
    }
}
