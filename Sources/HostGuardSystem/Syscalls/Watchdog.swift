import Glibc

// A deadline for work that may wait in the kernel where no signal handler can stop it: a
// stat(2) or open(2) below a FUSE or hard-NFS mount whose server does not answer sleeps in
// request_wait_answer()/rpc_wait_bit_killable() (fs/fuse/dev.c, net/sunrpc/sched.c), and only a
// fatal signal ends those waits. So the watchdog is a second thread: at the deadline it writes the
// output prepared so far and calls _exit, and exit_group(2) sends SIGKILL to the stuck thread,
// which ends its killable wait (the documented behaviour Tests/tools/dead-fuse-mount.py relies
// on: "Waiters are killable (SIGKILL) but not interruptible"). Only open/read/write/_exit run
// on the watchdog's side, on buffers prepared beforehand.
//
// A busy machine is not a dead mount: at the deadline the watchdog reads the main thread's
// state from /proc/self/task/TID/stat (proc(5), field 3). While it is R (running or runnable,
// merely slow) the watchdog waits on, up to a hard limit; it fires when the thread is seen
// sleeping in the kernel (S or D) twice, 10 ms apart.

nonisolated(unsafe) private var watchdogMutex = pthread_mutex_t()
nonisolated(unsafe) private var watchdogFallback: UnsafeMutableRawBufferPointer?
nonisolated(unsafe) private var watchdogFinished = false
nonisolated(unsafe) private var watchdogNanoseconds: Int = 0
nonisolated(unsafe) private var watchdogStatPath: UnsafeMutablePointer<CChar>?
private let watchdogHardLimitNanoseconds = 900_000_000
private let watchdogRecheckNanoseconds = 10_000_000

public enum system_Watchdog {
    /// Starts the watchdog: after `milliseconds`, unless `finish()` was called, the last
    /// `fallback` is written to standard output and the process exits 0.
    public static func arm(milliseconds: Int) {
        pthread_mutex_init(&watchdogMutex, nil)
        watchdogNanoseconds = milliseconds * 1_000_000
        // Called on the main thread, whose thread id is the process id.
        watchdogStatPath = strdup("/proc/self/task/\(getpid())/stat")
        var thread = pthread_t()
        _ = pthread_create(&thread, nil, { _ in
            watchdogSleep(watchdogNanoseconds)
            var waited = watchdogNanoseconds, sleepingSeen = 0
            while waited < watchdogHardLimitNanoseconds {
                if watchdogMainThreadIsRunning() {
                    sleepingSeen = 0
                } else {
                    sleepingSeen += 1
                    if sleepingSeen >= 2 { break }
                }
                watchdogSleep(watchdogRecheckNanoseconds)
                waited += watchdogRecheckNanoseconds
            }
            pthread_mutex_lock(&watchdogMutex)
            if !watchdogFinished {
                if let buffer = watchdogFallback, let base = buffer.baseAddress {
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(1, base + offset, buffer.count - offset)
                        if written <= 0 { break }
                        offset += written
                    }
                }
                _exit(0)
            }
            pthread_mutex_unlock(&watchdogMutex)
            return nil
        }, nil)
        pthread_detach(thread)
    }

    /// What to print if the deadline passes from now on.
    public static func setFallback(_ bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        copy.copyBytes(from: bytes)
        pthread_mutex_lock(&watchdogMutex)
        let old = watchdogFallback
        watchdogFallback = copy
        pthread_mutex_unlock(&watchdogMutex)
        old?.deallocate()
    }

    /// The work is done: the watchdog will do nothing. (If it fired first, the process is
    /// already exiting and this never returns.)
    public static func finish() {
        pthread_mutex_lock(&watchdogMutex)
        watchdogFinished = true
        pthread_mutex_unlock(&watchdogMutex)
    }
}

private func watchdogSleep(_ nanoseconds: Int) {
    var delay = timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
    var remaining = timespec()
    while nanosleep(&delay, &remaining) == -1 && errno == EINTR { delay = remaining }
}

/// Whether the main thread is in state R; true when its state cannot be read (then only the
/// hard limit ends the wait, as before there was a state to look at).
private func watchdogMainThreadIsRunning() -> Bool {
    guard let path = watchdogStatPath else { return true }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return true }
    defer { close(fd) }
    var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                  UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    return withUnsafeMutableBytes(of: &buffer) { raw -> Bool in
        let count = read(fd, raw.baseAddress, raw.count)
        guard count > 0 else { return true }
        // "TID (comm) S …": the state follows the last ')' (comm may hold parentheses).
        var index = count - 1
        while index > 0 && raw[index] != UInt8(ascii: ")") { index -= 1 }
        guard index + 2 < count else { return true }
        return raw[index + 2] == UInt8(ascii: "R")
    }
}
