#!/usr/bin/env bash
# Guard cost on a command it lets through without a question (DESIGN.md budget: ≤ 3 ms added,
# median), against /bin/rm itself and Debian's safe-rm doing the same deletion:
#   rm FILE            a plain file on a development host: the guard reads config and identity,
#                      resolves the target, checks critical/protected paths, mounts and data
#                      directories above it, decides "run", logs to syslog, then execs rm
#   rm -rf DIR         a small tree (10 files): adds the bounded size walk and the /proc scan
#   ls FILE            a command with no rule: straight exec, nothing read
# Usage: bench/guard.sh [path/to/hostguard]   (default: a release build made here)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-300}

if [[ $# -ge 1 ]]; then
    HG=$(readlink -f "$1")
else
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable >/dev/null
    HG=$(readlink -f .build/release/hostguard)
fi
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
command -v safe-rm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq safe-rm >/dev/null
SAFE_RM=$(command -v safe-rm)

work=$(mktemp -d /tmp/hostguard-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
cat > "$work/hostguard.toml" <<'TOML'
[host]
environment = "development"
TOML
export HOSTGUARD_CONFIG=$work/hostguard.toml
ln -s "$HG" "$work/guard"
GUARD=$work/guard
F=$work/victim
D=$work/tree

hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$work/file.json" \
    --prepare "touch $F" \
    -n "/bin/rm FILE" "/bin/rm $F" \
    -n "safe-rm FILE" "$SAFE_RM $F" \
    -n "guard rm FILE" "$GUARD rm $F" >/dev/null
hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$work/tree.json" \
    --prepare "bash -c 'mkdir -p $D/a/b && touch $D/{1..5} $D/a/{1..5}'" \
    -n "/bin/rm -rf DIR" "/bin/rm -rf $D" \
    -n "safe-rm -rf DIR" "$SAFE_RM -rf $D" \
    -n "guard rm -rf DIR" "$GUARD rm -rf $D" >/dev/null
touch "$F"
hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$work/ls.json" \
    -n "/bin/ls FILE" "/bin/ls $F" \
    -n "guard ls FILE" "$GUARD ls $F" >/dev/null

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print(f"{'command':<22}{'median ms':>11}{'mean ms':>10}{'vs base':>9}{'added ms':>10}")
verdicts = []
for name in ("file", "tree", "ls"):
    results = json.load(open(f"{work}/{name}.json"))["results"]
    base = results[0]["median"]
    for r in results:
        median, mean = r["median"] * 1000, r["mean"] * 1000
        added = median - base * 1000
        print(f"{r['command']:<22}{median:>11.2f}{mean:>10.2f}{r['median'] / base:>8.2f}x{added:>10.2f}")
        if r["command"].startswith("guard"):
            verdicts.append((r["command"], added))
    print()
for command, added in verdicts:
    print(f"budget: {command}: {added:.2f} ms added (budget 3 ms) -> {'OK' if added <= 3 else 'OVER'}")
PY
