import Glibc
import SystemPackage

// Calls that resolve a path: readlink(2), realpath(3), getcwd(3), access(2).

/// readlink(2): the whole target as text (bytes that are not UTF-8 become U+FFFD: such targets
/// are for display, a /proc/<pid>/cwd; placement goes by mount id or by `bytes:`).
public func system_readlink(_ path: String) throws(SystemError) -> String {
    String(decoding: try readlinkCall(AT_FDCWD, path, describedAs: path), as: UTF8.self)
}

/// readlink(2) of a byte path, as bytes (the guard follows exactly the link that is there).
public func system_readlink(bytes path: [UInt8]) throws(SystemError) -> [UInt8] {
    try withCPath(path) { pointer throws(SystemError) in
        try readlinkCall(AT_FDCWD, pointer, describedAs: describePath(path))
    }
}

/// readlinkat(2) relative to a directory fd (a /proc/<pid> handle: one lookup of the pid), as
/// text like `system_readlink`.
public func system_readlinkAt(_ directory: Int32, _ path: String) throws(SystemError) -> String {
    String(decoding: try readlinkCall(directory, path, describedAs: path), as: UTF8.self)
}

/// The one readlinkat(2) call: the buffer starts small (most /proc links are short) and grows
/// until the whole target fits (readlink(2) truncates silently when it does not), up to 1 MiB.
@inline(__always)
private func readlinkCall(_ directory: Int32, _ path: UnsafePointer<CChar>, describedAs name: @autoclosure () -> String) throws(SystemError) -> [UInt8] {
    var size = 256
    while true {
        var buffer = [UInt8](repeating: 0, count: size)
        let count = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                try valueOrErrno("readlink", path: name()) {
                    readlinkat(directory, path, raw.baseAddress!.assumingMemoryBound(to: CChar.self), size)
                }
            }
        }.get()
        if count < size || size >= 1 << 20 {
            buffer.removeSubrange(count...)
            return buffer
        }
        size *= 4
    }
}

/// The canonical absolute path (symlinks, `.` and `..` resolved), as realpath(3).
public func system_canonicalPath(_ path: String) throws(SystemError) -> String {
    guard let resolved = realpath(path, nil) else {
        throw SystemError("realpath", path: path, errno: currentErrno())
    }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// getcwd(3) as bytes: the real, symlink-free current directory the kernel holds.
public func system_currentDirectory() throws(SystemError) -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: 4097)
    guard getcwd(&buffer, buffer.count) != nil else {
        throw SystemError("getcwd", errno: currentErrno(), hint: "the current directory may have been deleted")
    }
    return buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
}

/// A regular file this process may execute: stat(2), then access(2) X_OK.
public func system_isExecutableFile(_ path: [UInt8]) -> Bool {
    guard let status = try? system_stat(bytes: path, followSymlinks: true), status.isRegularFile else { return false }
    return (try? withCPath(path) { pointer throws(SystemError) in access(pointer, X_OK) == 0 }) ?? false
}
