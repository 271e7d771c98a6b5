import Glibc
import HostGuardCore
import HostGuardSystem
import Testing

@Suite("role state store")
struct RoleStateStoreTests {
    func state(written: Int64, role: Role) -> RoleStateFile {
        RoleStateFile(written: written, probes: [(fingerprint: "f", results: [ProbeResult(kind: "file", subject: "/x", role: role)])])
    }

    func modified(_ path: String) throws -> Int64 { try system_stat(path).modifiedNanoseconds }

    @Test("the same answer rewritten keeps the file's mtime (no prompt re-render); a new answer moves it")
    func mtimeMovesOnlyOnChange() throws {
        var template = Array("/tmp/hostguard-state-XXXXXX".utf8CString)
        let base = String(cString: mkdtemp(&template)!)
        defer { _ = system("rm -rf '\(base)'") }
        let path = base + "/role.state"
        try RoleStateStore.write(state(written: 100, role: Role(.primary)), to: path)
        try system_setModifiedTime(path, nanoseconds: 1_000_000_000_000)
        try RoleStateStore.write(state(written: 110, role: Role(.primary)), to: path)
        #expect(try modified(path) == 1_000_000_000_000)
        #expect(RoleStateStore.read(path)?.written == 110)
        try RoleStateStore.write(state(written: 120, role: Role(.standby)), to: path)
        #expect(try modified(path) > 1_000_000_000_000)
        #expect(RoleStateStore.read(path)?.probes.first?.results.first?.role?.kind == .standby)
    }
}
