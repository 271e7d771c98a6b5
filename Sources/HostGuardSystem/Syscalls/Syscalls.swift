import Glibc
import SystemPackage

// Every raw libc call HostGuardSystem makes goes through a function in this folder, so errno
// handling, EINTR retries and typed errors live in one place (the swift-system habit).

/// Runs `call` until it does not fail with EINTR; -1 becomes a `SystemError`.
@inline(__always)
func valueOrErrno<T: FixedWidthInteger>(
    _ operation: String, path: String? = nil, _ call: () -> T
) throws(SystemError) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = Errno(rawValue: Glibc.errno)
        if code == .interrupted { continue }
        throw SystemError(operation, path: path, errno: code)
    }
}

/// Reads a whole file of modest size (config, /proc entries, state files) in one go.
/// `limit` keeps a hostile or runaway file from eating memory; reading stops there.
public func system_readFile(_ path: String, limit: Int = 4 << 20) throws(SystemError) -> [UInt8] {
    let fd = try valueOrErrno("open", path: path) { open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    while bytes.count < limit {
        let want = min(chunk.count, limit - bytes.count)
        let got = try chunk.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try valueOrErrno("read", path: path) { read(fd, buffer.baseAddress!, want) } }
        }.get()
        if got == 0 { break }
        bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
}

/// Reads a file as text; bytes that are not UTF-8 become U+FFFD rather than failing.
public func system_readText(_ path: String, limit: Int = 4 << 20) throws(SystemError) -> String {
    let bytes = try system_readFile(path, limit: limit)
    return String(decoding: bytes, as: UTF8.self)
}

/// The parts of stat(2) hostguard decides on.
public struct FileStatus: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var mode: UInt32
    public var owner: UInt32
    public var size: Int64
    public var modifiedNanoseconds: Int64
    /// st_nlink: names this inode has (hard links).
    public var linkCount: UInt64 = 1
    /// st_rdev: the device a block or character special file names.
    public var specialDevice: UInt64 = 0

    public var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
    public var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    public var isBlockDevice: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFBLK) }
    public var permissions: UInt32 { mode & 0o7777 }
}

public func system_stat(_ path: String, followSymlinks: Bool = true) throws(SystemError) -> FileStatus {
    var info = stat()
    _ = try valueOrErrno(followSymlinks ? "stat" : "lstat", path: path) {
        followSymlinks ? stat(path, &info) : lstat(path, &info)
    }
    return FileStatus(
        device: UInt64(info.st_dev), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode),
        owner: UInt32(info.st_uid), size: Int64(info.st_size),
        modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
}

/// Names in a directory, without "." and "..", unsorted. Names are raw bytes turned into
/// Strings losslessly only when valid UTF-8; callers that must keep every byte use other APIs.
public func system_listDirectory(_ path: String) throws(SystemError) -> [String] {
    // opendir, not openat + fdopendir: glibc's fdopendir adds an fstat and two fcntl per
    // directory, which the guard's /proc scan pays once per process.
    guard let dir = opendir(path) else {
        throw SystemError("opendir", path: path, errno: Errno(rawValue: Glibc.errno))
    }
    defer { closedir(dir) }
    return system_directoryNames(dir)
}

/// The names an open directory stream lists, without "." and "..", unsorted.
func system_directoryNames(_ dir: OpaquePointer) -> [String] {
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

public func system_getenv(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

public func system_effectiveUserID() -> UInt32 { UInt32(geteuid()) }

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
public func system_writeAll(_ fd: Int32, _ bytes: some Collection<UInt8>) throws(SystemError) {
    let array = Array(bytes)
    var offset = 0
    while offset < array.count {
        let written = try array.withUnsafeBytes { buffer in
            Result { () throws(SystemError) in
                try valueOrErrno("write") { write(fd, buffer.baseAddress! + offset, buffer.count - offset) }
            }
        }.get()
        offset += written
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, fsync'd, then renamed, so a
/// reader (the prompt, node_exporter) never sees half a file.
public func system_writeFileAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(SystemError) {
    let temporary = path + ".tmp.\(getpid())"
    let fd = try valueOrErrno("open", path: temporary) {
        open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
    }
    do {
        try system_writeAll(fd, bytes)
        _ = fchmod(fd, mode)
        _ = fsync(fd)
        close(fd)
        _ = try valueOrErrno("rename", path: path) { rename(temporary, path) }
    } catch {
        close(fd)
        unlink(temporary)
        throw error
    }
}

public func system_makeDirectory(_ path: String, mode: mode_t = 0o755) throws(SystemError) {
    if mkdir(path, mode) == 0 { return }
    let code = Errno(rawValue: Glibc.errno)
    if code == .fileExists { return }
    throw SystemError("mkdir", path: path, errno: code)
}
