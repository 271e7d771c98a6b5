import Foundation
import HostGuardCore
import HostGuardSystem
import Testing

private func spec(_ kind: String, _ settings: [(key: String, value: ConfigValue)], key: String = "probe[1]") -> ProbeSpec {
    ProbeSpec(kind: kind, settings: settings, file: "/etc/hostguard/hostguard.toml", key: key)
}

/// Waits (bounded) for a process to be gone or a zombie; true when it is.
private func processEnds(_ pid: Int32) -> Bool {
    for _ in 0..<500 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
        usleep(10_000)
    }
    return false
}

@Suite("command and file probes")
struct CommandAndFileProbeTests {
    @Test("a command's first word names the role")
    func answers() {
        let run = ProbeRunner.run([spec("command", [("command", .array([.string("/bin/echo"), .string("Leader"), .string("since 10:00")]))])],
                                  mode: .fresh, state: nil)
        #expect(run.results.first?.role?.kind == .primary)
        #expect(run.results.first?.facts.first?.contains("Leader") == true)
    }

    @Test("a command that hangs is cut off at its timeout and its whole process group killed")
    func hangs() throws {
        let directory = try TemporaryTree()
        let pidFile = directory.path + "/grandchild.pid"
        let script = "sleep 300 & echo $! > \(pidFile); sleep 300"
        let run = ProbeRunner.run([spec("command", [("command", .array([.string("/bin/sh"), .string("-c"), .string(script)])),
                                                    ("timeout_ms", .integer(300))])], mode: .fresh, state: nil)
        #expect(run.results.first?.role == nil)
        #expect(run.results.first?.reason?.contains("timed out after 300 ms") == true, "\(run.results)")
        let grandchild = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(processEnds(grandchild), "the background sleep outlived the timeout")
    }

    @Test("a command that fails, prints nonsense or cannot start gives no role, with the reason", arguments: [
        (["/bin/sh", "-c", "echo 'patroni: cannot connect' >&2; exit 3"], "exited with status 3: patroni: cannot connect"),
        (["/bin/sh", "-c", "echo 'error: down'"], "does not start with a role word"),
        (["/bin/sh", "-c", "kill -9 $$"], "killed by signal 9"),
        (["/nonexistent/probe-command"], "cannot run"),
    ])
    func fails(arguments: [String], says: String) {
        let run = ProbeRunner.run([spec("command", [("command", .array(arguments.map(ConfigValue.string)))])], mode: .fresh, state: nil)
        #expect(run.results.first?.role == nil)
        #expect(run.results.first?.reason?.contains(says) == true, "\(run.results)")
    }

    @Test("a command is never run on the prompt path; without a state file it is unknown with a notice")
    func notOnPrompt() throws {
        let directory = try TemporaryTree()
        let marker = directory.path + "/ran"
        let run = ProbeRunner.run([spec("command", [("command", .array([.string("/usr/bin/touch"), .string(marker)]))])],
                                  mode: .prompt, state: nil, statePath: directory.path + "/role.state")
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(run.results.first?.role == nil)
        #expect(run.results.first?.reason?.contains("no state file") == true)
        #expect(run.notices.map(\.text) == ["no role state: enable hostguard-refresh.timer"])
    }

    @Test("on the prompt path a command's answer comes from the state file, with its age when old")
    func fromState() {
        let command = spec("command", [("command", .array([.string("/bin/false")]))])
        let saved = RoleStateFile(written: 1_000_000, probes: [
            (fingerprint: command.fingerprint, results: [ProbeResult(kind: "command", subject: "/bin/false", role: Role(.standby))]),
        ])
        let fresh = ProbeRunner.run([command], mode: .prompt, state: saved, statePath: "/run/x", now: 1_000_030)
        #expect(fresh.results.first?.role?.kind == .standby)
        #expect(fresh.results.first?.facts.last?.contains("written 30s ago") == true)
        #expect(fresh.notices.isEmpty)
        let old = ProbeRunner.run([command], mode: .prompt, state: saved, statePath: "/run/x", now: 1_000_600)
        #expect(old.notices.map(\.text) == ["role state 10m old"])
        // An edited probe (new fingerprint) does not pick up the old answer.
        let edited = spec("command", [("command", .array([.string("/bin/true")]))])
        #expect(ProbeRunner.run([edited], mode: .prompt, state: saved, statePath: "/run/x", now: 1_000_030).results.first?.role == nil)
    }

    @Test("a file names the role; a stale or unreadable file gives none")
    func file() throws {
        let directory = try TemporaryTree()
        let path = directory.path + "/role"
        try "standby\n".write(toFile: path, atomically: false, encoding: .utf8)
        let now = Int64(Date().timeIntervalSince1970)
        let run = ProbeRunner.run([spec("file", [("path", .string(path))])], mode: .prompt, state: nil, now: now)
        #expect(run.results.first?.role?.kind == .standby)
        let stale = ProbeRunner.run([spec("file", [("path", .string(path)), ("max_age_seconds", .integer(60))])],
                                    mode: .fresh, state: nil, now: now + 3600)
        #expect(stale.results.first?.role == nil)
        #expect(stale.results.first?.reason?.contains("older than max_age_seconds = 60") == true)
        let missing = ProbeRunner.run([spec("file", [("path", .string(directory.path + "/absent"))])], mode: .fresh, state: nil)
        #expect(missing.results.first?.reason?.contains("No such file") == true)
    }

    @Test("invalid settings never run and say why, naming file and key")
    func invalid() {
        let run = ProbeRunner.run([spec("command", [("command", .string("rm -rf /"))])], mode: .fresh, state: nil)
        #expect(run.results.first?.role == nil)
        #expect(run.results.first?.reason?.contains("/etc/hostguard/hostguard.toml: probe[1].command") == true)
    }

    @Test("the state store writes atomically, world-readable, and reads back")
    func store() throws {
        let directory = try TemporaryTree()
        let path = directory.path + "/hostguard/role.state"
        let state = RoleStateFile(written: 42, probes: [(fingerprint: "f", results: [ProbeResult(kind: "file", subject: "/x", role: Role(.primary))])])
        try RoleStateStore.write(state, to: path)
        #expect(RoleStateStore.read(path) == state)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        // Writable by others: not believed.
        chmod(path, 0o666)
        #expect(RoleStateStore.read(path) == nil)
    }
}

final class TemporaryTree {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hg-probe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
