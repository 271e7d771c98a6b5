import Glibc
import SystemPackage

// fanotify(7) mount events and poll(2) on /proc/self/mountinfo: two ways to learn that the
// mount table changed, for `hostguard mounts watch`.

// fanotify_init/fanotify_mark are in glibc (2.13+) but <sys/fanotify.h> is not part of the Glibc
// module; declared here by their C signatures.
@_silgen_name("fanotify_init")
private func c_fanotify_init(_ flags: UInt32, _ eventFlags: UInt32) -> Int32
@_silgen_name("fanotify_mark")
private func c_fanotify_mark(_ fd: Int32, _ flags: UInt32, _ mask: UInt64, _ directory: Int32, _ path: UnsafePointer<CChar>?) -> Int32

/// A fanotify group reporting every mount attached to or detached from the mount namespace of
/// `namespacePath` (e.g. /proc/self/ns/mnt). Linux 6.15+ (include/uapi/linux/fanotify.h:
/// FAN_REPORT_MNT 0x4000, FAN_MNT_ATTACH 0x01000000, FAN_MNT_DETACH 0x02000000, FAN_MARK_MNTNS
/// 0x110); older kernels fail with EINVAL. Needs CAP_SYS_ADMIN in the namespace's user namespace.
/// The descriptor is non-blocking; poll it for POLLIN and drain it with `system_drain`.
public func system_fanotifyMountEvents(namespacePath: String) throws(SystemError) -> Int32 {
    let classNotif: UInt32 = 0, cloexec: UInt32 = 0x1, nonblock: UInt32 = 0x2, reportMount: UInt32 = 0x4000
    let group = try valueOrErrno("fanotify_init", path: "FAN_REPORT_MNT") {
        c_fanotify_init(classNotif | cloexec | nonblock | reportMount, UInt32(O_RDONLY | O_CLOEXEC))
    }
    let namespace: Int32
    do {
        namespace = try valueOrErrno("open", path: namespacePath) { open(namespacePath, O_RDONLY | O_CLOEXEC) }
    } catch {
        close(group)
        throw error
    }
    defer { close(namespace) }
    let markAdd: UInt32 = 0x1, markMountNamespace: UInt32 = 0x110
    let attach: UInt64 = 0x0100_0000, detach: UInt64 = 0x0200_0000
    do {
        _ = try valueOrErrno("fanotify_mark", path: namespacePath) {
            c_fanotify_mark(group, markAdd | markMountNamespace, attach | detach, namespace, nil)
        }
    } catch {
        close(group)
        throw error
    }
    return group
}

/// Opens a mount table (/proc/self/mountinfo) for poll(2): the kernel marks it POLLERR|POLLPRI
/// each time the namespace's table changes (fs/proc_namespace.c `mounts_poll`, since 2.6.15).
public func system_openMountTableForPoll(_ path: String) throws(SystemError) -> Int32 {
    try valueOrErrno("open", path: path) { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW) }
}

/// poll(2) on one descriptor for `events`; true when any of them (or POLLERR/POLLHUP) arrived
/// within `milliseconds` (-1: wait for ever).
public func system_pollOne(_ fd: Int32, events: Int16, milliseconds: Int32) throws(SystemError) -> Bool {
    var entry = pollfd(fd: fd, events: events, revents: 0)
    let ready = try valueOrErrno("poll") { poll(&entry, 1, milliseconds) }
    return ready > 0 && entry.revents != 0
}

public let system_POLLIN = Int16(POLLIN)
public let system_POLLPRI = Int16(POLLPRI)

/// Reads a non-blocking descriptor until it would block (fanotify events are only counted).
/// Returns the bytes read.
@discardableResult
public func system_drain(_ fd: Int32) -> Int {
    var total = 0
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        if got > 0 { total += got; continue }
        if got < 0 && errno == EINTR { continue }
        return total
    }
}

/// chdir(2): the watcher sits in "/" so it never holds a watched mount busy.
public func system_changeDirectory(_ path: String) throws(SystemError) {
    _ = try valueOrErrno("chdir", path: path) { chdir(path) }
}

/// Sleeps `milliseconds` (interrupted sleeps resume).
public func system_sleep(milliseconds: Int) {
    system_sleep(nanoseconds: milliseconds * 1_000_000)
}
