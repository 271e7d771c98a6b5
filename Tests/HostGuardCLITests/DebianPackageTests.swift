import Foundation
import Testing

/// The .deb as an operator meets it: `make deb`, lintian, `dpkg -i`, fresh login shells in tmux,
/// the units through `systemd-analyze verify`; then `dpkg -r` and `dpkg --purge`, after which
/// every login shell must still start silently with its normal prompt.
///
/// Everything from `dpkg -i` on happens in a `ThrowawayRoot`: an overlay of this machine's root
/// in a private mount namespace, discarded afterwards. The host's own packages and files are
/// never touched, nor read: the test checks instead that the root's `/` is an overlay whose
/// upper layer is the root's own tmpfs (`writesStayInside`), so every dpkg write lands there.
/// If the host has the package, the throw-away copy has it too, and is purged there first.
@Suite("Debian package (make deb, dpkg -i, login shells, purge) in a throw-away root", .serialized)
struct DebianPackageTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let unitsDirectory = "/lib/systemd/system"
    /// HOME inside the throw-away root (its /tmp is its own tmpfs).
    static let home = "/tmp/home"

    /// A login shell's environment: what login(1) or sshd would give it, and nothing of ours.
    func loginEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["HOME": Self.home, "TERM": "xterm-256color", "USER": "root", "SHELL": "/bin/bash", "LANG": "C.UTF-8",
                           "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        environment.merge(extra) { _, new in new }
        return environment
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

    @Test("make deb → lintian clean → dpkg -i: login bash, zsh and fish show the prompt; guard, man pages, units resolve → remove and purge leave silent shells and nothing behind — all in a throw-away root")
    func installUseRemovePurge() throws {
        let deb = try PackageArtifact.deb()

        // lintian reads the .deb, installs nothing: on the host.
        let lintian = try runProcess("/usr/bin/lintian", ["--fail-on", "error", deb], timeout: 600)
        #expect(lintian.status == 0, "lintian:\n\(lintian.stdout)\(lintian.stderr)")
        #expect(!lintian.stdout.split(separator: "\n").contains { $0.hasPrefix("E: ") }, "lintian:\n\(lintian.stdout)")

        let root = try ThrowawayRoot()
        try #require(root.writesStayInside(), "the throw-away root's / is not an overlay onto its own tmpfs: refusing to run dpkg there")
        func run(_ command: String, _ arguments: [String], timeout: TimeInterval = 300) throws -> ProcessOutput {
            try root.run(command, arguments, environment: ["DEBIAN_FRONTEND": "noninteractive", "HOME": Self.home], timeout: timeout)
        }
        func isInstalled() -> Bool {
            (try? run("/usr/bin/dpkg-query", ["-W", "-f=${Status}", "hostguard"]))?.stdout == "install ok installed"
        }
        try FileManager.default.createDirectory(atPath: root.hostPath(Self.home), withIntermediateDirectories: true)
        // zsh offers its new-user wizard instead of a prompt when a home has no startup files.
        try "# empty: only the system-wide startup files count here\n".write(toFile: root.hostPath(Self.home + "/.zshrc"), atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(atPath: deb, toPath: root.hostPath("/tmp/hostguard.deb"))
        // A copy of a host that has the package: start from none (in the copy only).
        if isInstalled() {
            let purge = try run("/usr/bin/dpkg", ["--purge", "hostguard"])
            try #require(purge.status == 0, "dpkg --purge in the throw-away root:\n\(purge.stdout)\(purge.stderr)")
        }

        let install = try run("/usr/bin/dpkg", ["-i", "/tmp/hostguard.deb"])
        try #require(install.status == 0, "dpkg -i:\n\(install.stdout)\(install.stderr)")
        #expect(isInstalled())
        // Installing again (what an upgrade runs) keeps exactly one line in zsh's startup file.
        let reinstall = try run("/usr/bin/dpkg", ["-i", "/tmp/hostguard.deb"])
        #expect(reinstall.status == 0, "dpkg -i again:\n\(reinstall.stdout)\(reinstall.stderr)")
        let zshrc = (try? String(contentsOfFile: root.hostPath("/etc/zsh/zshrc"), encoding: .utf8)) ?? ""
        #expect(zshrc.components(separatedBy: "/etc/zsh/hostguard.zsh").count - 1 == 2, "one guarded line (naming the file twice) expected in /etc/zsh/zshrc:\n\(zshrc)")

        // The binary says which source it was built from; guard is the same binary.
        let revision = try runProcess("/usr/bin/git", ["-C", Self.repository, "rev-parse", "--short", "HEAD"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let version = try run("/usr/bin/hostguard", ["--version"])
        #expect(version.status == 0 && version.stdout.contains("(\(revision))"), "hostguard --version: \(version.stdout)\(version.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.hostPath("/usr/bin/guard")) == "hostguard")
        let man = try run("/usr/bin/man", ["-w", "hostguard", "guard"])
        #expect(man.status == 0 && man.stdout.contains("/hostguard.1") && man.stdout.contains("/guard.1"), "man -w: \(man.stdout)\(man.stderr) (a path-exclude for /usr/share/man in /etc/dpkg/dpkg.cfg.d drops man pages)")

        // The default config passes the trust rules (root, 0644) and says nothing: UNKNOWN.
        let attributes = try FileManager.default.attributesOfItem(atPath: root.hostPath("/etc/hostguard/hostguard.toml"))
        #expect(attributes[.ownerAccountID] as? Int == 0)
        #expect(attributes[.posixPermissions] as? Int == 0o644)
        let status = try run("/usr/bin/hostguard", ["status", "--json"])
        #expect(status.status == 0, "status: \(status.stderr)")
        let object = try JSONSerialization.jsonObject(with: status.stdoutBytes) as? [String: Any]
        #expect(object?["environment"] is NSNull, "status --json: \(status.stdout)")

        // The units as installed (binary path included) pass systemd's own checks.
        let units = try run("/usr/bin/dpkg", ["-L", "hostguard"]).stdout.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix(Self.unitsDirectory + "/") && ($0.hasSuffix(".service") || $0.hasSuffix(".timer")) }
        #expect(units.count == 5, "units: \(units)")
        let verify = try run("/usr/bin/systemd-analyze", ["verify"] + units)
        #expect(verify.status == 0 && verify.stderr.isEmpty, "systemd-analyze verify:\n\(verify.stdout)\(verify.stderr)")

        // Fresh login shells: bash through /etc/profile.d with the default config, loaded exactly
        // once; zsh through /etc/zsh/zshrc and fish through vendor_conf.d with a production config.
        let bash = try TmuxSession(["/bin/bash", "-l"], environment: loginEnvironment(), hermetic: false, launcher: root.launcher)
        try bash.waitFor { $0.contains("UNKNOWN ENV") }
        try bash.type(#"echo "hooks=$(declare -p PROMPT_COMMAND | grep -o __hostguard_precmd | wc -l)""#)
        try bash.waitFor { $0.contains("hooks=1\n") }

        let production = Self.home + "/production.toml"
        try "[host]\nenvironment = \"production\"\ncluster = \"db\"\n".write(toFile: root.hostPath(production), atomically: false, encoding: .utf8)
        let zsh = try TmuxSession(["/usr/bin/zsh", "-l"], environment: loginEnvironment(["HOSTGUARD_CONFIG": production]), hermetic: false, launcher: root.launcher)
        try zsh.waitFor { $0.contains(" PRODUCTION ") }
        let fish = try TmuxSession(["/usr/bin/fish", "-l"], environment: loginEnvironment(["HOSTGUARD_CONFIG": production]), hermetic: false, launcher: root.launcher)
        try fish.waitFor { $0.contains(" PRODUCTION ") }

        // Removed: the binary is gone, the conffiles (the bash and zsh loaders among them) stay,
        // and every login shell starts silently with its own prompt.
        let remove = try run("/usr/bin/dpkg", ["-r", "hostguard"])
        try #require(remove.status == 0, "dpkg -r:\n\(remove.stdout)\(remove.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.hostPath("/etc/profile.d/hostguard.sh")), "a conffile should stay until purge")
        try expectSilentLoginShells(after: "remove", in: root)

        // Purged: nothing of the package is left, and the shells are still fine.
        let purge = try run("/usr/bin/dpkg", ["--purge", "hostguard"])
        try #require(purge.status == 0, "dpkg --purge:\n\(purge.stdout)\(purge.stderr)")
        let listed = try run("/usr/bin/dpkg", ["-L", "hostguard"])
        #expect(listed.status != 0 || listed.stdout.isEmpty, "dpkg -L after purge:\n\(listed.stdout)")
        for path in ["/etc/hostguard", "/run/hostguard", "/var/lib/hostguard", "/usr/bin/hostguard", "/usr/bin/guard", "/etc/profile.d/hostguard.sh",
                     "/etc/zsh/hostguard.zsh", "/usr/share/hostguard", Self.unitsDirectory + "/hostguard-refresh.timer"] {
            #expect(!FileManager.default.fileExists(atPath: root.hostPath(path)), "\(path) left after purge")
        }
        // Enablement links, masks and deb-systemd-helper's records of them.
        let systemdLeft = try run("/usr/bin/find", ["/etc/systemd", "/var/lib/systemd", "-name", "*hostguard*"]).stdout
        #expect(systemdLeft.isEmpty, "systemd state left after purge: \(systemdLeft)")
        if let zshrc = try? String(contentsOfFile: root.hostPath("/etc/zsh/zshrc"), encoding: .utf8) {
            #expect(!zshrc.contains("hostguard"), "/etc/zsh/zshrc still mentions hostguard")
        }
        try expectSilentLoginShells(after: "purge", in: root)
    }

    /// Login bash and zsh give their own prompt and run a command, with no word of hostguard.
    func expectSilentLoginShells(after step: String, in root: ThrowawayRoot) throws {
        for shell in ["/bin/bash", "/usr/bin/zsh"] {
            let session = try TmuxSession([shell, "-l"], environment: loginEnvironment(), hermetic: false, launcher: root.launcher)
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
