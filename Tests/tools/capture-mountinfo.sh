#!/usr/bin/env bash
# Captures the mountinfo fixtures in Tests/HostGuardCoreTests/Fixtures/mounts/captured/ from the
# running kernel, each in a private mount namespace (nothing leaks to the host's table).
# Run as root: Tests/tools/capture-mountinfo.sh [OUTDIR]. Needs util-linux, python3 and, for the
# btrfs table, btrfs-progs. Each table is trimmed to the lines below the scratch directory (the
# rest is this machine's own table and says nothing new) and the scratch name made stable.
# After capturing, review the table and its .expected file by hand: the expected file is what a
# person checked, not what the code printed.
set -euo pipefail
OUT=$(realpath "${1:-$(dirname "$0")/../HostGuardCoreTests/Fixtures/mounts/captured}")
mkdir -p "$OUT"
[ "$(id -u)" = 0 ] || { echo "capture-mountinfo.sh: run as root" >&2; exit 2; }

# Lines under $W, with $W renamed /cap (fields are octal-escaped, so $W never contains a space).
trim() { grep -F " $W" "$1" | sed "s| $W| /cap|g"; }
export -f trim

run() {   # run NAME SCRIPT: SCRIPT runs in a fresh private namespace with $W a tmpfs
    local name=$1 script=$2
    OUT=$OUT NAME=$name unshare -m --propagation private bash -euo pipefail -c '
        W=/tmp/hgcap; mkdir -p $W; mount -t tmpfs cap $W; cd $W; export W
        '"$script"'
    '
    echo "captured $name.mountinfo ($(wc -l < "$OUT/$name.mountinfo") lines)"
}

# An empty source (mount -t tmpfs "" DIR: two spaces after the type), with and without an
# optional field before the separator, and one empty-source mount stacked on another.
run empty-source '
mkdir plain shared stacked above
mount -t tmpfs "" plain
mkdir -p above/pages; mount -t tmpfs "" above/pages; mount -t tmpfs "" above
mount -t tmpfs "" shared; mount --make-shared shared
mount -t tmpfs "" stacked; mount -t tmpfs "" stacked
trim /proc/self/mountinfo > $OUT/$NAME.mountinfo'

# Names with a space, tab, newline and backslash: mount points and a source, octal-escaped by
# the kernel (fs/proc_namespace.c, show_mountinfo: mangle()).
run escaped '
mkdir "a b" "$(printf "tab\tx")" "$(printf "nl\nx")" "back\\x"
mount -t tmpfs "src with space" "a b"
mount -t tmpfs "$(printf "tab\tsrc")" "$(printf "tab\tx")"
mount -t tmpfs nl "$(printf "nl\nx")"
mount -t tmpfs "back\\src" "back\\x"
trim /proc/self/mountinfo > $OUT/$NAME.mountinfo'

# overlay (a container runtime'"'"'s root), and a read-only overlay of two lower layers.
run overlay '
mkdir lower1 lower2 upper work merged ro
echo a > lower1/a
mount -t overlay overlay -o lowerdir=lower1,upperdir=upper,workdir=work merged
mount -t overlay overlay -o lowerdir=lower1:lower2 ro
trim /proc/self/mountinfo > $OUT/$NAME.mountinfo'

# autofs: an indirect map point and a direct one, the kernel side only (no automount daemon:
# the pipe stays open while we read the table).
if grep -qw autofs /proc/filesystems; then
run autofs '
mkdir indirect direct
python3 - <<PY
import os, subprocess
r, w = os.pipe()
for opts, d in (("indirect", "indirect"), ("direct", "direct")):
    subprocess.run(["mount", "-t", "autofs", "-o", f"fd={w},pgrp={os.getpgrp()},minproto=5,maxproto=5,{opts}", "autofs-map", d], pass_fds=(w,), check=True)
open(os.environ["OUT"] + "/" + os.environ["NAME"] + ".mountinfo", "w").write(
    subprocess.run(["bash", "-c", "trim /proc/self/mountinfo"], capture_output=True, text=True, check=True).stdout)
PY'
else
    echo "capture-mountinfo.sh: this kernel has no autofs: autofs table not captured" >&2
fi

# btrfs with subvolumes: the top level, two subvolumes (one named "sub\r": btrfs prints
# subvol= last and escapes only space, tab, newline and backslash, so its line ends in a raw
# CR), and a nested subvolume mounted inside another subvolume mount.
if command -v mkfs.btrfs >/dev/null; then
run btrfs '
truncate -s 120M img; mkfs.btrfs -q img
mkdir top sub1 subcr nested
mount -o loop img top
btrfs -q subvolume create top/sub1; btrfs -q subvolume create "top/$(printf "sub\r")"
btrfs -q subvolume create top/sub1/inner
mount -o loop,subvol=sub1 img sub1
mount -o loop,subvol="$(printf "sub\r")" img subcr
mount -o loop,subvol=sub1/inner img sub1/inner 2>/dev/null || mount -o loop,subvol=sub1/inner img nested
trim /proc/self/mountinfo | sed -E "s|/dev/loop[0-9]+|/dev/loopN|" > $OUT/$NAME.mountinfo
umount -R top sub1 subcr 2>/dev/null || true'
else
    echo "capture-mountinfo.sh: btrfs-progs not installed: btrfs table not captured" >&2
fi

# A chroot: /proc/self/mountinfo read inside it lists only mounts below the new root, paths
# relative to it, and no "/" entry (the mount holding the chroot directory is outside).
run chroot '
mkdir -p jail/usr jail/proc jail/srv/data jail/tmp
for d in usr bin lib lib64 sbin; do [ -e /$d ] && { mkdir -p jail/$d; [ -L /$d ] && { rmdir jail/$d; ln -s "$(readlink /$d)" jail/$d; } || mount --bind /$d jail/$d; }; done
mount -t proc proc jail/proc
mount -t tmpfs data jail/srv/data
mount -t tmpfs tmp jail/tmp
chroot jail cat /proc/self/mountinfo > $OUT/$NAME.mountinfo'

# A container-like table: pivot_root into a tmpfs root with proc, a bind mount of a data
# directory and a tmpfs /tmp, the old root lazily unmounted; read from inside.
run container '
mkdir -p root data
mount -t tmpfs ctr-root root
mkdir -p root/old root/proc root/data root/tmp
for d in usr bin lib lib64 sbin; do
    if [ -L /$d ]; then ln -s "$(readlink /$d)" root/$d; elif [ -d /$d ]; then mkdir root/$d; mount --bind /$d root/$d; fi
done
mount --bind data root/data
mount -t tmpfs tmp root/tmp
exec 3> $OUT/$NAME.mountinfo   # opened before the old root goes away
cd root; pivot_root . old; cd /
mount -t proc proc /proc
umount -l /old
cat /proc/self/mountinfo >&3'
