import Foundation
import HostGuardCore
import Testing

/// The prompt is never in the way and cannot be lost: it survives the user's own rc files
/// loading after the package's (sourced here from the repo's Packaging/ loaders with a temp HOME,
/// paths pointed at the built binary and the repo's shell/ files; installing the package into a
/// throw-away root is `DebianPackageTests`' job), it creates no process while nothing changed,
/// and it appears within a second when $HOME or the data directory is a mount that does not
/// answer.
@Suite("prompt resilience (real shells in tmux, strace, dead FUSE mounts)", .serialized)
struct PromptResilienceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let hermetic: HermeticEnvironment
    let directory: TemporaryDirectory

    init() throws {
        hermetic = try HermeticEnvironment()
        directory = try TemporaryDirectory()
        try Self.config("production", role: "primary").write(toFile: hermetic.config, atomically: true, encoding: .utf8)
    }

    static func config(_ environment: String, role: String) -> String {
        "[host]\nenvironment = \"\(environment)\"\nrole = \"\(role)\"\ncluster = \"db\"\n"
    }

    var environment: [String: String] {
        var env = hermetic.variables
        env["HOSTGUARD_CONFIG"] = hermetic.config
        env["TERM"] = "xterm-256color"
        return env
    }

    /// A packaged loader (Packaging/files/NAME) with its installed paths pointed at this build.
    func loader(_ name: String) throws -> String {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("Packaging/files/" + name), encoding: .utf8)
            .replacingOccurrences(of: "/usr/bin/hostguard", with: HostGuardBinary.path)
            .replacingOccurrences(of: "/usr/share/hostguard/", with: Self.repository.appendingPathComponent("shell").path + "/")
        return try directory.write(name, text)
    }

    // MARK: - The user's rc files load after the package's

    func bash(userRC: String) throws -> TmuxSession {
        let rc = try directory.write("bashrc", """
            . '\(try loader("profile.d-hostguard.sh"))'
            \(userRC)
            """)
        return try TmuxSession(["/bin/bash", "--noprofile", "--rcfile", rc, "-i"], environment: environment)
    }

    @Test("bash: a .bashrc that assigns PROMPT_COMMAND= and PS1= outright")
    func bashrcAssigns() throws {
        let session = try bash(userRC: """
            PROMPT_COMMAND='echo user-hook >/dev/null'
            PS1='[$?]mine\\$ '
            """)
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:") && $0.contains("[0]mine# ") }
        try session.type("false")
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:") && $0.contains("[1]mine# ") }
    }

    @Test("bash: liquidprompt (appends its PS1 builder after the hook): the segment stays in front")
    func bashLiquidprompt() throws {
        let session = try bash(userRC: "source /usr/share/liquidprompt/liquidprompt")
        // The hook moves itself after liquidprompt's on the first prompt; from the second on,
        // it prefixes what liquidprompt built.
        try session.waitFor { !$0.isEmpty }
        try session.type("echo second")
        let screen = try session.waitFor { $0.contains("second\n") && $0.split(separator: "\n").last?.contains("PRODUCTION") == true }
        #expect(screen.split(separator: "\n").last?.contains("PRIMARY") == true)
    }

    @Test("bash: powerline's binding")
    func bashPowerline() throws {
        let binding = "/usr/share/powerline/bindings/bash/powerline.sh"
        try #require(FileManager.default.fileExists(atPath: binding), "powerline is in .ci/test-packages.txt")
        let session = try bash(userRC: "POWERLINE_BASH_CONTINUATION=1 POWERLINE_BASH_SELECT=1 . \(binding)")
        try session.type("echo second")
        try session.waitFor(20) { $0.contains("second\n") && $0.split(separator: "\n").last?.contains("PRODUCTION") == true }
    }

    func zsh(userRC: String) throws -> TmuxSession {
        let zdotdir = directory.path + "/zdot"
        try FileManager.default.createDirectory(atPath: zdotdir, withIntermediateDirectories: true)
        try """
            source '\(try loader("zsh-hostguard.zsh"))'
            \(userRC)
            """.write(toFile: zdotdir + "/.zshrc", atomically: true, encoding: .utf8)
        var env = environment
        env["ZDOTDIR"] = zdotdir
        return try TmuxSession(["/usr/bin/zsh", "-d", "-i"], environment: env)
    }

    @Test("zsh: a theme that rebuilds PROMPT in its own precmd, added after the hook; $? kept")
    func zshTheme() throws {
        let session = try zsh(userRC: """
            setopt prompt_subst
            autoload -Uz add-zsh-hook
            my_theme() { PROMPT='[%?]theme%# ' }
            add-zsh-hook precmd my_theme
            """)
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:") && $0.contains("[0]theme# ") }
        try session.type("false")
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:") && $0.contains("[1]theme# ") }
    }

    @Test("zsh: liquidprompt")
    func zshLiquidprompt() throws {
        let session = try zsh(userRC: "source /usr/share/liquidprompt/liquidprompt")
        try session.waitFor { $0.split(separator: "\n").last?.contains("PRODUCTION") == true }
    }

    @Test("zsh: powerline's binding")
    func zshPowerline() throws {
        let binding = "/usr/share/powerline/bindings/zsh/powerline.zsh"
        try #require(FileManager.default.fileExists(atPath: binding), "powerline is in .ci/test-packages.txt")
        let session = try zsh(userRC: "source \(binding)")
        try session.waitFor(20) { $0.split(separator: "\n").last?.contains("PRODUCTION") == true }
    }

    @Test("fish: a config.fish that defines fish_prompt after the vendor_conf.d loader (what starship's init does); $status kept")
    func fishConfigPrompt() throws {
        let config = try directory.write("config.fish", """
            function fish_prompt; echo -n "[$status]mine> "; end
            """)
        // fish runs vendor_conf.d before config.fish; --no-config and -C keep the host's away.
        let session = try TmuxSession(["/usr/bin/fish", "--no-config", "-C", "source '\(try loader("fish-hostguard.fish"))'; source '\(config)'"],
                                      environment: environment)
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:") && $0.contains("[0]mine> ") }
        try session.type("false")
        try session.waitFor { $0.contains(" PRODUCTION  PRIMARY db:") && $0.contains("[1]mine> ") }
    }

    // MARK: - No process per prompt

    /// Starts `shell` under strace, waits until the racy-change window of the config file is
    /// over, then presses Enter 100 times and counts processes created meanwhile.
    func processesDuring100Prompts(_ shell: [String], extraEnvironment: [String: String] = [:], prompt: String) throws -> (created: Int, session: TmuxSession) {
        let log = directory.path + "/strace-\(shell[0].split(separator: "/").last!)"
        var env = environment
        env.merge(extraEnvironment) { _, new in new }
        let session = try TmuxSession(["/usr/bin/strace", "-f", "-qq", "-o", log, "-e", "trace=clone,clone3,fork,vfork,execve"] + shell,
                                      environment: env)
        try session.waitFor(20) { $0.contains("PRODUCTION") && $0.contains(prompt) }
        usleep(2_600_000)  // PromptRefreshPlan.settleNanoseconds after the config was written
        try session.type("echo settled")
        try session.waitFor { $0.contains("settled\n") }
        usleep(300_000)
        let before = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count
        for _ in 0..<100 { try session.key("Enter") }
        try session.type("echo done-100")
        try session.waitFor { $0.contains("done-100\n") }
        usleep(300_000)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        // A process is created by fork, vfork, a clone without CLONE_THREAD, or replaced by execve
        // (signal and exit lines are not calls).
        let created = lines.dropFirst(before).filter { line in
            ["clone(", "clone3(", "fork(", "vfork(", "execve("].contains { line.contains($0) } && !line.contains("CLONE_THREAD")
        }
        return (created.count, session)
    }

    @Test("bash: 100 prompts create no process while nothing changes; a role change shows at once")
    func bashZeroForks() throws {
        let rc = try directory.write("bashrc-strace", """
            PS1='[$?]\\u\\$ '
            eval "$('\(HostGuardBinary.path)' init bash)"
            """)
        let (created, session) = try processesDuring100Prompts(["/bin/bash", "--noprofile", "--rcfile", rc, "-i"], prompt: "[0]root# ")
        #expect(created == 0, "processes created during 100 prompts: \(created)")
        try Self.config("production", role: "standby").write(toFile: hermetic.config, atomically: true, encoding: .utf8)
        try session.type("")
        try session.waitFor(2) { $0.split(separator: "\n").last?.contains("standby") == true }
    }

    @Test("zsh: 100 prompts create no process while nothing changes; a role change shows at once")
    func zshZeroForks() throws {
        let zdotdir = directory.path + "/zdot-strace"
        try FileManager.default.createDirectory(atPath: zdotdir, withIntermediateDirectories: true)
        try """
            PROMPT='[%?]%n%# '
            eval "$('\(HostGuardBinary.path)' init zsh)"
            """.write(toFile: zdotdir + "/.zshrc", atomically: true, encoding: .utf8)
        let (created, session) = try processesDuring100Prompts(["/usr/bin/zsh", "-d", "-i"], extraEnvironment: ["ZDOTDIR": zdotdir], prompt: "[0]root# ")
        #expect(created == 0, "processes created during 100 prompts: \(created)")
        try Self.config("production", role: "standby").write(toFile: hermetic.config, atomically: true, encoding: .utf8)
        try session.type("")
        try session.waitFor(2) { $0.split(separator: "\n").last?.contains("standby") == true }
    }

    // MARK: - Never in the way

    /// Runs `script` as root in a private mount namespace with a FUSE mount at $DEAD whose server
    /// never answers (Tests/tools/dead-fuse-mount.py), then stops the server and unmounts.
    func withDeadMount(_ script: String, environment extra: [String: String] = [:]) throws -> ProcessOutput {
        let tool = Self.repository.appendingPathComponent("Tests/tools/dead-fuse-mount.py").path
        var env = environment
        env.merge(extra) { _, new in new }
        return try runProcess("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", "-euc", """
            export DEAD=$1/dead
            mkdir -p "$DEAD"
            python3 "$2" "$DEAD" "$1/ready" & server=$!
            for _ in $(seq 1 100); do [ -s "$1/ready" ] && break; sleep 0.05; done
            set +e
            \(script)
            kill $server; wait; umount -l "$DEAD"
            """, "dead", directory.path, tool], environment: env, timeout: 60)
    }

    @Test("$HOME on a mount that does not answer: the segment appears within 1 s, with a notice")
    func deadHome() throws {
        let result = try withDeadMount("""
            start=$(date +%s%N)
            HOME=$DEAD timeout 5 "$3" prompt --shell plain --color never --integration 4242 > "$1/out"; echo $? > "$1/status"
            echo $(( ($(date +%s%N) - start) / 1000000 )) > "$1/ms"
            """.replacingOccurrences(of: "\"$3\"", with: "'\(HostGuardBinary.path)'"))
        let output = try String(contentsOfFile: directory.path + "/out", encoding: .utf8)
        let milliseconds = Int(try String(contentsOfFile: directory.path + "/ms", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        #expect(try String(contentsOfFile: directory.path + "/status", encoding: .utf8) == "0\n", "\(result.stderr)")
        #expect(output.hasPrefix("[PRODUCTION] PRIMARY db:"), "\(output)")
        #expect(output.contains("(config: home not answering)"))
        // Rendered again soon (no stamp: the shell must not stat anything on the dead mount).
        #expect(!output.contains("stamp ") && output.contains("until "))
        #expect(milliseconds < 1000, "took \(milliseconds) ms")
    }

    @Test("bash with the user's config on a mount that does not answer: the prompt appears within 1 s and keeps coming")
    func deadHomeShell() throws {
        let rc = try directory.write("bashrc-dead", """
            PS1='[$?]\\u\\$ '
            eval "$('\(HostGuardBinary.path)' init bash)"
            """)
        let tool = Self.repository.appendingPathComponent("Tests/tools/dead-fuse-mount.py").path
        // bash itself stats $HOME/.terminfo (ncurses) and reads ~/.inputrc at startup, which no
        // integration can prevent: with HOME on the dead mount bash hangs before any prompt code
        // runs. So HOME stays local and the user's config dir (XDG_CONFIG_HOME, what hostguard
        // reads under the home) is on the dead mount. `hostguard aliases`, run by every new
        // shell, reads only the system config and so never touches it.
        let session = try TmuxSession(["/usr/bin/unshare", "-m", "--propagation", "private", "/bin/bash", "-c", """
            mkdir -p "$1/dead"
            python3 "$2" "$1/dead" "$1/ready" & 
            for _ in $(seq 1 100); do [ -s "$1/ready" ] && break; sleep 0.05; done
            XDG_CONFIG_HOME=$1/dead/.config exec /bin/bash --noprofile --rcfile "$3" -i
            """, "dead", directory.path, tool, rc], environment: environment)
        let started = Date()
        try session.waitFor(10) { $0.contains("[0]root# ") }
        #expect(Date().timeIntervalSince(started) < 3)
        let screen = try session.screen()
        #expect(screen.contains("PRODUCTION") && screen.contains("config: home not answering"), "\(screen)")
        try session.type("echo still-here")
        try session.waitFor(3) { $0.contains("still-here\n") && $0.components(separatedBy: "[0]root# ").count >= 3 }
    }

    @Test("a probe data directory on a mount that does not answer: role unknown within 1 s, with a notice")
    func deadDataDirectory() throws {
        try """
            [host]
            environment = "production"
            cluster = "db"

            [[probe]]
            kind = "postgresql"
            data_dir = "\(directory.path)/dead/main"
            """.write(toFile: hermetic.config, atomically: true, encoding: .utf8)
        _ = try withDeadMount("""
            start=$(date +%s%N)
            timeout 5 '\(HostGuardBinary.path)' prompt --shell plain --color never > "$1/out"; echo $? > "$1/status"
            echo $(( ($(date +%s%N) - start) / 1000000 )) > "$1/ms"
            """)
        let output = try String(contentsOfFile: directory.path + "/out", encoding: .utf8)
        let milliseconds = Int(try String(contentsOfFile: directory.path + "/ms", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        #expect(output.hasPrefix("[PRODUCTION] ROLE? db:"), "\(output)")
        #expect(output.contains("role: not answering"))
        #expect(milliseconds < 1000, "took \(milliseconds) ms")
    }

    @Test("pg_control is a FIFO: refused, not waited on; the role is unknown")
    func pgControlFIFO() throws {
        let data = directory.path + "/pg/main"
        try FileManager.default.createDirectory(atPath: data + "/global", withIntermediateDirectories: true)
        #expect(mkfifo(data + "/global/pg_control", 0o644) == 0)
        try """
            [host]
            environment = "production"
            cluster = "db"

            [[probe]]
            kind = "postgresql"
            data_dir = "\(data)"
            """.write(toFile: hermetic.config, atomically: true, encoding: .utf8)
        let started = Date()
        let result = try runProcess(HostGuardBinary.path, ["prompt", "--shell", "plain", "--color", "never"], environment: environment, timeout: 10)
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[PRODUCTION] ROLE? db:"), "\(result.stdout)")
        #expect(!result.stdout.contains("not answering"), "a FIFO is refused at once, not timed out: \(result.stdout)")
    }
}
