#!/usr/bin/env python3
"""dead-fuse-mount.py MOUNTPOINT [READY_FILE]

A real kernel FUSE mount whose server never answers: the test stand-in for an NFS or FUSE
server that has gone away without the mount being removed.

It opens /dev/fuse, mounts a FUSE file system on MOUNTPOINT with mount(2) and that descriptor
("fd=N,rootmode=40000,user_id=0,group_id=0": Documentation/filesystems/fuse.rst, "Mount
options"), writes "ready\n" to READY_FILE (or standard output), and then sleeps holding the
descriptor without ever reading a request. The kernel queues FUSE_INIT and every later request
(lookup, getattr, open, readdir…) and the caller waits in fuse_get_req()/request_wait_answer()
until the connection is aborted: a plain stat(2) of a path below MOUNTPOINT, or of MOUNTPOINT
itself once its cached root attributes are stale, blocks. statx(2) with AT_STATX_DONT_SYNC on
MOUNTPOINT returns the cached attributes without asking the server.

Waiters are killable (SIGKILL) but not interruptible. When this process exits (SIGTERM, SIGKILL,
or its stdin closing if --exit-on-stdin-eof is given), the descriptor closes, the kernel aborts
the connection and every waiter gets ENOTCONN; `umount -l MOUNTPOINT` then removes the mount.

Run it only inside a private mount namespace (`unshare -m --propagation private …`), as root,
so the host never sees the mount. Example:

    unshare -m --propagation private sh -c '
        mkdir -p /tmp/t/dead
        python3 Tests/tools/dead-fuse-mount.py /tmp/t/dead /tmp/t/ready & server=$!
        while [ ! -s /tmp/t/ready ]; do sleep 0.05; done
        … run the command under test with a deadline …
        kill $server; wait; umount -l /tmp/t/dead'
"""
import ctypes
import os
import signal
import sys
import time


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    exit_on_eof = "--exit-on-stdin-eof" in sys.argv[1:]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    mountpoint = os.path.abspath(args[0])
    ready = args[1] if len(args) > 1 else None
    fd = os.open("/dev/fuse", os.O_RDWR | os.O_CLOEXEC)
    libc = ctypes.CDLL(None, use_errno=True)
    options = f"fd={fd},rootmode=40000,user_id=0,group_id=0,allow_other".encode()
    if libc.mount(b"deadfuse", mountpoint.encode(), b"fuse.deadfuse", 0, options) != 0:
        err = ctypes.get_errno()
        sys.stderr.write(f"dead-fuse-mount: mount {mountpoint}: {os.strerror(err)}\n")
        return 1
    if ready:
        with open(ready + ".tmp", "w") as out:
            out.write(f"ready {os.getpid()}\n")
        os.rename(ready + ".tmp", ready)
    else:
        sys.stdout.write(f"ready {os.getpid()}\n")
        sys.stdout.flush()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    if exit_on_eof:
        while sys.stdin.buffer.read(4096):
            pass
        return 0
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
