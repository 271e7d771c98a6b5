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
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(stdin)
        try? input.fileHandleForWriting.close()
    }
    // Read both pipes while the process runs, so a chatty child cannot fill a pipe and stall.
    // Each box is written by one reader thread and read only after group.wait().
    final class Box: @unchecked Sendable { var data = Data() }
    let outBox = Box(), errBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
        process.terminate()
        kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    group.wait()
    let outData = outBox.data, errData = errBox.data
    return ProcessOutput(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
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
