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
/// TERM or NO_COLOR leaking in from the developer's shell), optional stdin, and a time limit.
@discardableResult
func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    stdin: Data? = nil, currentDirectory: String? = nil, timeout: TimeInterval = 60
) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8"]
    env.merge(environment) { _, new in new }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    // Output goes to temporary files, not pipes: a child that daemonises (tmux's server,
    // pg_ctl's postmaster) inherits them, and a pipe would then never reach end-of-file.
    let outFile = try TemporaryOutputFile(), errFile = try TemporaryOutputFile()
    let input = Pipe()
    process.standardOutput = outFile.handle
    process.standardError = errFile.handle
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(stdin)
        try? input.fileHandleForWriting.close()
    }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(5_000) }
    if process.isRunning {
        process.terminate()
        kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    let outData = try outFile.contents(), errData = try errFile.contents()
    return ProcessOutput(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
}

/// An unlinked-on-close temporary file that a child process writes its output to.
private final class TemporaryOutputFile {
    let path: String
    let handle: FileHandle

    init() throws {
        var template = Array("/tmp/hostguard-test-out-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: template)
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
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
