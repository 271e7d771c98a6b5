#!/bin/bash
# Tests/dirty-host/run.sh — the test suite on a busy, dirty host (`make test-dirty-host`; not part
# of `make test`). Needs root, and takes a while (two full `make test` runs from a fresh clone).
#
# It builds, for the duration of the run, the state of a host that hostguard is used on:
#   - /run/hostguard/stale-mounts saying 64 (the REAL file; backed up and put back);
#   - the hostguard package installed (built from this checkout when absent; purged afterwards
#     only if this script installed it) with an edited /etc/hostguard/hostguard.toml
#     (production, a deny rule on /tmp: if any test read it, it would show);
#   - an item of its own quarantined by the installed package into /.hostguard-trash;
#   - 2,000 extra sleeping processes;
#   - a FUSE mount whose server never answers (Tests/tools/dead-fuse-mount.py);
#   - another PostgreSQL cluster running on port 5432 (when 5432 is free; an existing one counts);
# then clones this repository into a directory whose path contains "hostguard", runs `make test`
# there twice (through .ci/run, with no terminal, as CI does), and after each run checks that the planted state survived byte for byte: the
# quarantined item (tree, modes, owners, contents, manifest), the edited config, the stale-mounts
# file, the package. Everything is put back on exit, also when interrupted.
#
# The dead FUSE mount lives in a private mount namespace that this script and the test runs
# share (`unshare -m`), not in the machine's own: on a machine shared with other people, a dead
# mount in the host's namespace hangs their `df`. DIRTY_HOST_SHARED_FUSE=1 mounts it in the
# host's namespace instead.
#
# Output: a log per step under $DIRTY_HOST_OUT (default /tmp/hostguard-dirty-host-out) and a
# summary on stdout; exit 0 when both runs passed and the state survived.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${DIRTY_HOST_OUT:-/tmp/hostguard-dirty-host-out}
runs=${DIRTY_HOST_RUNS:-2}
[ "$(id -u)" = 0 ] || { echo "dirty-host: run as root (it installs a package and writes /run/hostguard)" >&2; exit 64; }

# Re-run inside a private mount namespace (see above) unless told otherwise or already there.
if [ -z "${DIRTY_HOST_SHARED_FUSE-}" ] && [ -z "${DIRTY_HOST_IN_NAMESPACE-}" ]; then
    DIRTY_HOST_IN_NAMESPACE=1 exec unshare -m --propagation private /bin/bash "$0" "$@"
fi

mkdir -p "$out"
work=$(mktemp -d /tmp/dirty-host-XXXXXX)
log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/summary"; }
: > "$out/summary"
failed=0
fail() { log "FAIL: $*"; failed=1; }

host=$(hostname); host=${host%%.*}
sleepers=()
fuse_pid=
pg_data=
we_installed_package=
toml=/etc/hostguard/hostguard.toml
stale=/run/hostguard/stale-mounts
trash_id=

cleanup() {
    set +e
    log "cleanup"
    if [ ${#sleepers[@]} -gt 0 ]; then kill "${sleepers[@]}" 2>/dev/null; wait "${sleepers[@]}" 2>/dev/null; fi
    if [ -n "$fuse_pid" ]; then kill "$fuse_pid" 2>/dev/null; wait "$fuse_pid" 2>/dev/null; umount -l "$work/dead-fuse" 2>/dev/null; fi
    if [ -n "$pg_data" ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1; fi
    if [ -n "$trash_id" ]; then
        /usr/bin/hostguard trash restore "$trash_id" >/dev/null 2>&1 || log "could not restore the planted item $trash_id (see /.hostguard-trash)"
        rm -rf /root/hostguard-dirty-host-item
        [ -n "${made_trash-}" ] && rmdir /.hostguard-trash 2>/dev/null
    fi
    if [ -f "$work/stale.backup" ]; then cp -p "$work/stale.backup" "$stale"; else rm -f "$stale"; fi
    [ -n "${made_run_dir-}" ] && rmdir /run/hostguard 2>/dev/null
    if [ -n "$we_installed_package" ]; then
        dpkg --purge hostguard >/dev/null 2>&1 || log "dpkg --purge hostguard failed"
        [ -n "${made_registry-}" ] && rm -rf /var/lib/hostguard
    elif [ -f "$work/toml.backup" ]; then
        cp -p "$work/toml.backup" "$toml"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the planted state ---------------------------------------------------------------------------

# 1. The stale-mounts notice, in the real /run/hostguard.
[ -d /run/hostguard ] || { mkdir -p /run/hostguard; made_run_dir=1; }
[ -f "$stale" ] && cp -p "$stale" "$work/stale.backup"
printf '64 %s\n' "$(date +%s)" > "$stale"
stale_sum=$(sha256sum < "$stale")
log "planted $stale: $(cat "$stale")"

# 2. The package, with an edited config.
if [ "$(dpkg-query -W -f='${Status}' hostguard 2>/dev/null)" != "install ok installed" ]; then
    log "building and installing the hostguard package (make deb)"
    [ -e /var/lib/hostguard ] || made_registry=1
    (cd "$here" && make -s deb) > "$out/make-deb.log" 2>&1 || { log "make deb failed: $out/make-deb.log"; exit 1; }
    deb="$here/$(tail -n 1 "$out/make-deb.log")"
    dpkg -i "$deb" > "$out/dpkg-i.log" 2>&1 || { log "dpkg -i failed: $out/dpkg-i.log"; exit 1; }
    we_installed_package=1
else
    cp -p "$toml" "$work/toml.backup"
    log "the hostguard package was already installed: using it (its config is put back afterwards)"
fi
cat >> "$toml" <<'EOF'

# Edited by Tests/dirty-host/run.sh: an operator's own settings. A test that reads this file
# instead of its own sees a production host that refuses everything under /tmp.
[host]
environment = "production"
cluster = "dirty-host"

[[protect]]
path = "/tmp"
level = "deny"
note = "dirty-host: a test read the host's /etc/hostguard"
EOF
toml_sum=$(sha256sum < "$toml")
log "edited $toml ($(wc -l < "$toml") lines)"

# 3. An item of our own in the host's trash, quarantined by the installed package.
item=/root/hostguard-dirty-host-item
[ -e /.hostguard-trash ] || made_trash=1
rm -rf "$item"; mkdir -p "$item/sub"
printf 'dirty host\0bytes\n' > "$item/sub/data"; head -c 65536 /dev/urandom > "$item/random"
chmod 0640 "$item/sub/data"; chown 1234:5678 "$item/sub/data"; ln -s sub/data "$item/link"
setsid -w /usr/bin/hostguard guard --confirm "$host" --quarantine -- rm -rf "$item" 2> "$out/quarantine.log"
trash_id=$(sed -n 's/.*quarantined as \([^;]*\);.*/\1/p' "$out/quarantine.log")
[ -n "$trash_id" ] && [ ! -e "$item" ] || { log "could not quarantine the planted item: $(cat "$out/quarantine.log")"; exit 1; }
trash_entry=/.hostguard-trash/$trash_id
snapshot_trash() {
    (cd "$trash_entry" && find . -printf '%p %m %U %G %y %l %s\n' | sort && find . -type f -exec sha256sum {} + | sort) 2>&1
}
snapshot_trash > "$work/trash.before"
log "quarantined $item as $trash_id ($(wc -l < "$work/trash.before") lines of snapshot)"

# 4. 2,000 sleeping processes.
for _ in $(seq 2000); do sleep 100000 & sleepers+=($!); done
log "started ${#sleepers[@]} sleeping processes ($(ls -d /proc/[0-9]* | wc -l) processes on the host)"

# 5. A FUSE mount that never answers.
mkdir -p "$work/dead-fuse"
python3 "$here/Tests/tools/dead-fuse-mount.py" "$work/dead-fuse" "$work/fuse-ready" & fuse_pid=$!
for _ in $(seq 200); do [ -s "$work/fuse-ready" ] && break; sleep 0.05; done
[ -s "$work/fuse-ready" ] || { log "the dead FUSE mount did not come up"; exit 1; }
log "dead FUSE mount at $work/dead-fuse (server pid $fuse_pid never answers)"

# 6. Another PostgreSQL cluster on 5432.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if ss -ltn 2>/dev/null | grep -qE '[:.]5432\b'; then
    log "port 5432 is already in use: that server is the other cluster"
elif [ -n "$pg_bin" ]; then
    pg_data=$work/pg
    mkdir -p "$pg_data" && chown postgres: "$pg_data" && chmod 0755 "$work"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust > "$out/initdb.log" 2>&1 &&
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/postgres.log" -w \
            -o "-p 5432 -c listen_addresses=127.0.0.1 -k $pg_data" start > "$out/pg_ctl.log" 2>&1 ||
        { log "could not start PostgreSQL on 5432: $out/pg_ctl.log"; pg_data=; exit 1; }
    log "PostgreSQL $(basename "$(dirname "$pg_bin")") running on 5432 from $pg_data"
else
    log "no PostgreSQL installed (make test-deps installs it): no cluster on 5432"; exit 1
fi

# --- the runs ------------------------------------------------------------------------------------

check_state() {
    # A full `hostguard mounts` run by anyone on the machine (a person, another checkout's tests)
    # rewrites this file too: the message says when, so a change outside the runs can be told apart.
    [ "$(sha256sum < "$stale" 2>/dev/null)" = "$stale_sum" ] ||
        fail "$1: $stale changed: \"$(tr -d '\n' < "$stale" 2>&1)\", written $(date -u -r "$stale" +%H:%M:%S 2>&1)"
    [ "$(sha256sum < "$toml" 2>/dev/null)" = "$toml_sum" ] || fail "$1: $toml changed"
    [ "$(dpkg-query -W -f='${Status}' hostguard 2>/dev/null)" = "install ok installed" ] || fail "$1: the hostguard package is no longer installed"
    snapshot_trash > "$work/trash.after"
    cmp -s "$work/trash.before" "$work/trash.after" || fail "$1: the quarantined item changed: $(diff "$work/trash.before" "$work/trash.after" | head -5)"
    /usr/bin/hostguard trash list 2>/dev/null | grep -q "$trash_id" || fail "$1: hostguard trash list no longer shows $trash_id"
    kill -0 "$fuse_pid" 2>/dev/null || fail "$1: the dead FUSE server is gone"
    [ -z "$pg_data" ] || runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null || fail "$1: the PostgreSQL on 5432 stopped"
    local alive=0; for pid in "${sleepers[@]}"; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
    [ "$alive" = "${#sleepers[@]}" ] || fail "$1: only $alive of ${#sleepers[@]} sleeping processes left"
    log "$1: planted state checked"
}
check_state "before the runs"

clone=$work/hostguard
git clone -q "$here" "$clone" || { log "git clone failed"; exit 1; }
log "cloned $(git -C "$clone" rev-parse --short HEAD) into $clone"
for run in $(seq "$runs"); do
    log "make test (as CI runs it: .ci/run, no terminal), run $run of $runs (log: $out/make-test-$run.log)"
    start=$(date +%s)
    (cd "$clone" && CI=true setsid -w bash .ci/run) < /dev/null > "$out/make-test-$run.log" 2>&1
    status=$?
    summary=$(grep -E '^(✔|✘) Test run with' "$out/make-test-$run.log" | tail -n 1)
    log "run $run: exit $status after $(( $(date +%s) - start )) s: ${summary:-no summary line}"
    [ "$status" = 0 ] || { fail "run $run: make test exited $status"; grep -E '^✘ Test .*(failed|recorded)' "$out/make-test-$run.log" | head -20 | tee -a "$out/summary"; }
    check_state "after run $run"
done

if [ "$failed" = 0 ]; then log "PASS: $runs runs green on the dirty host, planted state intact"; else log "FAILED (see above)"; fi
exit "$failed"
