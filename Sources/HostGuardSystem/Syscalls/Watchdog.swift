import Glibc

// A deadline for work that may wait in the kernel where no signal handler can stop it: a
// stat(2) or open(2) below a FUSE or hard-NFS mount whose server does not answer sleeps in
// request_wait_answer()/rpc_wait_bit_killable() (fs/fuse/dev.c, net/sunrpc/sched.c), and only a
// fatal signal ends those waits. So the watchdog is a second thread: at the deadline it writes the
// output prepared so far and calls _exit, and exit_group(2) sends SIGKILL to the stuck thread,
// which ends its killable wait (the documented behaviour Tests/tools/dead-fuse-mount.py relies
// on: "Waiters are killable (SIGKILL) but not interruptible"). Only write(2) and _exit(2) run on
// the watchdog's side, on a buffer prepared beforehand.

nonisolated(unsafe) private var watchdogMutex = pthread_mutex_t()
nonisolated(unsafe) private var watchdogFallback: UnsafeMutableRawBufferPointer?
nonisolated(unsafe) private var watchdogFinished = false
nonisolated(unsafe) private var watchdogNanoseconds: Int = 0

public enum system_Watchdog {
    /// Starts the watchdog: after `milliseconds`, unless `finish()` was called, the last
    /// `fallback` is written to standard output and the process exits 0.
    public static func arm(milliseconds: Int) {
        pthread_mutex_init(&watchdogMutex, nil)
        watchdogNanoseconds = milliseconds * 1_000_000
        var thread = pthread_t()
        _ = pthread_create(&thread, nil, { _ in
            var delay = timespec(tv_sec: watchdogNanoseconds / 1_000_000_000, tv_nsec: watchdogNanoseconds % 1_000_000_000)
            var remaining = timespec()
            while nanosleep(&delay, &remaining) == -1 && errno == EINTR { delay = remaining }
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
