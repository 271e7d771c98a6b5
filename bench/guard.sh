#!/usr/bin/env bash
# Guard cost on a command it lets through without a question (DESIGN.md budget: ≤ 3 ms added,
# median, at 100 and at 2,000 processes on the host), beside /bin/rm itself, Debian's safe-rm
# doing the same deletion, and a floor: a static C program that only execs the command (the
# cost of any wrapper that is a separate executable).
#   rm FILE            a plain file on a development host: the guard reads config and identity,
#                      the mount table, resolves the target, checks critical/protected paths,
#                      mounts and data directories above it, decides "run", logs to syslog, execs
#   rm -rf DIR         a small tree (10 files): adds the bounded size walk; no /proc scan (the
#                      "who uses it" scan runs only when the decision already asks)
#   ls FILE            a command with no rule: straight exec, nothing read
# Each is measured with ~100 and with ~2,000 extra sleeping processes on the host: the
# let-through cost must not grow with the host.
# Usage: bench/guard.sh [path/to/hostguard]   (default: a release build made here)
# Env: RUNS (default 200), PROCS (default "100 2000"), SAFE_RM (path to safe-rm; default: the
# installed one, else the Debian package's binary unpacked into the work directory — nothing
# is installed: the package would put itself first on every login shell's PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-200}
PROCS=${PROCS:-"100 2000"}

if [[ $# -ge 1 ]]; then
    HG=$(readlink -f "$1")
else
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable >/dev/null
    HG=$(readlink -f .build/release/hostguard)
fi
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null

work=$(mktemp -d /tmp/hostguard-bench-XXXXXX)
sleepers=()
cleanup() {
    ((${#sleepers[@]})) && kill "${sleepers[@]}" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
chmod 0755 "$work"

SAFE_RM=${SAFE_RM:-$(command -v safe-rm || true)}
if [[ -z $SAFE_RM ]]; then
    (cd "$work" && apt-get download -qq safe-rm >/dev/null 2>&1 && dpkg-deb -x safe-rm_*.deb pkg) || true
    [[ -x $work/pkg/usr/bin/safe-rm ]] && SAFE_RM=$work/pkg/usr/bin/safe-rm
fi

# The floor: exec the command and nothing else, from a static binary.
cat > "$work/floor.c" <<'C'
#include <unistd.h>
int main(int argc, char **argv) { (void)argc; execv(argv[1], argv + 1); return 127; }
C
cc -O2 -static -o "$work/floor" "$work/floor.c"

cat > "$work/hostguard.toml" <<'TOML'
[host]
environment = "development"
TOML
export HOSTGUARD_CONFIG=$work/hostguard.toml
ln -s "$HG" "$work/guard"
GUARD=$work/guard
F=$work/victim
D=$work/tree

for procs in $PROCS; do
    want=$((procs - ${#sleepers[@]}))
    for ((i = 0; i < want; i++)); do sleep 100000 & sleepers+=($!); done
    total=$(ls /proc | grep -c '^[0-9]')
    peers=()
    [[ -n $SAFE_RM ]] && peers=(-n "safe-rm FILE" "$SAFE_RM $F")
    hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$work/file-$procs.json" \
        --prepare "touch $F" \
        -n "/bin/rm FILE" "/bin/rm $F" \
        -n "floor rm FILE" "$work/floor /bin/rm $F" \
        "${peers[@]}" \
        -n "guard rm FILE" "$GUARD rm $F" >/dev/null
    peers=()
    [[ -n $SAFE_RM ]] && peers=(-n "safe-rm -rf DIR" "$SAFE_RM -rf $D")
    hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$work/tree-$procs.json" \
        --prepare "bash -c 'mkdir -p $D/a/b && touch $D/{1..5} $D/a/{1..5}'" \
        -n "/bin/rm -rf DIR" "/bin/rm -rf $D" \
        -n "floor rm -rf DIR" "$work/floor /bin/rm -rf $D" \
        "${peers[@]}" \
        -n "guard rm -rf DIR" "$GUARD rm -rf $D" >/dev/null
    touch "$F"
    hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$work/ls-$procs.json" \
        -n "/bin/ls FILE" "/bin/ls $F" \
        -n "guard ls FILE" "$GUARD ls $F" >/dev/null
    echo "$total" > "$work/total-$procs"
done

python3 - "$work" $PROCS <<'PY'
import json, sys
work, counts = sys.argv[1], sys.argv[2:]
verdicts = []
for procs in counts:
    total = open(f"{work}/total-{procs}").read().strip()
    print(f"== {procs} extra sleeping processes ({total} processes on the host)")
    print(f"{'command':<22}{'median ms':>11}{'mean ms':>10}{'vs base':>9}{'added ms':>10}{'cpu ms':>9}")
    for name in ("file", "tree", "ls"):
        results = json.load(open(f"{work}/{name}-{procs}.json"))["results"]
        base = results[0]["median"]
        for r in results:
            median, mean = r["median"] * 1000, r["mean"] * 1000
            added = median - base * 1000
            cpu = (r["user"] + r["system"]) * 1000
            print(f"{r['command']:<22}{median:>11.2f}{mean:>10.2f}{r['median'] / base:>8.2f}x{added:>10.2f}{cpu:>9.2f}")
            if r["command"].startswith("guard"):
                verdicts.append((procs, r["command"], added))
        print()
print("load average while measuring:", open("/proc/loadavg").read().split()[:3], "(wall times are only meaningful on a quiet host; cpu ms = user+system mean)")
for procs, command, added in verdicts:
    print(f"budget at {procs} extra processes: {command}: {added:+.2f} ms (budget +3 ms) -> {'OK' if added <= 3 else 'OVER'}")
PY
