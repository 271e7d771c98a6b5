import Foundation
import Testing

@Suite("guard on real files, mounts and terminals", .serialized)
struct GuardIntegrationTests {
    @Test("a plain delete on a development host runs at once, exactly as rm would")
    func developmentDeleteRuns() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "development")
        let file = try directory.write("work/file.txt", "x")
        try FileManager.default.createDirectory(atPath: directory.path + "/work/tree/sub", withIntermediateDirectories: true)
        let result = try GuardTest.run(["rm", "file.txt"], config: config, cwd: directory.path + "/work")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!GuardTest.exists(file))
        let tree = try GuardTest.run(["rm", "-rf", "tree"], config: config, cwd: directory.path + "/work")
        #expect(tree.status == 0, "\(tree.stderr)")
        #expect(!GuardTest.exists(directory.path + "/work/tree"))
    }

    @Test("a config edit applies to the very next command (the guard's config cache follows edits)")
    func configEditsApplyAtOnce() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "development")
        // Directories: on production a lone file in a temp directory runs (the friction budget).
        let first = try directory.write("first/f", "x"), second = try directory.write("second/f", "x")
        #expect(try GuardTest.run(["rm", "-r", directory.path + "/first"], config: config).status == 0)
        #expect(!GuardTest.exists(first))
        _ = try GuardTest.config(directory, environment: "production")
        let refused = try GuardTest.run(["rm", "-r", directory.path + "/second"], config: config)
        #expect(refused.status == 100, "\(refused.stderr)")
        #expect(GuardTest.exists(second))
    }

    @Test("the command's exit status and signals are its own")
    func exitStatusPassesThrough() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "development")
        let missing = try GuardTest.run(["rm", directory.path + "/does-not-exist"], config: config)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("rm:"))
        let seven = try GuardTest.run(["sh", "-c", "exit 7"], config: config)
        #expect(seven.status == 7)
        // bash reports a child killed by a signal as 128+N. SIGKILL: the test runner may have
        // left catchable signals blocked, and the mask is inherited through exec.
        let killed = try GuardTest.shell("\"$HG\" guard -- sh -c 'kill -KILL $$'; echo \"status=$?\"", config: config)
        #expect(killed.stdout.contains("status=137"), "\(killed.stdout)")
        let notFound = try GuardTest.run(["no-such-command-hostguard"], config: config)
        #expect(notFound.status == 127)
    }

    @Test("the command is found on PATH without recursing into hostguard installed under its name")
    func pathSkipsItself() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "development")
        // A bin directory first on PATH where `rm` and `guard` are hostguard itself.
        try FileManager.default.createDirectory(atPath: directory.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/bin/rm", withDestinationPath: HostGuardBinary.path)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/bin/guard", withDestinationPath: HostGuardBinary.path)
        let victim = try directory.write("victim", "x")
        let result = try runProcess("/usr/bin/setsid", ["-w", directory.path + "/bin/guard", "rm", victim],
                                    environment: ["HOSTGUARD_CONFIG": config, "PATH": directory.path + "/bin:/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!GuardTest.exists(victim))
    }

    @Test("without a terminal, a command that needs an answer is refused at once with one line")
    func noTerminalRefuses() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "production")
        _ = try directory.write("keep/keep.txt", "keep")
        let file = directory.path + "/keep"
        let result = try GuardTest.run(["rm", "-r", file], config: config)
        #expect(result.status == 100)
        #expect(GuardTest.exists(file))
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("guard: ") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("no terminal") == true)
        #expect(lines.first?.contains("--confirm \(GuardTest.shortHostName)") == true)
        // The decision is in the audit file.
        let audit = try String(contentsOfFile: directory.path + "/audit.jsonl", encoding: .utf8)
        #expect(audit.contains("\"decision\":\"refused\""))
        #expect(audit.contains(file))
    }

    @Test("--confirm: a wrong name refuses, the host name runs it")
    func confirmOption() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "production")
        try FileManager.default.createDirectory(atPath: directory.path + "/tree/a", withIntermediateDirectories: true)
        let wrong = try GuardTest.run(["rm", "-rf", directory.path + "/tree"], config: config, options: ["--confirm", "not-" + GuardTest.shortHostName])
        #expect(wrong.status == 100)
        #expect(wrong.stderr.contains("does not match"))
        #expect(GuardTest.exists(directory.path + "/tree/a"))
        let right = try GuardTest.run(["rm", "-rf", directory.path + "/tree"], config: config, options: ["--confirm", GuardTest.shortHostName])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(!GuardTest.exists(directory.path + "/tree"))
        let audit = try String(contentsOfFile: directory.path + "/audit.jsonl", encoding: .utf8)
        #expect(audit.contains("\"decision\":\"confirmed\""))
    }

    @Test("names that are not UTF-8 are assessed and deleted exactly, their look-alike kept")
    func nonUTF8Names() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "production")
        // a\xff\xfeb is not UTF-8; a\xef\xbf\xbdb is what a lossy decoding would make of it.
        let script = """
            cd "$1" && mkdir $'a\\xff\\xfeb' && : > $'a\\xef\\xbf\\xbdb' &&
            "$HG" guard --confirm "$2" -- rm -rv -- $'a\\xff\\xfeb'; echo "status=$?";
            [ -e $'a\\xff\\xfeb' ] && echo "invalid-still-there"; [ -e $'a\\xef\\xbf\\xbdb' ] && echo "lookalike-kept"
            """
        let result = try runProcess("/usr/bin/setsid", ["-w", "/bin/bash", "-c", script, "bash", directory.path, GuardTest.shortHostName],
                                    environment: ["HOSTGUARD_CONFIG": config, "HG": HostGuardBinary.path])
        #expect(result.stdout.contains("status=0"), "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("invalid-still-there"))
        #expect(result.stdout.contains("lookalike-kept"))
        // The banner shows the bytes, escaped.
        #expect(result.stderr.contains("a\\xff\\xfeb"), "\(result.stderr)")
    }

    @Test("rm link removes the link; rm -rf link/ reaches the protected directory and is refused")
    func symlinkSemantics() throws {
        let directory = try TemporaryDirectory()
        let protected = directory.path + "/protected"
        try FileManager.default.createDirectory(atPath: protected + "/inner", withIntermediateDirectories: true)
        try directory.write("protected/inner/data", "precious")
        let config = try GuardTest.config(directory, environment: "development", extra: """
            [[protect]]
            path = "\(protected)"
            level = "deny"
            note = "Runbook: never delete"
            """)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link", withDestinationPath: "protected")
        try FileManager.default.createDirectory(atPath: directory.path + "/elsewhere", withIntermediateDirectories: true)
        for spelling in ["link/", "protected", "./protected/", "elsewhere/../protected", protected, protected + "/inner/..", "link/inner"] {
            let result = try GuardTest.run(["rm", "-rf", spelling], config: config, cwd: directory.path)
            #expect(result.status == 100, "\(spelling): \(result.stderr)")
            #expect(result.stderr.contains("Runbook: never delete"), "\(spelling)")
        }
        #expect(GuardTest.exists(protected + "/inner/data"))
        let link = try GuardTest.run(["rm", "link"], config: config, cwd: directory.path)
        #expect(link.status == 0, "\(link.stderr)")
        #expect(!GuardTest.exists(directory.path + "/link"))
        #expect(GuardTest.exists(protected + "/inner/data"))
    }

    @Test("mounts in a private namespace: mount points ask, a bind mount of a protected path is refused, a differing view is named")
    func mountsInPrivateNamespace() throws {
        let directory = try TemporaryDirectory()
        let protected = directory.path + "/protected"
        try FileManager.default.createDirectory(atPath: protected, withIntermediateDirectories: true)
        try directory.write("protected/data", "precious")
        let config = try GuardTest.config(directory, environment: "development", extra: """
            [[protect]]
            path = "\(protected)"
            level = "deny"
            """)
        for name in ["mnt", "bindview", "shadow"] {
            try FileManager.default.createDirectory(atPath: directory.path + "/" + name, withIntermediateDirectories: true)
        }
        try directory.write("shadow/file", "on the host")
        // Everything happens inside `unshare -m --propagation private`: nothing leaks to the host.
        let script = """
            set -u
            d="$1"
            mount -t tmpfs hostguard-test-tmpfs "$d/mnt" && echo scratch > "$d/mnt/file"
            mount --bind "$d/protected" "$d/bindview"
            mount -t tmpfs hostguard-test-shadow "$d/shadow" && echo private > "$d/shadow/file"
            "$HG" guard -- rm -rf "$d/mnt"; echo "mountpoint=$?"
            "$HG" guard -- rm -rf "$d/bindview/"; echo "bind=$?"
            "$HG" guard --dry-run --json -- rm -rf "$d/bindview/data" > "$d/bind.json"
            "$HG" guard --dry-run --json -- rm "$d/shadow/file" > "$d/shadow.json"
            "$HG" guard -- rm "$d/shadow/file"; echo "shadow=$?"
            """
        let result = try runProcess("/usr/bin/setsid", ["-w", "/usr/bin/unshare", "-m", "--propagation", "private",
                                                        "/bin/bash", "-c", script, "bash", directory.path],
                                    environment: ["HOSTGUARD_CONFIG": config, "HG": HostGuardBinary.path])
        #expect(result.stdout.contains("mountpoint=100"), "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("mount point"))
        #expect(result.stderr.contains("tmpfs hostguard-test-tmpfs"))
        #expect(result.stdout.contains("bind=100"))
        #expect(GuardTest.exists(protected + "/data"))
        let bind = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path + "/bind.json"))) as? [String: Any]
        #expect(bind?["decision"] as? String == "refuse")
        let shadow = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path + "/shadow.json"))) as? [String: Any]
        let targets = shadow?["targets"] as? [[String: Any]]
        let namespace = targets?.first?["namespace"] as? String ?? ""
        #expect(namespace.contains("private mount namespace"), "\(String(describing: shadow))")
        #expect(namespace.contains("tmpfs hostguard-test-shadow"))
        #expect(shadow?["decision"] as? String == "type-hostname")
        #expect(result.stdout.contains("shadow=100"))
        // Nothing leaked: the host still has its own file under shadow/, and no tmpfs there.
        #expect((try? String(contentsOfFile: directory.path + "/shadow/file", encoding: .utf8)) == "on the host")
        let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        #expect(!mounts.contains(directory.path))
    }

    @Test("in a real terminal: typing the host name runs it, Ctrl-C and a wrong name do not")
    func terminalQuestion() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "production")
        for name in ["typed", "interrupted", "wrong", "eof"] {
            try FileManager.default.createDirectory(atPath: directory.path + "/\(name)/inner", withIntermediateDirectories: true)
        }
        func session(_ name: String) throws -> TmuxSession {
            // stdin is a pipe from `true`: the answer must come from the terminal, not stdin.
            let command = "true | \(HostGuardBinary.path) guard -- rm -rf \(directory.path)/\(name); echo \"status=$?\" > \(directory.path)/\(name).status; sleep 60"
            return try TmuxSession(["/bin/bash", "-c", command], environment: ["HOSTGUARD_CONFIG": config])
        }
        let question = "Type the host name"

        let typed = try session("typed")
        let screen = try typed.waitFor(60) { $0.contains(question) }
        #expect(screen.contains("PRODUCTION"))
        #expect(screen.contains("recursive delete of \(directory.path)/typed on production"))
        try typed.type(GuardTest.shortHostName)
        #expect(waitForFile(directory.path + "/typed.status") == "status=0\n")
        #expect(!GuardTest.exists(directory.path + "/typed"))

        let interrupted = try session("interrupted")
        try interrupted.waitFor(60) { $0.contains(question) }
        // Ctrl-C with the right name already typed: still nothing runs.
        try interrupted.type(GuardTest.shortHostName, enter: false)
        try interrupted.key("C-c")
        #expect(waitForFile(directory.path + "/interrupted.status") == "status=130\n")
        #expect(GuardTest.exists(directory.path + "/interrupted/inner"))

        let wrong = try session("wrong")
        try wrong.waitFor(60) { $0.contains(question) }
        try wrong.type("x" + GuardTest.shortHostName)
        #expect(waitForFile(directory.path + "/wrong.status") == "status=101\n")
        #expect(GuardTest.exists(directory.path + "/wrong/inner"))

        let eof = try session("eof")
        try eof.waitFor(60) { $0.contains(question) }
        try eof.key("C-d")
        #expect(waitForFile(directory.path + "/eof.status") == "status=130\n")
        #expect(GuardTest.exists(directory.path + "/eof/inner"))
    }

    @Test("a MySQL data directory is recognised as live data; a stopped one still asks for the host name")
    func mysqlDataDirectory() throws {
        let directory = try TemporaryDirectory()
        let config = try GuardTest.config(directory, environment: "development")
        try FileManager.default.createDirectory(atPath: directory.path + "/mysql-data/mysql", withIntermediateDirectories: true)
        try directory.write("mysql-data/ibdata1", "")
        let report = try GuardTest.dryRun(["rm", "-rf", directory.path + "/mysql-data"], config: config)
        let live = ((report["targets"] as? [[String: Any]])?.first?["live_data"] as? [[String: Any]])?.first
        #expect(live?["kind"] as? String == "mysql", "\(report)")
        #expect(live?["running"] as? Bool == false)
        #expect(report["decision"] as? String == "type-hostname")
        // A file inside it counts too.
        let inside = try GuardTest.dryRun(["rm", directory.path + "/mysql-data/ibdata1"], config: config)
        #expect(inside["decision"] as? String == "type-hostname")
    }
    // Quarantine, restore and purge: QuarantineTests (in a private mount namespace).
}
