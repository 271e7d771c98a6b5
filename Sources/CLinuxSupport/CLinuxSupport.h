/* Linux and glibc calls Swift cannot reach directly (a wrapper hidden behind _GNU_SOURCE, a
   variadic function), each as one tiny inline helper prefixed CLinuxSupport_ (the habit of
   swift-nio's CNIOLinux). Header only: nothing to link, so the static release build is unchanged. */
#ifndef CLINUXSUPPORT_H
#define CLINUXSUPPORT_H

#include <fcntl.h>
#include <syslog.h>
#include <sys/syscall.h>
#include <unistd.h>

/* rename(2) that never replaces an existing destination: renameat2(2) with RENAME_NOREPLACE
   (1 << 0, include/uapi/linux/fs.h), called through syscall(2) since glibc hides the wrapper
   without _GNU_SOURCE. Returns -1 with errno set on failure. */
static inline int CLinuxSupport_renameNoReplace(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1);
}

/* syslog(3) is variadic, which Swift cannot call: one fixed-format wrapper. */
static inline void CLinuxSupport_syslog(int priority, const char *message) {
    syslog(priority, "%s", message);
}

#endif
