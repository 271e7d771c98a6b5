import Glibc
import SystemPackage

/// `system_readFile(path, followSymlinks: false)` that also returns the status of the very file
/// read (fstat of the open descriptor), for callers that decide whether to believe a file by
/// its owner and mode (the maintenance flag): a stat before or after the read could see
/// another file swapped in between. Same flags and refusals as `system_readFile`: O_NOFOLLOW,
/// O_NONBLOCK (a FIFO cannot block the open), O_NOCTTY; anything but a regular file refused
/// before a byte is read.
public func system_readRegularFile(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> (bytes: [UInt8], status: FileStatus) {
    let fd: Int32
    do {
        fd = try valueOrErrno("open", path: path) { open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW) }
    } catch {
        if error.errno == .tooManySymbolicLinkLevels {
            throw SystemError("open", path: path, errno: error.errno, reason: "is a symbolic link (not followed)")
        }
        throw error
    }
    defer { system_close(fd) }
    let status = try system_fstat(fd, path: path)
    guard status.isRegularFile else {
        throw SystemError("read", path: path, errno: .invalidArgument, reason: "not a regular file (\(status.typeName))")
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
