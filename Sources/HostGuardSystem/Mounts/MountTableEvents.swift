import HostGuardCore

/// Tells when our mount namespace's table changes, as it happens: fanotify mount events
/// (FAN_MNT_ATTACH/FAN_MNT_DETACH with FAN_MARK_MNTNS, Linux 6.15+) where the kernel has them,
/// else poll(2) for POLLPRI on /proc/self/mountinfo (every kernel since 2.6.15). Neither holds
/// any mount: the fanotify mark is on the namespace, the poll on a procfs file.
public final class MountTableEvents {
    public enum Source: String, Sendable {
        case fanotify, poll
    }

    public let source: Source
    private let fd: Int32
    /// Why fanotify was not used, when it was wanted ("fanotify_init FAN_REPORT_MNT: Invalid argument").
    public let fallbackReason: String?

    /// `prefer` nil: fanotify if the kernel has it, else poll. `procRoot` is where /proc is.
    public init(prefer: Source? = nil, procRoot: String = "/proc") throws(SystemError) {
        var reason: String?
        if prefer != .poll {
            do {
                fd = try system_fanotifyMountEvents(namespacePath: procRoot + "/self/ns/mnt")
                source = .fanotify
                fallbackReason = nil
                return
            } catch {
                if prefer == .fanotify { throw error }
                reason = error.description
            }
        }
        fd = try system_openMountTableForPoll(procRoot + "/self/mountinfo")
        source = .poll
        fallbackReason = reason
    }

    deinit { system_close(fd) }

    /// Waits up to `milliseconds` for a change; true when the table changed (pending events are
    /// consumed, so several mounts at once are one wake-up).
    public func wait(milliseconds: Int32) throws(SystemError) -> Bool {
        switch source {
        case .fanotify:
            guard try system_pollOne(fd, events: system_POLLIN, milliseconds: milliseconds) else { return false }
            system_drain(fd)
            return true
        case .poll:
            return try system_pollOne(fd, events: system_POLLPRI, milliseconds: milliseconds)
        }
    }
}
