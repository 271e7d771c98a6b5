import Glibc
import SystemPackage

// Opening files another user may have planted: never follow a symlink at the last component
// (O_NOFOLLOW), never block on a FIFO or device (O_NONBLOCK: open(2) of a FIFO without it
// waits for a writer), and decide on what the descriptor is (fstat), not on what the name
// was a moment ago. (Reading such a file whole: `system_readFile`/`system_readFileAndStatus`
// with followSymlinks: false, in FileReadCalls.swift.)

/// A directory opened without following a symlink at its last component, with what it is.
/// ENOTDIR or ELOOP when the name is something else.
public func system_openDirectoryNoFollow(bytes path: [UInt8]) throws(SystemError) -> (descriptor: Int32, status: FileStatus) {
    let fd = try withCPath(path) { pointer throws(SystemError) in
        try valueOrErrno("open", path: describePath(path)) { open(pointer, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    }
    do {
        return (fd, try system_fstat(fd, path: describePath(path)))
    } catch {
        system_close(fd)
        throw error
    }
}

/// fchmod(2): sets the mode exactly, whatever the umask did at mkdir.
public func system_changeMode(descriptor fd: Int32, path: [UInt8], mode: mode_t) throws(SystemError) {
    _ = try valueOrErrno("chmod", path: describePath(path)) { fchmod(fd, mode) }
}

/// Opens (creating with `mode` if absent) a file for appending, without following a symlink or
/// blocking on a FIFO; returns the descriptor and what it is, for the caller to check before
/// writing. Each later write(2) of a line is one O_APPEND write: concurrent appenders' lines
/// do not interleave.
public func system_openForAppend(bytes path: [UInt8], mode: mode_t) throws(SystemError) -> (descriptor: Int32, status: FileStatus) {
    let fd = try withCPath(path) { pointer throws(SystemError) in
        try valueOrErrno("open", path: describePath(path)) {
            open(pointer, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, mode)
        }
    }
    do {
        return (fd, try system_fstat(fd, path: describePath(path)))
    } catch {
        system_close(fd)
        throw error
    }
}
