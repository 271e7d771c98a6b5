import Foundation
import Testing

/// `hostguard maint` end to end: the flag in a private state directory (HOSTGUARD_STATE_DIR)
/// and the switch files under a private root (HOSTGUARD_SWITCH_ROOT), so the host's
/// /run/hostguard, /run/nologin and /run/reboot-required are never read or written.
@Suite("maintenance mode (real shells in tmux)", .serialized)
struct MaintenanceIntegrationTests {
    let directory: TemporaryDirectory
    let config: String

    init() throws {
        directory = try TemporaryDirectory()
        config = try directory.write("hostguard.toml", "[host]\nenvironment = \"production\"\ncluster = \"db\"\n")
        for sub in ["home", "state", "root/run", "root/etc"] {
            try FileManager.default.createDirectory(atPath: directory.path + "/" + sub, withIntermediateDirectories: true)
        }
    }

    var environment: [String: String] {
        ["HOSTGUARD_CONFIG": config, "HOME": directory.path + "/home", "TERM": "xterm-256color",
         "HOSTGUARD_STATE_DIR": directory.path + "/state", "HOSTGUARD_SWITCH_ROOT": directory.path + "/root"]
    }

    @discardableResult
    func maint(_ arguments: [String], extra: [String: String] = [:]) throws -> ProcessOutput {
        try runHostGuard(["maint"] + arguments, environment: environment.merging(extra) { _, new in new })
    }

    func startBash() throws -> TmuxSession {
        let rc = try directory.write("bashrc", "PS1='[$?]\\u\\$ '\neval \"$('\(HostGuardBinary.path)' init bash)\"\n")
        return try TmuxSession(["/bin/bash", "--noprofile", "--rcfile", rc, "-i"], environment: environment)
    }

    func startZsh() throws -> TmuxSession {
        let zdotdir = directory.path + "/zdot"
        try FileManager.default.createDirectory(atPath: zdotdir, withIntermediateDirectories: true)
        try "PROMPT='[%?]%n%# '\nsetopt prompt_subst\neval \"$('\(HostGuardBinary.path)' init zsh)\"\n"
            .write(toFile: zdotdir + "/.zshrc", atomically: true, encoding: .utf8)
        var env = environment
        env["ZDOTDIR"] = zdotdir
        return try TmuxSession(["/usr/bin/zsh", "-d", "-i"], environment: env)
    }

    /// On, shown in an open shell at its next prompt, off, gone; then on with a short --for,
    /// gone by itself after expiry.
    func onOffExpiry(_ session: TmuxSession, prompt: String) throws {
        try session.waitFor { $0.contains("PRODUCTION") && $0.contains(prompt) }
        #expect(!(try session.screen()).contains("MAINT"))

        let on = try maint(["on", "--reason", "re-seed db2 $(touch ~/p) `touch ~/q`", "--for", "40m"], extra: ["SUDO_USER": "alice"])
        #expect(on.status == 0, "\(on.stderr)")
        usleep(1_100_000)  // the integration re-reads at most once a second
        try session.type("")
        let shown = try session.waitFor(5) { $0.contains("MAINT: re-seed db2") }
        // `$` and backquote are shown as the prompt's inert \x24 and \x60 (BashPromptEscaper,
        // ZshPromptEscaper): visible, never run.
        #expect(shown.contains("MAINT: re-seed db2 \\x24(touch ~/p) \\x60touch ~/q\\x60 (40m left, by alice)"), "\(shown)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/home/p"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/home/q"))

        #expect(try maint(["off"]).status == 0)
        usleep(1_100_000)
        try session.type("clear")
        try session.waitFor(5) { !$0.contains("MAINT") && $0.contains(prompt) }

        #expect(try maint(["on", "--reason", "short window", "--for", "3s"]).status == 0)
        usleep(1_100_000)
        try session.type("")
        try session.waitFor(5) { $0.contains("MAINT: short window") }
        usleep(3_000_000)
        try session.type("clear")
        try session.waitFor(5) { !$0.contains("MAINT") && $0.contains(prompt) }
        // Expired, not removed: maint status says so and exits 1 (nothing in force).
        let status = try maint(["status"])
        #expect(status.status == 1)
        #expect(status.stdout.contains("maintenance off (expired"), "\(status.stdout)")
    }

    @Test("bash: maint on shows in an open prompt; off and expiry remove it; the reason stays inert")
    func bash() throws {
        try onOffExpiry(try startBash(), prompt: "[0]root# ")
    }

    @Test("zsh (PROMPT_SUBST on): maint on shows in an open prompt; off and expiry remove it; the reason stays inert")
    func zsh() throws {
        try onOffExpiry(try startZsh(), prompt: "[0]root# ")
    }

    @Test("nologin and a pending reboot show in the prompt, status and maint status")
    func switches() throws {
        try "System is going down for maintenance\n".write(toFile: directory.path + "/root/run/nologin", atomically: true, encoding: .utf8)
        try "*** System restart required ***\n".write(toFile: directory.path + "/root/run/reboot-required", atomically: true, encoding: .utf8)
        try "linux-image-6.1.0-30-amd64\nlibc6\nlibc6\n".write(toFile: directory.path + "/root/run/reboot-required.pkgs", atomically: true, encoding: .utf8)
        let prompt = try runHostGuard(["prompt", "--shell", "plain", "--color", "never"], environment: environment)
        #expect(prompt.stdout.contains("[nologin · reboot required]"), "\(prompt.stdout)")
        let status = try maint(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("logins disabled: \(directory.path)/root/run/nologin exists (\"System is going down for maintenance\")"), "\(status.stdout)")
        #expect(status.stdout.contains("packages: linux-image-6.1.0-30-amd64, libc6)"), "\(status.stdout)")
        let json = try runHostGuard(["status", "--json"], environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["maintenance"] is NSNull)
        let switches = object["host_switches"] as? [[String: Any]] ?? []
        #expect(switches.map { $0["kind"] as? String } == ["nologin", "reboot-required"])
    }

    @Test("status --json carries the maintenance object; the guard's banner mentions it")
    func statusAndBanner() throws {
        #expect(try maint(["on", "--reason", "kernel upgrade", "--for", "2h"], extra: ["SUDO_USER": "bob"]).status == 0)
        let json = try runHostGuard(["status", "--json"], environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        let maintenance = try #require(object["maintenance"] as? [String: Any], "\(json.stdout)")
        #expect(maintenance["reason"] as? String == "kernel upgrade")
        #expect(maintenance["by"] as? String == "bob")
        let since = try #require(maintenance["since"] as? String)
        let until = try #require(maintenance["until"] as? String)
        #expect(since.hasSuffix("Z") && until.hasSuffix("Z") && until > since)

        let target = directory.path + "/victim"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let banner = try runProcess("/usr/bin/setsid", ["-w", HostGuardBinary.path, "guard", "--dry-run", "--", "rm", "-rf", target],
                                    environment: environment)
        #expect(banner.stdout.contains("MAINTENANCE: kernel upgrade (by bob, 2h left)"), "\(banner.stdout)\(banner.stderr)")
        #expect(FileManager.default.fileExists(atPath: target))
    }

    @Test("a flag not owned by root, or writable by others, is not believed (anyone could put words in every prompt)")
    func untrusted() throws {
        #expect(try maint(["on", "--reason", "genuine"]).status == 0)
        let flag = directory.path + "/state/maintenance"
        chmod(flag, 0o666)
        var status = try maint(["status"])
        #expect(status.status == 1)
        #expect(status.stdout.contains("writable by group or others"), "\(status.stdout)")
        #expect(!(try runHostGuard(["prompt", "--shell", "plain"], environment: environment)).stdout.contains("MAINT"))
        chmod(flag, 0o644)
        chown(flag, 65534, 65534)
        status = try maint(["status"])
        #expect(status.status == 1)
        #expect(status.stdout.contains("owned by uid 65534, not root"), "\(status.stdout)")
        // A FIFO planted in its place neither hangs the prompt nor is believed.
        unlink(flag)
        mkfifo(flag, 0o644)
        let prompt = try runProcess(HostGuardBinary.path, ["prompt", "--shell", "plain"], environment: environment, timeout: 10)
        #expect(prompt.status == 0)
        #expect(!prompt.stdout.contains("MAINT"))
    }

    @Test("bad usage: one line, exit 64, nothing written")
    func usage() throws {
        for arguments in [["on"], ["on", "--reason", "  "], ["on", "--reason", "x", "--for", "30"], ["on", "--reason", "x", "--for", "soon"]] {
            let output = try maint(arguments)
            #expect(output.status == 64, "\(arguments): \(output.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/state/maintenance"))
    }
}
