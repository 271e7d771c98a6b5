import CReadline
import HostGuardCore
import Glibc
import SystemPackage

// Raw libc calls the guard needs. Paths are bytes ([UInt8]) here: a file name need not be UTF-8,
// and the guard must look at, log and act on exactly the name typed.

@inline(__always)
func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) throws(SystemError) -> T) throws(SystemError) -> T {
    var terminated = path
    terminated.append(0)
    return try terminated.withUnsafeBufferPointer { buffer in
        Result { () throws(SystemError) in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer throws(SystemError) in
                try body(pointer)
            }
        }
    }.get()
}

func describePath(_ path: [UInt8]) -> String { String(decoding: path, as: UTF8.self) }

extension FileStatus {
    public var isSymlink: Bool { mode & 0o170000 == 0o120000 }  // S_IFMT, S_IFLNK (inode(7))
}

/// lstat(2) (or stat(2)) of a byte path.
public func system_stat(bytes path: [UInt8], followSymlinks: Bool) throws(SystemError) -> FileStatus {
    var info = stat()
    _ = try withCPath(path) { pointer throws(SystemError) in
        try valueOrErrno(followSymlinks ? "stat" : "lstat", path: describePath(path)) {
            followSymlinks ? stat(pointer, &info) : lstat(pointer, &info)
        }
    }
    return FileStatus(
        device: UInt64(info.st_dev), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode),
        owner: UInt32(info.st_uid), size: Int64(info.st_blocks) * 512,
        modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
        linkCount: UInt64(info.st_nlink), specialDevice: UInt64(info.st_rdev))
}

/// readlink(2) of a byte path, as bytes.
public func system_readlink(bytes path: [UInt8]) throws(SystemError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 4097)
    let count = try withCPath(path) { pointer throws(SystemError) in
        try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                try valueOrErrno("readlink", path: describePath(path)) {
                    readlink(pointer, raw.baseAddress!.assumingMemoryBound(to: CChar.self), 4096)
                }
            }
        }.get()
    }
    return Array(buffer[0..<count])
}

/// getcwd(3) as bytes: the real, symlink-free current directory the kernel holds.
public func system_currentDirectory() throws(SystemError) -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: 4097)
    guard getcwd(&buffer, buffer.count) != nil else {
        throw SystemError("getcwd", errno: Errno(rawValue: Glibc.errno), hint: "the current directory may have been deleted")
    }
    return buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
}

/// Names in a directory as bytes, with their d_type (DT_DIR …, DT_UNKNOWN on some filesystems).
public func system_listDirectory(bytes path: [UInt8], limit: Int = .max) throws(SystemError) -> [(name: [UInt8], type: UInt8)] {
    let dir = try withCPath(path) { pointer throws(SystemError) in
        guard let dir = opendir(pointer) else {
            throw SystemError("opendir", path: describePath(path), errno: Errno(rawValue: Glibc.errno))
        }
        return dir
    }
    defer { closedir(dir) }
    var names: [(name: [UInt8], type: UInt8)] = []
    while names.count < limit, let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
        if name == [0x2E] || name == [0x2E, 0x2E] { continue }
        names.append((name, entry.pointee.d_type))
    }
    return names
}

public let system_directoryType = UInt8(DT_DIR)
public let system_unknownType = UInt8(DT_UNKNOWN)

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
    return SystemError("execv", path: describePath(path), errno: Errno(rawValue: Glibc.errno))
}

/// access(2) X_OK on a regular file.
public func system_isExecutableFile(_ path: [UInt8]) -> Bool {
    guard let status = try? system_stat(bytes: path, followSymlinks: true), status.isRegularFile else { return false }
    return (try? withCPath(path) { pointer throws(SystemError) in access(pointer, X_OK) == 0 }) ?? false
}

/// The controlling terminal, opened read-write; fails with ENXIO when there is none.
public func system_openControllingTerminal() throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: "/dev/tty") { open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY) }
}

public func system_close(descriptor: Int32) { close(descriptor) }

/// Reads one line on the terminal `fd` with GNU readline: completion off, nothing added to
/// history, Ctrl-C/SIGTERM/SIGHUP reported as interrupted (see CReadline shim.h).
public func system_readLine(prompt: String, terminal fd: Int32) -> (line: String?, interrupted: Bool) {
    var interrupted: Int32 = 0
    let line = CReadline_askOnTerminal(prompt, fd, &interrupted)
    defer { free(line) }
    return (line.map { String(cString: $0) }, interrupted != 0)
}

/// rename(2) with RENAME_NOREPLACE: never overwrites what is already at `to`.
public func system_renameNoReplace(_ from: [UInt8], _ to: [UInt8]) throws(SystemError) {
    _ = try withCPath(from) { source throws(SystemError) in
        try withCPath(to) { destination throws(SystemError) in
            try valueOrErrno("rename", path: describePath(from) + " → " + describePath(to)) {
                CReadline_renameNoReplace(source, destination)
            }
        }
    }
}

public func system_makeDirectory(bytes path: [UInt8], mode: mode_t = 0o700) throws(SystemError) {
    _ = try withCPath(path) { pointer throws(SystemError) in
        try valueOrErrno("mkdir", path: describePath(path)) { mkdir(pointer, mode) }
    }
}

/// Appends one line with a single write(2) on an O_APPEND descriptor, so concurrent writers'
/// lines never interleave. Never blocks: opened O_NONBLOCK (a FIFO with no reader fails with
/// ENXIO instead of waiting for one: fifo(7)), and anything but a regular file is refused before
/// a byte is written (a FIFO with a reader, a device).
public func system_appendLine(_ path: String, _ line: String, mode: mode_t = 0o600) throws(SystemError) {
    let fd = try valueOrErrno("open", path: path) {
        open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, mode)
    }
    defer { close(fd) }
    var info = stat()
    _ = try valueOrErrno("fstat", path: path) { fstat(fd, &info) }
    guard info.st_mode & S_IFMT == S_IFREG else {
        throw SystemError("open", path: path, errno: .invalidArgument, hint: "not a regular file; nothing written")
    }
    try system_writeAll(fd, Array((line + "\n").utf8))
}

/// One message to syslog (LOG_AUTHPRIV: who ran what, like sudo's log).
public func system_syslog(_ message: String, warning: Bool) {
    openlog("hostguard", LOG_PID, LOG_AUTHPRIV)
    CReadline_syslog((warning ? LOG_WARNING : LOG_NOTICE) | LOG_AUTHPRIV, message)
    closelog()
}

public func system_realUserID() -> UInt32 { UInt32(getuid()) }

/// The user name for `uid` from /etc/passwd, or nil (see `PasswdFile` for why not getpwuid).
public func system_userName(_ uid: UInt32) -> String? {
    guard let text = try? system_readText("/etc/passwd", limit: 8 << 20) else { return nil }
    return PasswdFile.userName(uid: uid, in: text[...])
}

/// The terminal on fd 0, 1 or 2, as ttyname(3) names it.
public func system_terminalName() -> String? {
    for fd: Int32 in [0, 1, 2] {
        if let name = ttyname(fd) { return String(cString: name) }
    }
    return nil
}


/// Removes a tree without following symlinks (for `trash purge`), depth first.
public func system_removeTree(_ path: [UInt8]) throws(SystemError) {
    let status = try system_stat(bytes: path, followSymlinks: false)
    if status.isDirectory {
        for entry in try system_listDirectory(bytes: path) {
            try system_removeTree(path + [0x2F] + entry.name)
        }
        _ = try withCPath(path) { pointer throws(SystemError) in try valueOrErrno("rmdir", path: describePath(path)) { rmdir(pointer) } }
    } else {
        _ = try withCPath(path) { pointer throws(SystemError) in try valueOrErrno("unlink", path: describePath(path)) { unlink(pointer) } }
    }
}

/// The executable of this very process (/proc/self/exe), to avoid exec'ing ourselves.
public func system_selfExecutable() -> FileStatus? {
    try? system_stat(bytes: Array("/proc/self/exe".utf8), followSymlinks: true)
}
