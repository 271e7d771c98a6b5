import Glibc

// clock_gettime(2).

/// Seconds since the epoch (CLOCK_REALTIME), for "last run" timestamps.
public func system_wallClockSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// A monotonic clock in nanoseconds, for durations and deadlines.
public func system_monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// nanosleep(2) for `nanoseconds` (less when a signal interrupts it: callers poll a deadline).
func system_sleep(nanoseconds: Int) {
    var pause = timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
    nanosleep(&pause, nil)
}
