import Glibc
import SystemPackage

// open(2)/openat(2), close(2), read(2), write(2) on descriptors, and the writers built on them.
// Whole-file reading is in FileReadCalls.swift.

/// O_PATH is a GNU extension Glibc's Swift overlay does not export; its value is the same on
/// every architecture Linux Swift runs on (include/uapi/asm-generic/fcntl.h: 010000000).
let system_O_PATH: Int32 = 0o10000000

/// Opens a directory for use with the *At calls (O_DIRECTORY | O_CLOEXEC).
public func system_openDirectory(_ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
}

/// open(O_PATH) of `path` relative to `directory`, following a final /proc magic link.
///
/// Why this is safe on a dead NFS server: an O_PATH open carries no LOOKUP_OPEN intent, so NFS's
/// close-to-open revalidation is not triggered (fs/nfs/dir.c `nfs_lookup_verify_inode` only goes
/// to the wire for LOOKUP_OPEN or LOOKUP_REVAL), and O_PATH never calls the file system's ->open
/// (fs/open.c `do_dentry_open`, FMODE_PATH). Nothing is stat'ed. Closing it calls no ->release.
public func system_openPathAt(_ directory: Int32, _ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { openat(directory, path, system_O_PATH | O_CLOEXEC) }
}

/// open(O_PATH | O_DIRECTORY) of a directory relative to another: a handle for *At calls only.
public func system_openDirectoryHandleAt(_ directory: Int32, _ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { openat(directory, path, system_O_PATH | O_DIRECTORY | O_CLOEXEC) }
}

/// openat(O_RDONLY) of a /proc file relative to a directory fd, for reading to EOF (or for
/// ioctls on it). O_NONBLOCK: a FIFO in a test's stand-in tree reads as empty instead of hanging.
public func system_openReadAt(_ directory: Int32, _ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { openat(directory, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) }
}

/// close(2). Its error is not reported: after close the descriptor is gone whatever it returns
/// (close(2), "Dealing with error returns"), and nothing here writes through it.
public func system_close(_ fd: Int32) {
    _ = close(fd)
}

/// read(2) into `buffer` from `offset` to its end; 0 at end of file.
public func system_readAt(_ fd: Int32, into buffer: inout [UInt8], offset: Int, path: String? = nil) throws(SystemError) -> Int {
    try buffer.withUnsafeMutableBytes { raw in
        Result { () throws(SystemError) in
            try valueOrErrno("read", path: path) { read(fd, raw.baseAddress! + offset, raw.count - offset) }
        }
    }.get()
}

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
public func system_writeFileAtomically(_ path: String, _ bytes: [UInt8], mode: UInt32 = 0o644) throws(SystemError) {
    let temporary = path + ".tmp.\(getpid())"
    let fd = try valueOrErrno("open", path: temporary) {
        open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode_t(mode))
    }
    do {
        try system_writeAll(fd, bytes)
        _ = fchmod(fd, mode_t(mode))
        _ = fsync(fd)
    } catch {
        system_close(fd)
        unlink(temporary)
        throw error
    }
    system_close(fd)
    do {
        _ = try valueOrErrno("rename", path: path) { rename(temporary, path) }
    } catch {
        unlink(temporary)
        throw error
    }
}

/// Appends one line with a single write(2) on an O_APPEND descriptor, so concurrent writers'
/// lines never interleave. Never blocks: opened O_NONBLOCK (a FIFO with no reader fails with
/// ENXIO instead of waiting for one: fifo(7)), and anything but a regular file is refused before
/// a byte is written (a FIFO with a reader, a device): the guard's audit log must not be able to
/// hold up a decision.
public func system_appendLine(_ path: String, _ line: String, mode: UInt32 = 0o600) throws(SystemError) {
    let fd = try valueOrErrno("open", path: path) {
        open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, mode_t(mode))
    }
    defer { system_close(fd) }
    let status = try system_fstat(fd, path: path)
    guard status.isRegularFile else {
        throw SystemError("open", path: path, errno: .invalidArgument, reason: "not a regular file (\(status.typeName)); nothing written")
    }
    try system_writeAll(fd, Array((line + "\n").utf8))
}
