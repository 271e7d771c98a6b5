#!/usr/bin/env bash
# CPU per run of each timer's command on a host with many processes (DESIGN.md: ≤ 0.1 s CPU per
# run at 2,000 processes), and the size of the fleet metrics file node_exporter serves.
#   refresh: `hostguard status --refresh` with a PostgreSQL probe on a real running cluster
#            (what hostguard-refresh.timer runs every 10 s), writing hostguard.prom
#   mounts:  `hostguard mounts` (what hostguard-mounts.timer runs every 5 min)
# CPU is user + system time of the child (GNU time), median of RUNS runs.
# Usage: bench/timers.sh [path/to/hostguard]  (default: the release build `make release` makes)
# Needs root (starts PostgreSQL as the postgres user). Environment: PROCS (default 2000), RUNS (20).
set -euo pipefail
cd "$(dirname "$0")/.."
PROCS=${PROCS:-2000}
RUNS=${RUNS:-20}
if [[ $# -ge 1 ]]; then HG=$(readlink -f "$1"); else make -s release >/dev/null; HG=$(readlink -f .build/release/hostguard); fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

work=$(mktemp -d /tmp/hostguard-bench-timers-XXXXXX)
chmod 755 "$work"
sleepers=()
cleanup() {
    [[ ${#sleepers[@]} -gt 0 ]] && kill "${sleepers[@]}" 2>/dev/null || true
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The config's directory must stay root's (hostguard trusts no config others could write);
# the cluster gets a directory of its own.
mkdir "$work/pg" && chown postgres: "$work/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$work/pg" --auth=trust --no-sync >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w start \
    -o "-c listen_addresses='' -k $work/pg" >/dev/null
mkdir -p "$work/state" "$work/textfile"
cat > "$work/hostguard.toml" <<TOML
[host]
environment = "production"
cluster = "db"
role = "primary"
[[probe]]
kind = "postgresql"
data_dir = "$work/pg"
[metrics]
textfile = "$work/textfile/hostguard.prom"
TOML
export HOSTGUARD_CONFIG=$work/hostguard.toml HOSTGUARD_STATE_DIR=$work/state

for _ in $(seq "$PROCS"); do sleep 3600 & sleepers+=($!); done
echo "processes on the host: $(ls -d /proc/[0-9]* | wc -l) ($PROCS extra sleepers)"

cpu() {   # median CPU seconds (user+sys) of RUNS runs of "$@"
    for _ in $(seq "$RUNS"); do
        { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.3f\n", $1 + $2}'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
refresh=$(cpu "$HG" status --refresh)
mounts=$(cpu "$HG" mounts --timeout 60)
printf 'refresh (status --refresh, 1 PostgreSQL probe): median %s s CPU per run (budget 0.1 s)\n' "$refresh"
printf 'mounts  (full scan):                            median %s s CPU per run (budget 0.1 s)\n' "$mounts"
printf 'hostguard.prom: %s bytes, %s samples\n' "$(wc -c < "$work/textfile/hostguard.prom")" \
    "$(grep -vc '^#' "$work/textfile/hostguard.prom")"
