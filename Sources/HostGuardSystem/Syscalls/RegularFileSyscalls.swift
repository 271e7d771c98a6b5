import Glibc
import SystemPackage

/// Reads a small file that another user may have planted: open with O_NOFOLLOW (a symlink is
/// refused, ELOOP), O_NONBLOCK (a FIFO cannot block the open) and O_NOCTTY, then fstat the
/// descriptor and require a regular file before reading, so the type and owner the caller
/// decides on are those of the very file read (no stat-then-open race). Returns the bytes (up
/// to `limit`) and the file's status.
public func system_readRegularFile(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> (bytes: [UInt8], status: FileStatus) {
    let fd = try valueOrErrno("open", path: path) { open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK) }
    defer { close(fd) }
    var info = stat()
    _ = try valueOrErrno("fstat", path: path) { fstat(fd, &info) }
    let status = FileStatus(
        device: UInt64(info.st_dev), inode: UInt64(info.st_ino), mode: UInt32(info.st_mode),
        owner: UInt32(info.st_uid), size: Int64(info.st_size),
        modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    guard status.isRegularFile else {
        throw SystemError("open", path: path, errno: .invalidArgument, hint: "not a regular file")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count < limit {
        let want = min(chunk.count, limit - bytes.count)
        let got = try chunk.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try valueOrErrno("read", path: path) { read(fd, buffer.baseAddress!, want) } }
        }.get()
        if got == 0 { break }
        bytes.append(contentsOf: chunk[0..<got])
    }
    return (bytes, status)
}

/// Does anything exist at `path` (lstat: a dangling symlink counts)? For flag files whose mere
/// presence is the fact (/run/nologin).
public func system_exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

/// unlink(2).
public func system_unlink(_ path: String) throws(SystemError) {
    _ = try valueOrErrno("unlink", path: path) { unlink(path) }
}
