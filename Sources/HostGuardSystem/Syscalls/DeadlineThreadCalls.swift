import Glibc

/// Runs each job on a thread of its own and waits at most `milliseconds` for them all; a job
/// still running then gives nil. For looks at paths on mounts that may not answer: a stat or
/// readdir on a dead NFS or FUSE server waits in the kernel, where no timeout reaches it, so the
/// look runs on a helper thread and the caller's thread never enters the kernel for it.
///
/// A job left behind keeps its thread (detached) until it finishes or the process exits:
/// exit_group(2) kills it, and the waits it can be stuck in are killable (FUSE's
/// request_wait_answer and NFS's TASK_KILLABLE waits, Documentation/filesystems/fuse.rst
/// "Interrupting filesystem operations"), so the process still exits at once.
public func system_runWithDeadline<T: Sendable>(_ jobs: [@Sendable () -> T], milliseconds: Int) -> [T?] {
    let results = DeadlineResults<T>(count: jobs.count)
    let finished = runThreadsWithDeadline(jobs.count, milliseconds: milliseconds) { index in
        results.set(index, jobs[index]())
    }
    return (0..<jobs.count).map { finished[$0] ? results.get($0) : nil }
}

/// Results written by helper threads, read by the caller: behind a mutex.
private final class DeadlineResults<T: Sendable>: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var values: [T?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    func set(_ index: Int, _ value: T) {
        pthread_mutex_lock(&lock)
        values[index] = value
        pthread_mutex_unlock(&lock)
    }

    func get(_ index: Int) -> T? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return values[index]
    }
}

/// Which jobs finished; each job's thread marks itself done, then writes one byte to a pipe
/// that the caller poll(2)s with the time left.
private final class DeadlineBoard: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    private var done: [Bool]
    let readEnd: Int32
    let writeEnd: Int32

    init(count: Int, readEnd: Int32, writeEnd: Int32) {
        done = Array(repeating: false, count: count)
        self.readEnd = readEnd
        self.writeEnd = writeEnd
        pthread_mutex_init(&lock, nil)
    }

    deinit {
        pthread_mutex_destroy(&lock)
        close(readEnd)
        close(writeEnd)
    }

    func finish(_ index: Int) {
        pthread_mutex_lock(&lock)
        done[index] = true
        pthread_mutex_unlock(&lock)
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func finished() -> [Bool] {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return done
    }
}

private final class DeadlineJob: @unchecked Sendable {
    let board: DeadlineBoard
    let index: Int
    let body: @Sendable (Int) -> Void

    init(_ board: DeadlineBoard, _ index: Int, _ body: @escaping @Sendable (Int) -> Void) {
        self.board = board
        self.index = index
        self.body = body
    }
}

private func runThreadsWithDeadline(_ count: Int, milliseconds: Int, _ body: @escaping @Sendable (Int) -> Void) -> [Bool] {
    guard count > 0 else { return [] }
    var fds: [Int32] = [-1, -1]
    // No pipe, no way to wait with a bound: report every job as not done rather than block.
    guard pipe(&fds) == 0 else { return Array(repeating: false, count: count) }
    for fd in fds {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
    }
    let board = DeadlineBoard(count: count, readEnd: fds[0], writeEnd: fds[1])
    var started = 0
    for index in 0..<count {
        let job = Unmanaged.passRetained(DeadlineJob(board, index, body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, { argument in
            let job = Unmanaged<DeadlineJob>.fromOpaque(argument!).takeRetainedValue()
            job.body(job.index)
            job.board.finish(job.index)
            return nil
        }, job)
        pthread_attr_destroy(&attributes)
        if created == 0 {
            started += 1
        } else {
            Unmanaged<DeadlineJob>.fromOpaque(job).release()  // no thread: reported as not done
        }
    }
    let deadline = system_monotonicNanoseconds() + UInt64(max(0, milliseconds)) * 1_000_000
    var seen = 0
    while seen < started {
        let now = system_monotonicNanoseconds()
        if now >= deadline { break }
        var poller = pollfd(fd: board.readEnd, events: Int16(POLLIN), revents: 0)
        let wait = Int32(min(UInt64(Int32.max), (deadline - now + 999_999) / 1_000_000))
        if poll(&poller, 1, wait) > 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = read(board.readEnd, &buffer, buffer.count)
            if count > 0 { seen += count }
        }
    }
    return board.finished()
}
