import Glibc

// A whole-run deadline for `hostguard mounts`. Reading /proc/<pid>/maps or cmdline takes the
// target's mmap lock; a task stuck in D state on a dead NFS server with a writer queued on that
// lock can block the read indefinitely. The scan never touches the mounts itself, but it cannot
// make the kernel answer, so: SIGALRM after the deadline, and the handler (async-signal-safe:
// open, write, rename, _exit only) reports which pid it was reading, writes the failure metrics
// prepared beforehand, and exits 2 ("could not check").

nonisolated(unsafe) private var deadlineMessage: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var deadlineMetricsPath: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var deadlineMetricsTemporary: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var deadlineMetricsText: UnsafeMutablePointer<CChar>?
/// The pid being read, updated by the scan loop (a plain aligned store; read only by the handler).
nonisolated(unsafe) private var deadlineCurrentPID: Int32 = 0

public enum system_Deadline {
    /// Arms SIGALRM in `seconds`. `metrics` (path, text) is written atomically by the handler.
    public static func arm(seconds: UInt32, message: String, metrics: (path: String, text: String)?) {
        deadlineMessage = strdup(message)
        if let metrics {
            deadlineMetricsPath = strdup(metrics.path)
            deadlineMetricsTemporary = strdup(metrics.path + ".tmp.deadline")
            deadlineMetricsText = strdup(metrics.text)
        }
        signal(SIGALRM) { _ in
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
        // A parent may hand us SIGALRM blocked (the mask survives exec; Foundation's Process
        // does this to its children): unblock it, or the deadline never fires.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGALRM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        alarm(seconds)
    }

    public static func disarm() {
        alarm(0)
    }

    /// Notes which process the scan is reading, for the deadline's message.
    @inline(__always)
    public static func reading(_ pid: Int32) {
        deadlineCurrentPID = pid
    }
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
