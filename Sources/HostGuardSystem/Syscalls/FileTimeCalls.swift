import Glibc

/// Creates `path` if needed (mode 0600, never following a symlink, never blocking on a FIFO)
/// and sets its modification time to `modifiedNanoseconds` since the epoch: the prompt's stamp,
/// which the shell compares watched files against with its builtin `-nt`. Refuses anything but a
/// regular file owned by this user.
public func system_touch(_ path: String, modifiedNanoseconds: Int64) throws(SystemError) {
    let fd = try valueOrErrno("open", path: path) {
        open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0o600)
    }
    defer { system_close(fd) }
    let status = try system_fstat(fd, path: path)
    guard status.isRegularFile, status.owner == system_effectiveUserID() else {
        throw SystemError("open", path: path, errno: .notPermitted)
    }
    // utimensat(2): UTIME_OMIT ((1l << 30) - 2l in <bits/stat.h>, a macro Swift does not import)
    // leaves the access time as it is.
    var times = [timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2),
                 timespec(tv_sec: Int(modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(modifiedNanoseconds % 1_000_000_000))]
    _ = try valueOrErrno("futimens", path: path) { futimens(fd, &times) }
}

/// Removes a file (not a directory); a missing file is not an error.
public func system_removeFile(_ path: String) {
    try? system_unlink(path)
}

/// Sets `path`'s modification time (utimensat(2), not following a symlink at `path`).
public func system_setModifiedTime(_ path: String, nanoseconds: Int64) throws(SystemError) {
    var times = [timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2),
                 timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))]
    _ = try valueOrErrno("utimensat", path: path) { utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) }
}
