#!/usr/bin/env bash
# Benchmark: `hostguard mounts` (full scan) beside the floor (bench/mounts-floor.c: one
# statx(STATX_MNT_ID) per cwd, root and fd link of every process, on 1 and on N threads) and
# `lsof` listing every open file of every process, in one hyperfine run per size, at 1,000 and
# 5,000 processes holding 50 open files each, plus a few stale ones (a cwd on an over-mounted
# tmpfs, a file on a lazily unmounted one). Prints medians and the ratios the budget is about
# (DESIGN.md: within 1.3x of the N-core floor; cost linear in processes + fds).
#
# Runs as root inside its own mount, PID and network namespaces (unshare --mount-proc
# --kill-child): the scanned process table is exactly the one built here, and every process the
# benchmark starts dies with the namespace. Needs hyperfine, lsof, python3 (Debian packages).
#
#   bench/mounts.sh [BINARY] [COUNTS...]     default: .build/release/hostguard 1000 5000
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/hostguard}")
shift || true
COUNTS=${*:-1000 5000}
for tool in hyperfine lsof python3 unshare cc; do
    command -v "$tool" >/dev/null || { echo "bench/mounts.sh: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "bench/mounts.sh: run as root (it mounts tmpfs in a private namespace)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "bench/mounts.sh: $BIN not built (swift build -c release --static-swift-stdlib)" >&2; exit 2; }
RESULTS=$(mktemp -d /tmp/hostguard-bench-XXXXXX)
trap 'rm -rf "$RESULTS"' EXIT
FLOOR=$RESULTS/mounts-floor
cc -O2 -pthread -o "$FLOOR" bench/mounts-floor.c
CORES=$(nproc)

export BIN COUNTS RESULTS FLOOR CORES
timeout 1800 unshare --mount --pid --net --fork --mount-proc --kill-child --propagation private bash -euo pipefail -c '
W=$(mktemp -d /tmp/hostguard-bench-ns-XXXXXX)
mount -t tmpfs bench "$W"
trap "umount -R -l \"$W\" 2>/dev/null; rmdir \"$W\" 2>/dev/null; true" EXIT
export HOSTGUARD_STALE_MOUNTS_FILE=$W/notice HOSTGUARD_CONFIG=$W/empty.toml
: > "$W/empty.toml"
mkdir -p "$W/files" "$W/pages" "$W/lazy"
for i in $(seq 1 50); do echo "$i" > "$W/files/f$i"; done

# The stale ones: 3 processes with their cwd on an over-mounted tmpfs, 1 holding a file on a
# lazily unmounted one.
mount -t tmpfs old "$W/pages"
for i in 1 2 3; do (cd "$W/pages" && exec sleep 3600) & done
mount -t tmpfs lazyfs "$W/lazy"; echo x > "$W/lazy/held"
sleep 3600 3< "$W/lazy/held" &
sleep 0.2
mount -t tmpfs new "$W/pages"
umount -l "$W/lazy"

# N processes with 50 open files each: one Python parent opens the files, forks N children that
# pause (each child has its own 50 descriptors), and prints its pid. Grows between rounds.
python3 - "$W/files" > "$W/spawner.pid" <<PY &
import os, signal, sys, time
files = [os.open(os.path.join(sys.argv[1], f"f{i}"), os.O_RDONLY) for i in range(1, 51)]
print(os.getpid(), flush=True)
children = 0
def grow(target):
    global children
    while children < target:
        if os.fork() == 0:
            signal.pause()
            os._exit(0)
        children += 1
signal.signal(signal.SIGUSR1, lambda *_: grow(int(open(sys.argv[1] + "/../target").read())) or open(sys.argv[1] + "/../grown", "w").write(str(children)))
while True:
    signal.pause()
PY
for _ in $(seq 1 100); do [ -s "$W/spawner.pid" ] && break; sleep 0.1; done
SPAWNER=$(cat "$W/spawner.pid")

for N in $COUNTS; do
    rm -f "$W/grown"; echo "$N" > "$W/target"; kill -USR1 "$SPAWNER"
    for _ in $(seq 1 1200); do [ -s "$W/grown" ] && break; sleep 0.1; done
    PROCS=$(ls /proc | grep -c "^[0-9]")
    FDS=$(ls /proc/[0-9]*/fd 2>/dev/null | grep -c "^[0-9]")
    echo "== $N processes × 50 files (+ 4 stale): $PROCS processes, $FDS descriptors in the namespace"
    "$BIN" mounts > "$RESULTS/report-$N.txt" || true
    tail -1 "$RESULTS/report-$N.txt"
    "$FLOOR" 1
    RUNS=10; [ "$N" -ge 5000 ] && RUNS=5
    hyperfine --style basic --warmup 1 --runs $RUNS -i --export-json "$RESULTS/run-$N.json" \
        -n hostguard "$BIN mounts --json > /dev/null" \
        -n hostguard-no-maps "$BIN mounts --json --maps off > /dev/null" \
        -n floor-1 "$FLOOR 1" \
        -n floor-$CORES "$FLOOR $CORES" \
        -n lsof "lsof -n -P -w > /dev/null" 2>&1 | grep -E "^Benchmark|Time|Range"
    echo "$PROCS $FDS" > "$RESULTS/size-$N"
done
kill -KILL "$SPAWNER" 2>/dev/null || true
'

# Medians and ratios from hyperfine's JSON.
python3 - "$RESULTS" $COUNTS <<'PY'
import json, sys
results, counts = sys.argv[1], sys.argv[2:]
print()
print("Wall-clock medians (one hyperfine run per size), then CPU (mean user+system: the fairer figure")
print("when other work shares the cores). hostguard reads maps here (a table shows an over-mounted")
print("mount); hostguard-no-maps is --maps off, the same work as the floor plus tables and namespaces.")
print(f"{'processes':>9} {'links':>7} {'hostguard':>10} {'floor-1':>9} {'floor-N':>9} {'lsof':>9}   {'hg/floor-1':>10} {'hg/floor-N':>10} {'lsof/hg':>8} {'lsof/floor-N':>12}   {'hg CPU':>8} {'ns/link':>8}  variant")
for n in counts:
    with open(f"{results}/run-{n}.json") as f:
        runs = {r["command"]: r for r in json.load(f)["results"]}
    procs, fds = open(f"{results}/size-{n}").read().split()
    floor_n = next(r for name, r in runs.items() if name.startswith("floor-") and name != "floor-1")
    links = int(fds) + 2 * int(procs)
    for name in ("hostguard", "hostguard-no-maps"):
        h, f1, fn, l = runs[name]["median"], runs["floor-1"]["median"], floor_n["median"], runs["lsof"]["median"]
        cpu = runs[name]["user"] + runs[name]["system"]
        print(f"{n:>9} {links:>7} {h*1000:>7.1f} ms {f1*1000:>6.1f} ms {fn*1000:>6.1f} ms {l*1000:>6.0f} ms   {h/f1:>9.2f}x {h/fn:>9.2f}x {l/h:>7.1f}x {l/fn:>11.1f}x   {cpu*1000:>5.1f} ms {h/links*1e9:>7.0f}  {name}")
    cpu = {name: r["user"] + r["system"] for name, r in runs.items()}
    print(" " * 10 + "CPU: " + ", ".join(f"{name} {value*1000:.0f} ms" for name, value in cpu.items())
          + f"; hostguard/floor {cpu['hostguard']/cpu['floor-1']:.2f}x, no-maps/floor {cpu['hostguard-no-maps']/cpu['floor-1']:.2f}x, lsof/hostguard {cpu['lsof']/cpu['hostguard']:.1f}x")
PY
