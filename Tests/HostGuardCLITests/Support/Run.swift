import Foundation

/// The built `hostguard` binary, found beside this test bundle (SwiftPM builds every product
/// before `swift test` runs), whatever the scratch path.
enum HostGuardBinary {
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["HOSTGUARD_TEST_BINARY"] { return explicit }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // …/debug/hostguardPackageTests.xctest is a file on Linux; its directory holds the product.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("hostguard").path
    }()
}

/// What a finished process printed and how it ended.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data
}

/// Runs a program to completion with a clean, explicit environment (no inherited HOSTGUARD_*,
/// TERM or NO_COLOR leaking in from the developer's shell; the tests' private state, config,
/// trash registry and HOME from `HermeticEnvironment.shared` underneath `environment`, unless
/// `hermetic` is false), optional stdin, and a time limit.
///
/// posix_spawn and waitpid, not Foundation's Process: Process learns of the child's exit through
/// a descriptor the child inherits, so a child that daemonises (tmux's server, pg_ctl's
/// postmaster) keeps it "running" forever. Output goes to files for the same reason, and the
/// child starts with no blocked signals and default dispositions, whatever the test runner has.
@discardableResult
func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    stdin: Data? = nil, currentDirectory: String? = nil, timeout: TimeInterval = 60, hermetic: Bool = true
) throws -> ProcessOutput {
    var env = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"]
    // hermetic: false only where the host's own locations are the point, inside a throw-away
    // root (the package test); then HOME is the caller's to give.
    if hermetic { env.merge(HermeticEnvironment.shared.variables) { _, new in new } }
    env.merge(environment) { _, new in new }
    let outFile = try TemporaryOutputFile(), errFile = try TemporaryOutputFile(), inFile = try TemporaryOutputFile()
    if let stdin { try stdin.write(to: URL(fileURLWithPath: inFile.path)) }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // No stdin: an empty pipe, not /dev/null. A /dev/null opened here sits on this namespace's
    // /dev, and a test that unshares its mount namespace would see it as a foreign mount.
    var emptyPipe: [Int32] = [-1, -1]
    if stdin == nil {
        guard pipe(&emptyPipe) == 0 else { throw CocoaError(.fileWriteUnknown) }
        posix_spawn_file_actions_adddup2(&actions, emptyPipe[0], 0)
        posix_spawn_file_actions_addclose(&actions, emptyPipe[0])
        posix_spawn_file_actions_addclose(&actions, emptyPipe[1])
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, inFile.path, O_RDONLY, 0)
    }
    defer { for fd in emptyPipe where fd >= 0 { close(fd) } }
    posix_spawn_file_actions_addopen(&actions, 1, outFile.path, O_WRONLY | O_TRUNC, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errFile.path, O_WRONLY | O_TRUNC, 0)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    // posix_spawn_file_actions_addchdir_np is not visible to Swift here: change directory in a
    // shell that then execs the program, arguments untouched.
    var program = executable, programArguments = [executable] + arguments
    if let currentDirectory {
        program = "/bin/sh"
        programArguments = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory, executable] + arguments
    }
    let argv = programArguments.map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "spawn \(executable): \(String(cString: strerror(spawned)))"])
    }
    if emptyPipe[1] >= 0 { close(emptyPipe[1]); emptyPipe[1] = -1 }
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            break
        }
        usleep(2_000)
    }
    // Shell convention: a child killed by signal N reports 128 + N.
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let outData = try outFile.contents(), errData = try errFile.contents()
    return ProcessOutput(
        status: exitStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
}

/// A temporary file a child process reads its input from or writes its output to.
private final class TemporaryOutputFile {
    let path: String

    init() throws {
        var template = Array("/tmp/hostguard-test-out-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        close(fd)
        path = String(cString: template)
    }

    func contents() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    deinit { unlink(path) }
}

/// Runs the built hostguard with `arguments`.
@discardableResult
func runHostGuard(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> ProcessOutput {
    try runProcess(HostGuardBinary.path, arguments, environment: environment, stdin: stdin)
}

/// A temporary directory removed when the test ends; root-owned and not group/world writable, so
/// hostguard trusts config files written into it.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/hostguard-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ contents: String, mode: Int = 0o644) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }
}
