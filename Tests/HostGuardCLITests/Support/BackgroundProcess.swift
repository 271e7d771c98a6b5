import Foundation

/// A long-running child (a server the test talks to), started with posix_spawn into its own
/// process group, output to a log file, and ended by pid — SIGTERM, then SIGKILL after a grace
/// period — when the test lets go of it, pass or fail.
final class BackgroundProcess {
    let pid: pid_t
    let log: String
    let name: String

    init(_ executable: String, _ arguments: [String], log: String, environment: [String] = []) throws {
        name = (executable as NSString).lastPathComponent
        self.log = log
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = (["PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"] + environment).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw BackgroundFailure("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        pid = child
    }

    var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Polls `condition` every 100 ms for up to `seconds`; fails with the log when the child died.
    func wait(_ seconds: Double, for what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            guard isRunning else { throw BackgroundFailure("\(name) exited while waiting for \(what): \(output.suffix(2000))") }
            usleep(100_000)
        }
        throw BackgroundFailure("\(name): no \(what) within \(seconds) s: \(output.suffix(2000))")
    }

    func stop() {
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) != 0 { return }
            usleep(100_000)
        }
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    deinit { stop() }
}

struct BackgroundFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
