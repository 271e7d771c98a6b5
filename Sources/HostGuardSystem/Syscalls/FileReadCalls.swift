import Glibc
import SystemPackage

// Reading a whole file: one reader for files anyone might have planted (config, state files,
// pg_control, /etc/hosts), one for /proc. Both open with O_NONBLOCK, so a FIFO can never block
// the open or a read.

/// Reads a whole regular file of modest size, safe against a hostile file at `path`:
/// - opened O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, so a FIFO does not block the open
///   (fifo(7)) and a terminal does not become our controlling terminal; with `followSymlinks`
///   false also O_NOFOLLOW, so a symlink at `path` itself is refused;
/// - fstat'ed through the open descriptor (no window between check and use), and anything but a
///   regular file refused with "read PATH: not a regular file (FIFO)" before a byte is read, so a
///   device such as /dev/zero cannot feed it forever nor a FIFO's writer decide what it reads;
/// - read up to `limit` bytes: a runaway file cannot eat memory. Reading stops there silently.
public func system_readFile(_ path: String, limit: Int = 4 << 20, followSymlinks: Bool = true) throws(SystemError) -> [UInt8] {
    try readRegularFile(path, followSymlinks: followSymlinks, limit: limit, describedAs: path).bytes
}

/// `system_readFile`, with the status of the very file read (fstat of the open descriptor), for
/// callers that decide whether to believe a file by its owner and mode (the maintenance flag,
/// the trash registry): a stat before or after the read could see another file swapped in.
public func system_readFileAndStatus(_ path: String, limit: Int = 4 << 20, followSymlinks: Bool) throws(SystemError) -> (bytes: [UInt8], status: FileStatus) {
    try readRegularFile(path, followSymlinks: followSymlinks, limit: limit, describedAs: path)
}

/// `system_readFileAndStatus` of a byte path.
public func system_readFileAndStatus(bytes path: [UInt8], limit: Int = 4 << 20, followSymlinks: Bool) throws(SystemError) -> (bytes: [UInt8], status: FileStatus) {
    try withCPath(path) { pointer throws(SystemError) in
        try readRegularFile(pointer, followSymlinks: followSymlinks, limit: limit, describedAs: describePath(path))
    }
}

/// `system_readFile` into a caller's buffer (no allocation on the prompt path): at most
/// `buffer.count` bytes; returns how many were read.
public func system_readFile(_ path: String, into buffer: inout [UInt8], followSymlinks: Bool = true) throws(SystemError) -> Int {
    let fd = try openRegularFile(path, followSymlinks: followSymlinks, describedAs: path)
    defer { system_close(fd.descriptor) }
    return try readToEnd(fd.descriptor, into: &buffer, growUpTo: buffer.count, sizeHint: 0, path: path)
}

/// `system_readFile` as text; bytes that are not UTF-8 become U+FFFD rather than failing.
public func system_readText(_ path: String, limit: Int = 4 << 20, followSymlinks: Bool = true) throws(SystemError) -> String {
    String(decoding: try system_readFile(path, limit: limit, followSymlinks: followSymlinks), as: UTF8.self)
}

/// Reads a whole /proc file (cmdline, comm, fdinfo, mountinfo…) up to `limit` bytes.
///
/// Separate from `system_readFile` because /proc is different: its files report st_size 0
/// (proc(5)), so the size is no hint and the file is read until read(2) returns 0; and it is
/// written by the kernel only, so nobody can plant a FIFO or device in it. procfs files are
/// S_IFREG (checked: `stat -c %F /proc/self/cmdline /proc/self/fdinfo/0` says "regular empty
/// file"), so this reader refuses anything else just the same, which matters when a test points
/// the proc root at a temporary tree.
public func system_readProcFile(_ path: String, limit: Int = 4 << 20) throws(SystemError) -> [UInt8] {
    try readRegularFile(path, followSymlinks: true, limit: limit, sizeHint: false, describedAs: path).bytes
}

/// `system_readProcFile` as text (U+FFFD for bytes that are not UTF-8).
public func system_readProcText(_ path: String, limit: Int = 4 << 20) throws(SystemError) -> String {
    String(decoding: try system_readProcFile(path, limit: limit), as: UTF8.self)
}

/// The /proc reader for scans that read tens of thousands of files (fdinfo, comm): relative to a
/// /proc/<pid> descriptor (one lookup of the pid), into a buffer reused across calls, grown (by
/// doubling) up to `growUpTo` bytes. Returns the byte count. No fstat per file: under /proc the
/// kernel decides what is there (see `system_readProcFile`), and O_NONBLOCK already keeps a FIFO
/// in a stand-in tree from blocking.
public func system_readProcFileAt(_ directory: Int32, _ path: String, into buffer: inout [UInt8], growUpTo: Int? = nil) throws(SystemError) -> Int {
    let fd = try system_openReadAt(directory, path)
    defer { system_close(fd) }
    return try readToEnd(fd, into: &buffer, growUpTo: growUpTo ?? buffer.count, sizeHint: 0, path: path)
}

/// `system_readProcFileAt` for an absolute path (/proc/self/fdinfo/N).
public func system_readProcFile(_ path: String, into buffer: inout [UInt8]) throws(SystemError) -> Int {
    try system_readProcFileAt(AT_FDCWD, path, into: &buffer)
}

/// The one open-check-read of a file that must be regular (see `system_readFile`). `sizeHint`:
/// size the buffer by st_size (false for /proc, whose files say 0).
@inline(__always)
private func readRegularFile(
    _ path: UnsafePointer<CChar>, followSymlinks: Bool, limit: Int, sizeHint: Bool = true, describedAs name: @autoclosure () -> String
) throws(SystemError) -> (bytes: [UInt8], status: FileStatus) {
    let fd = try openRegularFile(path, followSymlinks: followSymlinks, describedAs: name())
    defer { system_close(fd.descriptor) }
    var bytes: [UInt8] = []
    _ = try readToEnd(fd.descriptor, into: &bytes, growUpTo: limit, sizeHint: sizeHint ? Int(clamping: fd.status.size) : 0, path: name())
    return (bytes, fd.status)
}

/// Opens `path` for reading and makes sure it is a regular file (see `system_readFile`).
private func openRegularFile(
    _ path: UnsafePointer<CChar>, followSymlinks: Bool, describedAs name: @autoclosure () -> String
) throws(SystemError) -> (descriptor: Int32, status: FileStatus) {
    let flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (followSymlinks ? 0 : O_NOFOLLOW)
    let fd: Int32
    do {
        fd = try valueOrErrno("open", path: name()) { open(path, flags) }
    } catch {
        // open(2): O_NOFOLLOW on a symlink fails with ELOOP, whose text ("Too many levels of
        // symbolic links") would send an operator looking for a loop.
        if !followSymlinks && error.errno == .tooManySymbolicLinkLevels {
            throw SystemError("open", path: name(), errno: error.errno, reason: "is a symbolic link (not followed)")
        }
        throw error
    }
    let status: FileStatus
    do {
        status = try system_fstat(fd, path: name())
    } catch {
        system_close(fd)
        throw error
    }
    guard status.isRegularFile else {
        system_close(fd)
        throw SystemError("read", path: name(), errno: status.isDirectory ? .isDirectory : .invalidArgument,
                          reason: "not a regular file (\(status.typeName))")
    }
    return (fd, status)
}

/// read(2) until end of file into `buffer` from its start, growing it (by doubling, from
/// `sizeHint` + 1 so a file of known size needs no second allocation) up to `limit` bytes;
/// shrinks an empty-on-entry buffer to what was read. Returns the byte count.
private func readToEnd(_ fd: Int32, into buffer: inout [UInt8], growUpTo limit: Int, sizeHint: Int, path: String) throws(SystemError) -> Int {
    let owned = buffer.isEmpty
    if owned { buffer = [UInt8](repeating: 0, count: min(limit, max(sizeHint + 1, 4096))) }
    var total = 0
    while true {
        if total == buffer.count {
            if total >= limit { break }
            buffer.append(contentsOf: repeatElement(0, count: min(max(total, 512), limit - total)))
        }
        let got = try system_readAt(fd, into: &buffer, offset: total, path: path)
        if got == 0 { break }
        total += got
    }
    if owned { buffer.removeSubrange(total...) }
    return total
}
