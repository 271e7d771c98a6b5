import Foundation
import Testing

/// The .deb as an operator meets it: `make deb`, lintian, `dpkg -i` on this machine, fresh login
/// shells in tmux, the units through `systemd-analyze verify`; then `dpkg -r` and `dpkg --purge`,
/// after which every login shell must still start silently with its normal prompt.
///
/// This installs /usr/bin/hostguard and /etc/hostguard for the duration of the test (other tests
/// run the build-directory binary with their own HOSTGUARD_CONFIG, so they do not see it) and
/// purges the package whatever happens, including a package left by an earlier interrupted run.
@Suite("Debian package (make deb, dpkg -i, login shells, purge)", .serialized)
struct DebianPackageTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let unitsDirectory = "/lib/systemd/system"

    let home: TemporaryDirectory

    init() throws {
        home = try TemporaryDirectory()
        // zsh offers its new-user wizard instead of a prompt when a home has no startup files.
        try home.write(".zshrc", "# empty: only the system-wide startup files count here\n")
    }

    /// A login shell's environment: what login(1) or sshd would give it, and nothing of ours.
    func loginEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["HOME": home.path, "TERM": "xterm-256color", "USER": "root", "SHELL": "/bin/bash",
                           "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        environment.merge(extra) { _, new in new }
        return environment
    }

    static func run(_ command: String, _ arguments: [String], timeout: TimeInterval = 300) throws -> ProcessOutput {
        try runProcess(command, arguments, environment: ["DEBIAN_FRONTEND": "noninteractive"], timeout: timeout)
    }

    /// `make deb`, from inside `swift test`, which holds .build's lock while tests run: hence
    /// --ignore-lock (this build writes only .build/release; the tests run from .build/debug).
    static func buildPackage() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let make = try runProcess("/usr/bin/make", ["-s", "deb", "SWIFT_BUILD_FLAGS=--ignore-lock"],
                                  environment: ["PATH": path, "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root"],
                                  currentDirectory: repository, timeout: 3600, hermetic: false)
        guard make.status == 0 else { throw PackageTestFailure("make deb exited \(make.status):\n\(make.stdout)\n\(make.stderr)") }
        let last = make.stdout.split(separator: "\n").last.map(String.init) ?? ""
        guard last.hasSuffix(".deb") else { throw PackageTestFailure("make deb did not name a package:\n\(make.stdout)") }
        return repository + "/" + last
    }

    static func purge() {
        _ = try? run("/usr/bin/dpkg", ["--purge", "hostguard"])
    }

    static func isInstalled() -> Bool {
        (try? run("/usr/bin/dpkg-query", ["-W", "-f=${Status}", "hostguard"]))?.stdout == "install ok installed"
    }

    @Test("make deb → lintian clean → dpkg -i: login bash, zsh and fish show the prompt; guard, man pages, units resolve → remove and purge leave silent shells and nothing behind")
    func installUseRemovePurge() throws {
        // Never replace or purge a package this test did not install: that would delete the
        // operator's /etc/hostguard.
        try #require(!Self.isInstalled(), "hostguard is installed on this host: the package test will not replace or purge it (remove it, or run the suite on another host)")
        let deb = try PackageArtifact.deb()
        defer { Self.purge() }

        // lintian: no errors (warnings are reported, not fatal).
        let lintian = try Self.run("/usr/bin/lintian", ["--fail-on", "error", deb], timeout: 600)
        #expect(lintian.status == 0, "lintian:\n\(lintian.stdout)\(lintian.stderr)")
        #expect(!lintian.stdout.split(separator: "\n").contains { $0.hasPrefix("E: ") }, "lintian:\n\(lintian.stdout)")

        let install = try Self.run("/usr/bin/dpkg", ["-i", deb])
        try #require(install.status == 0, "dpkg -i:\n\(install.stdout)\(install.stderr)")
        #expect(Self.isInstalled())
        // Installing again (what an upgrade runs) keeps exactly one line in zsh's startup file.
        let reinstall = try Self.run("/usr/bin/dpkg", ["-i", deb])
        #expect(reinstall.status == 0, "dpkg -i again:\n\(reinstall.stdout)\(reinstall.stderr)")
        let zshrc = (try? String(contentsOfFile: "/etc/zsh/zshrc", encoding: .utf8)) ?? ""
        #expect(zshrc.components(separatedBy: "/etc/zsh/hostguard.zsh").count - 1 == 2, "one guarded line (naming the file twice) expected in /etc/zsh/zshrc:\n\(zshrc)")

        // The binary says which source it was built from; guard is the same binary.
        let revision = try runProcess("/usr/bin/git", ["-C", Self.repository, "rev-parse", "--short", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try runProcess("/usr/bin/hostguard", ["--version"])
        #expect(version.status == 0 && version.stdout.contains("(\(revision))"), "hostguard --version: \(version.stdout)\(version.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/usr/bin/guard") == "hostguard")
        let man = try runProcess("/usr/bin/man", ["-w", "hostguard", "guard"])
        #expect(man.status == 0 && man.stdout.contains("/hostguard.1") && man.stdout.contains("/guard.1"), "man -w: \(man.stdout)\(man.stderr) (a path-exclude for /usr/share/man in /etc/dpkg/dpkg.cfg.d drops man pages)")

        // The default config passes the trust rules (root, 0644) and says nothing: UNKNOWN.
        let attributes = try FileManager.default.attributesOfItem(atPath: "/etc/hostguard/hostguard.toml")
        #expect(attributes[.ownerAccountID] as? Int == 0)
        #expect(attributes[.posixPermissions] as? Int == 0o644)
        let status = try runProcess("/usr/bin/hostguard", ["status", "--json"], environment: ["HOME": home.path], hermetic: false)
        #expect(status.status == 0, "status: \(status.stderr)")
        let object = try JSONSerialization.jsonObject(with: status.stdoutBytes) as? [String: Any]
        #expect(object?["environment"] is NSNull, "status --json: \(status.stdout)")

        // The units as installed (binary path included) pass systemd's own checks.
        let units = try Self.run("/usr/bin/dpkg", ["-L", "hostguard"]).stdout.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix(Self.unitsDirectory + "/") && ($0.hasSuffix(".service") || $0.hasSuffix(".timer")) }
        #expect(units.count == 4, "units: \(units)")
        let verify = try Self.run("/usr/bin/systemd-analyze", ["verify"] + units)
        #expect(verify.status == 0 && verify.stderr.isEmpty, "systemd-analyze verify:\n\(verify.stdout)\(verify.stderr)")

        // Fresh login shells: bash through /etc/profile.d with the default config, loaded exactly
        // once; zsh through /etc/zsh/zshrc and fish through vendor_conf.d with a production config.
        let bash = try TmuxSession(["/bin/bash", "-l"], environment: loginEnvironment(), hermetic: false)
        try bash.waitFor { $0.contains("UNKNOWN ENV") }
        try bash.type(#"echo "hooks=$(declare -p PROMPT_COMMAND | grep -o __hostguard_precmd | wc -l)""#)
        try bash.waitFor { $0.contains("hooks=1\n") }

        let production = try home.write("production.toml", "[host]\nenvironment = \"production\"\ncluster = \"db\"\n")
        let zsh = try TmuxSession(["/usr/bin/zsh", "-l"], environment: loginEnvironment(["HOSTGUARD_CONFIG": production]), hermetic: false)
        try zsh.waitFor { $0.contains(" PRODUCTION ") }
        let fish = try TmuxSession(["/usr/bin/fish", "-l"], environment: loginEnvironment(["HOSTGUARD_CONFIG": production]), hermetic: false)
        try fish.waitFor { $0.contains(" PRODUCTION ") }

        // Removed: the binary is gone, the conffiles (the bash and zsh loaders among them) stay,
        // and every login shell starts silently with its own prompt.
        let remove = try Self.run("/usr/bin/dpkg", ["-r", "hostguard"])
        try #require(remove.status == 0, "dpkg -r:\n\(remove.stdout)\(remove.stderr)")
        #expect(FileManager.default.fileExists(atPath: "/etc/profile.d/hostguard.sh"), "a conffile should stay until purge")
        try expectSilentLoginShells(after: "remove")

        // Purged: nothing of the package is left, and the shells are still fine.
        let purge = try Self.run("/usr/bin/dpkg", ["--purge", "hostguard"])
        try #require(purge.status == 0, "dpkg --purge:\n\(purge.stdout)\(purge.stderr)")
        let listed = try Self.run("/usr/bin/dpkg", ["-L", "hostguard"])
        #expect(listed.status != 0 || listed.stdout.isEmpty, "dpkg -L after purge:\n\(listed.stdout)")
        for path in ["/etc/hostguard", "/run/hostguard", "/usr/bin/hostguard", "/usr/bin/guard", "/etc/profile.d/hostguard.sh",
                     "/etc/zsh/hostguard.zsh", "/usr/share/hostguard", Self.unitsDirectory + "/hostguard-refresh.timer"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) left after purge")
        }
        // Enablement links, masks and deb-systemd-helper's records of them.
        let systemdLeft = try Self.run("/usr/bin/find", ["/etc/systemd", "/var/lib/systemd", "-name", "*hostguard*"]).stdout
        #expect(systemdLeft.isEmpty, "systemd state left after purge: \(systemdLeft)")
        if let zshrc = try? String(contentsOfFile: "/etc/zsh/zshrc", encoding: .utf8) {
            #expect(!zshrc.contains("hostguard"), "/etc/zsh/zshrc still mentions hostguard")
        }
        try expectSilentLoginShells(after: "purge")
    }

    /// Login bash and zsh give their own prompt and run a command, with no word of hostguard.
    func expectSilentLoginShells(after step: String) throws {
        for shell in ["/bin/bash", "/usr/bin/zsh"] {
            let session = try TmuxSession([shell, "-l"], environment: loginEnvironment(), hermetic: false)
            try session.waitFor { $0.contains("#") }
            try session.type("echo alive-$((40+2))")
            // The answer, then a fresh prompt (bash "root@host:/dir#", zsh "host#") on the last line.
            let screen = try session.waitFor { screen in
                screen.contains("alive-42\n") && screen.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces).hasSuffix("#") == true
            }
            for noise in ["hostguard", "UNKNOWN", "No such file", "not found", "rror"] {
                #expect(!screen.contains(noise), "\(shell) -l after \(step) shows '\(noise)':\n\(screen)")
            }
        }
    }
}

struct PackageTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
