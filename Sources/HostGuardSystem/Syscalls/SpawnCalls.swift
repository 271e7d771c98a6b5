import Glibc
import SystemPackage

// posix_spawn(3), poll(2), waitpid(2), kill(2): a command run under a time limit.

/// How a command run under a time limit ended, and what it printed (each stream capped).
public struct BoundedCommandOutcome: Sendable {
    public enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
        /// The limit passed: the whole process group was killed (SIGKILL).
        case timedOut
        case couldNotStart(SystemError)
    }

    public var ending: Ending
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]
}

/// Runs `arguments` (argv; argv[0] looked up in PATH when it has no slash, no shell) with stdin
/// from /dev/null, stdout and stderr captured, in a new process group. When `timeoutMilliseconds`
/// pass before it has exited and closed its output, the whole group is killed with SIGKILL, so
/// a probe command and anything it started cannot outlive the limit.
public func system_runBounded(_ arguments: [String], timeoutMilliseconds: Int, outputLimit: Int = 64 << 10) -> BoundedCommandOutcome {
    var outcome = BoundedCommandOutcome(ending: .timedOut, standardOutput: [], standardError: [])
    let deadline = monotonicMilliseconds() + Int64(timeoutMilliseconds)
    var outPipe: [Int32] = [-1, -1]
    var errPipe: [Int32] = [-1, -1]
    guard closeOnExecPipe(&outPipe) else {
        outcome.ending = .couldNotStart(SystemError("pipe", errno: currentErrno()))
        return outcome
    }
    guard closeOnExecPipe(&errPipe) else {
        outcome.ending = .couldNotStart(SystemError("pipe", errno: currentErrno()))
        close(outPipe[0]); close(outPipe[1])
        return outcome
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGCHLD] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)

    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    argv.append(nil)
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
    close(outPipe[1])
    close(errPipe[1])
    guard spawned == 0 else {
        close(outPipe[0]); close(errPipe[0])
        outcome.ending = .couldNotStart(SystemError("posix_spawn", path: arguments[0], errno: Errno(rawValue: spawned)))
        return outcome
    }

    // Read both streams until both close or the deadline passes.
    var open: [Int32] = [outPipe[0], errPipe[0]]
    var buffer = [UInt8](repeating: 0, count: 8192)
    var timedOut = false
    while !open.isEmpty {
        let remaining = deadline - monotonicMilliseconds()
        if remaining <= 0 { timedOut = true; break }
        var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1000)))
        if ready < 0 && Glibc.errno != EINTR { break }
        for entry in fds where entry.revents != 0 {
            let count = read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                if entry.fd == outPipe[0] {
                    if outcome.standardOutput.count < outputLimit { outcome.standardOutput += buffer[0..<count] }
                } else if outcome.standardError.count < outputLimit {
                    outcome.standardError += buffer[0..<count]
                }
            } else if count == 0 || (Glibc.errno != EINTR && Glibc.errno != EAGAIN) {
                open.removeAll { $0 == entry.fd }
            }
        }
    }
    close(outPipe[0])
    close(errPipe[0])

    // Output closed: give it until the deadline to exit.
    var status: Int32 = 0
    while !timedOut {
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid { break }
        if reaped < 0 && Glibc.errno != EINTR { break }
        if monotonicMilliseconds() >= deadline { timedOut = true; break }
        system_sleep(nanoseconds: 1_000_000)
    }
    if timedOut {
        // The leader is not reaped yet, so its pid still names the group.
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && Glibc.errno == EINTR {}
        outcome.ending = .timedOut
        return outcome
    }
    let low = status & 0x7F
    outcome.ending = low == 0 ? .exited((status >> 8) & 0xFF) : .signaled(low)
    return outcome
}

/// pipe(2) with both ends close-on-exec (pipe2 needs _GNU_SOURCE, which Glibc's module map
/// does not set); hostguard is single-threaded, so no fork can slip in between.
private func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
    guard pipe(&fds) == 0 else { return false }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return true
}

private func monotonicMilliseconds() -> Int64 {
    Int64(system_monotonicNanoseconds() / 1_000_000)
}
