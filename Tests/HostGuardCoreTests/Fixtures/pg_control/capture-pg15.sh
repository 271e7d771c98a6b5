#!/bin/sh
# Captures real pg_control images from a PostgreSQL 15 primary and a pg_basebackup -R standby
# in each state they pass through. Run as root on Debian 12 with the `postgresql` package;
# the servers run as the postgres user on loopback ports 55431/55432 and are stopped at the end.
set -eu
out=$(cd "$(dirname "$0")" && pwd)
bin=/usr/lib/postgresql/15/bin
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
cp "$work/primary/global/pg_control" "$out/pg15-primary-shut-down-initdb.bin"
as_pg $bin/pg_ctl -D "$work/primary" -o "-p 55431 -k $work -c listen_addresses=127.0.0.1" -l "$work/primary.log" -w start >/dev/null
cp "$work/primary/global/pg_control" "$out/pg15-primary-in-production.bin"
as_pg $bin/pg_basebackup -h 127.0.0.1 -p 55431 -D "$work/standby" -R -X stream >/dev/null
as_pg $bin/pg_ctl -D "$work/standby" -o "-p 55432 -k $work -c listen_addresses=127.0.0.1" -l "$work/standby.log" -w start >/dev/null
sleep 1
cp "$work/standby/global/pg_control" "$out/pg15-standby-in-archive-recovery.bin"
as_pg $bin/pg_ctl -D "$work/standby" -w stop >/dev/null
cp "$work/standby/global/pg_control" "$out/pg15-standby-shut-down-in-recovery.bin"
as_pg $bin/pg_ctl -D "$work/standby" -o "-p 55432 -k $work -c listen_addresses=127.0.0.1" -l "$work/standby.log" -w start >/dev/null
as_pg $bin/pg_ctl -D "$work/standby" -w promote >/dev/null
as_pg $bin/psql -h 127.0.0.1 -p 55432 -d postgres -Atc 'CHECKPOINT' >/dev/null
cp "$work/standby/global/pg_control" "$out/pg15-promoted-in-production.bin"
as_pg $bin/pg_ctl -D "$work/primary" -m immediate stop >/dev/null
cp "$work/primary/global/pg_control" "$out/pg15-primary-crashed-in-production.bin"
as_pg $bin/pg_ctl -D "$work/standby" -w stop >/dev/null
cp "$work/standby/global/pg_control" "$out/pg15-promoted-shut-down.bin"
for f in "$out"/pg15-*.bin; do
    printf '%s: ' "$(basename "$f")"
    cp "$f" "$work/pg_control" 
    mkdir -p "$work/view/global" && cp "$f" "$work/view/global/pg_control" && chown -R postgres: "$work/view" && chmod 700 "$work/view"
    as_pg $bin/pg_controldata -D "$work/view" | grep -E 'cluster state|TimeLineID' | head -2 | tr '\n' ' '
    echo
done
