import Glibc

/// How a look-up on a file system that may not answer went.
public enum BoundedLookup: Sendable, Equatable {
    /// The kernel answered (with a status, or an error: either way the mount is alive).
    case answered
    /// No answer within the bound: the look-up is still waiting in the kernel.
    case timedOut
}

/// lstat(2) of `path` on a helper thread, waiting at most `milliseconds` for it.
///
/// A stat on an NFS mount whose server is gone, or a FUSE mount whose daemon does not read its
/// requests, waits in the kernel (fs/fuse/dev.c `request_wait_answer`, nfs's RPC wait) and no
/// signal but SIGKILL ends it. Doing it on another thread keeps the guard's own thread free to
/// decide; a thread that never returns is left behind: those waits are killable, so it dies
/// with the process at exit or exec. statx(AT_STATX_DONT_SYNC) is no test: it answers from the
/// cache for a mount point even when the server is dead.
public func system_lstatWithin(_ path: [UInt8], milliseconds: Int) -> BoundedLookup {
    final class Job {
        let path: [CChar]
        let writeEnd: Int32
        init(_ path: [CChar], _ writeEnd: Int32) {
            self.path = path
            self.writeEnd = writeEnd
        }
    }
    var ends: [Int32] = [-1, -1]
    // pipe2 is a GNU extension the Glibc module does not export: pipe, then FD_CLOEXEC (the
    // guard is single-threaded here, so no exec can slip in between).
    guard pipe(&ends) == 0 else { return .timedOut }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let job = Unmanaged.passRetained(Job(path.map { CChar(bitPattern: $0) } + [0], ends[1])).toOpaque()
    var thread = pthread_t()
    let created = pthread_create(&thread, nil, { argument in
        let job = Unmanaged<Job>.fromOpaque(argument!).takeRetainedValue()
        var info = stat()
        _ = job.path.withUnsafeBufferPointer { lstat($0.baseAddress!, &info) }
        var byte: UInt8 = 1
        _ = write(job.writeEnd, &byte, 1)
        close(job.writeEnd)
        return nil
    }, job)
    guard created == 0 else {
        Unmanaged<Job>.fromOpaque(job).release()
        close(ends[0])
        close(ends[1])
        // No thread to spare: say it did not answer rather than risk hanging here.
        return .timedOut
    }
    pthread_detach(thread)
    var descriptor = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
    let deadline = system_monotonicNanoseconds() + UInt64(max(1, milliseconds)) * 1_000_000
    while true {
        let now = system_monotonicNanoseconds()
        guard now < deadline else { return .timedOut }
        let ready = poll(&descriptor, 1, Int32((deadline - now + 999_999) / 1_000_000))
        if ready > 0 {
            close(ends[0])
            return .answered
        }
        if ready == 0 { return .timedOut }
        if Glibc.errno != EINTR { return .timedOut }
    }
}
