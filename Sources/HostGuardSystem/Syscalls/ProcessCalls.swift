import Glibc
import HostGuardCore
import SystemPackage

// This process: its ids, environment, arguments, executable; execv(2) and exit(3).

public func system_getenv(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

public func system_effectiveUserID() -> UInt32 { UInt32(geteuid()) }

public func system_realUserID() -> UInt32 { UInt32(getuid()) }

public func system_processID() -> Int32 { getpid() }

/// argv[start...] as bytes, exactly as the kernel passed them (CommandLine.arguments would
/// repair invalid UTF-8, and the guard must run exactly the names typed).
public func system_commandLineArguments(from start: Int) -> [[UInt8]] {
    var words: [[UInt8]] = []
    var index = start
    while index < Int(CommandLine.argc) {
        if let pointer = CommandLine.unsafeArgv[index] {
            let length = strlen(pointer)
            words.append(pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) })
        }
        index += 1
    }
    return words
}

/// The path of this very executable (readlink /proc/self/exe), or nil when /proc is missing.
public func system_executablePath() -> String? {
    guard let path = try? system_readlink("/proc/self/exe"), !path.isEmpty else { return nil }
    return path
}

/// The executable of this very process (stat of /proc/self/exe), to avoid exec'ing ourselves.
public func system_selfExecutable() -> FileStatus? {
    try? system_stat("/proc/self/exe", followSymlinks: true)
}

/// The user name for `uid` from /etc/passwd, or nil (see `PasswdFile` for why not getpwuid).
public func system_userName(_ uid: UInt32) -> String? {
    guard let text = try? system_readText("/etc/passwd", limit: 8 << 20) else { return nil }
    return PasswdFile.userName(uid: uid, in: text[...])
}

/// Replaces this process with `path`, argv and the current environment. Returns only on failure.
public func system_exec(_ path: [UInt8], _ argv: [[UInt8]]) -> SystemError {
    var storage = argv.map { bytes -> UnsafeMutablePointer<CChar>? in
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
        pointer[bytes.count] = 0
        return pointer
    }
    storage.append(nil)
    defer { for pointer in storage { pointer?.deallocate() } }
    var terminated = path.map { CChar(bitPattern: $0) }
    terminated.append(0)
    execv(terminated, storage)
    return SystemError("execv", path: describePath(path), errno: currentErrno())
}

/// exit(3): ends the process with `code` (atexit handlers and stdio flushing run).
public func system_exit(_ code: Int32) -> Never {
    exit(code)
}
