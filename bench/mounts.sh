#!/usr/bin/env bash
# Benchmark: `hostguard mounts` (full scan) against `lsof` listing every open file of every
# process, at 100, 1,000 and 5,000 processes holding 50 open files each, plus a few stale ones
# (a cwd on an over-mounted tmpfs, a file on a lazily unmounted one).
#
# Runs as root inside its own mount, PID and network namespaces (unshare --mount-proc
# --kill-child): the scanned process table is exactly the one built here, and every process the
# benchmark starts dies with the namespace. Needs hyperfine, lsof, python3 (Debian packages).
#
#   bench/mounts.sh [BINARY] [COUNTS...]     default: .build/release/hostguard 100 1000 5000
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/hostguard}")
shift || true
COUNTS=${*:-100 1000 5000}
for tool in hyperfine lsof python3 unshare; do
    command -v "$tool" >/dev/null || { echo "bench/mounts.sh: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "bench/mounts.sh: run as root (it mounts tmpfs in a private namespace)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "bench/mounts.sh: $BIN not built (swift build -c release --static-swift-stdlib)" >&2; exit 2; }
RESULTS=$(mktemp -d /tmp/hostguard-bench-XXXXXX)
trap 'rm -rf "$RESULTS"' EXIT

export BIN COUNTS RESULTS
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
    LSOF_RUNS=10; [ "$N" -ge 5000 ] && LSOF_RUNS=3
    hyperfine --style basic --warmup 1 --runs 10 -i --export-json "$RESULTS/hostguard-$N.json" \
        "$BIN mounts --json > /dev/null" 2>&1 | grep -E "Time|Range"
    hyperfine --style basic --warmup 1 --runs $LSOF_RUNS -i --export-json "$RESULTS/lsof-$N.json" \
        "lsof -n -P -w > /dev/null" 2>&1 | grep -E "Time|Range"
    # For scale, when installed: needrestart reading the maps of every process, looking for deleted libraries.
    if command -v needrestart >/dev/null; then
        hyperfine --style basic --warmup 1 --runs 3 -i --export-json "$RESULTS/needrestart-$N.json" \
            "needrestart -b -r l -l > /dev/null 2>&1" 2>&1 | grep -E "Time|Range"
    fi
done
kill -KILL "$SPAWNER" 2>/dev/null || true
'

# Medians and ratios from hyperfine's JSON.
python3 - "$RESULTS" $COUNTS <<'PY'
import json, sys
results, counts = sys.argv[1], sys.argv[2:]
def load(tool, n):
    with open(f"{results}/{tool}-{n}.json") as f:
        r = json.load(f)["results"][0]
    return r["median"], r["user"] + r["system"]
print()
print("Wall-clock medians; CPU = mean user+system (the fairer figure when other work shares the cores:")
print("hostguard reads processes on up to 4 threads, lsof on one).")
print(f"{'processes':>10} {'hostguard':>11} {'lsof':>11} {'ratio':>7}   {'hostguard CPU':>13} {'lsof CPU':>10} {'ratio':>7}   {'per process':>11}")
import os
for n in counts:
    (h, hc), (l, lc) = load("hostguard", n), load("lsof", n)
    print(f"{n:>10} {h*1000:>8.1f} ms {l*1000:>8.1f} ms {l/h:>6.1f}×   {hc*1000:>10.1f} ms {lc*1000:>7.1f} ms {lc/hc:>6.1f}×   {h/int(n)*1e6:>8.0f} µs")
for n in counts:
    if os.path.exists(f"{results}/needrestart-{n}.json"):
        r, _ = load("needrestart", n)
        print(f"needrestart -b -r l -l at {n} processes: {r*1000:.0f} ms median (for scale)")
PY
