import Glibc

// A whole-run deadline for `hostguard mounts`. Reading /proc/<pid>/maps or cmdline takes the
// target's mmap lock; a task stuck in D state on a dead NFS server with a writer queued on that
// lock can block the read indefinitely. The scan never touches the mounts itself, but it cannot
// make the kernel answer, so: a watchdog thread wakes at the deadline, reports which pid the
// scan was reading, writes the failure metrics prepared beforehand, and exits 2 ("could not
// check"). A thread, not SIGALRM: a reader blocked on a dead FUSE or NFS server waits killable
// but not interruptible (fs/fuse/dev.c request_wait_answer), so a signal handler would never
// run on it; _exit from another thread ends the whole process (exit_group) either way.

nonisolated(unsafe) private var deadlineMessage: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var deadlineMetricsPath: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var deadlineMetricsTemporary: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var deadlineMetricsText: UnsafeMutablePointer<CChar>?
/// The pid being read, updated by the scan loop (a plain aligned store; read only by the watchdog).
nonisolated(unsafe) private var deadlineCurrentPID: Int32 = 0
/// Bumped by `disarm` (and each `arm`): a watchdog that wakes to another generation does nothing.
nonisolated(unsafe) private var deadlineGeneration: Int = 0

public enum system_Deadline {
    /// Starts the watchdog: in `seconds`, unless disarmed, it reports and exits 2. `metrics`
    /// (path, text) is written atomically first. (Used by the one-shot scan and `wait`.)
    public static func arm(seconds: UInt32, message: String, metrics: (path: String, text: String)?) {
        deadlineMessage = strdup(message)
        if let metrics {
            deadlineMetricsPath = strdup(metrics.path)
            deadlineMetricsTemporary = strdup(metrics.path + ".tmp.deadline")
            deadlineMetricsText = strdup(metrics.text)
        }
        deadlineGeneration += 1
        final class Watch {
            let seconds: UInt32
            let generation: Int
            init(_ seconds: UInt32, _ generation: Int) { self.seconds = seconds; self.generation = generation }
        }
        let watch = Unmanaged.passRetained(Watch(seconds, deadlineGeneration)).toOpaque()
        var thread = pthread_t()
        pthread_create(&thread, nil, { argument in
            let watch = Unmanaged<Watch>.fromOpaque(argument!).takeRetainedValue()
            var request = timespec(tv_sec: Int(watch.seconds), tv_nsec: 0), rest = timespec()
            while nanosleep(&request, &rest) != 0 && errno == EINTR { request = rest }
            if deadlineGeneration == watch.generation { deadlineFire() }
            return nil
        }, watch)
        pthread_detach(thread)
    }

    public static func disarm() {
        deadlineGeneration += 1
    }

    /// Notes which process the scan is reading, for the deadline's message.
    @inline(__always)
    public static func reading(_ pid: Int32) {
        deadlineCurrentPID = pid
    }
}

private func deadlineFire() {
    let fd: Int32 = 2
    deadlineWrite(fd, "hostguard: mounts: could not check: ")
    if let message = deadlineMessage { deadlineWrite(fd, message) }
    deadlineWrite(fd, " (was reading /proc/")
    var digits = [CChar](repeating: 0, count: 12)
    var value = deadlineCurrentPID, index = 10
    repeat { digits[index] = CChar(48 + value % 10); value /= 10; index -= 1 } while value > 0 && index >= 0
    digits.withUnsafeBufferPointer { deadlineWrite(fd, $0.baseAddress! + index + 1) }
    deadlineWrite(fd, ": a task stuck on a dead network file system?)\n")
    if let path = deadlineMetricsPath, let temporary = deadlineMetricsTemporary, let text = deadlineMetricsText {
        let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if out >= 0 {
            deadlineWrite(out, text)
            close(out)
            rename(temporary, path)
        }
    }
    _exit(2)
}

private func deadlineWrite(_ fd: Int32, _ text: UnsafePointer<CChar>) {
    var remaining = strlen(text)
    var cursor = text
    while remaining > 0 {
        let written = write(fd, cursor, remaining)
        if written <= 0 { return }
        remaining -= written
        cursor += written
    }
}
